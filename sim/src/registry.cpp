// The registry of named models (see registry.hpp).
//
// Factories receive resolved SI values. A factory may still reject a combination that a single
// ParamSpec range cannot express (e.g. Ogden's alpha = 0); it then throws std::invalid_argument
// whose message starts with the offending key ("alpha: ..."), and make_material prefixes the
// scenario path so that the user sees "materials.tissue.alpha: ...".
#include "myo/sim/registry.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <stdexcept>

namespace myo::sim {

namespace {

template <class Map>
std::string known_names(const Map& entries) {
  std::string known;
  for (const auto& [key, entry] : entries) known += (known.empty() ? "" : ", ") + key;
  return known.empty() ? "(none)" : known;
}

template <class Map>
std::string unknown_material_message(const std::string& name, const Map& entries) {
  return "unknown material '" + name + "'; known materials: " + known_names(entries);
}

}  // namespace

void Registry::add_material(ModelSpec spec, MaterialFactory factory) {
  if (spec.name.empty()) throw std::invalid_argument("Registry::add_material: empty model name");
  if (!factory) {
    throw std::invalid_argument("Registry::add_material: no factory for '" + spec.name + "'");
  }
  if (materials_.count(spec.name) != 0) {
    throw std::invalid_argument("Registry::add_material: material '" + spec.name +
                                "' is already registered");
  }
  if (spec.kind.empty()) spec.kind = "material";
  const std::string key = spec.name;
  materials_.emplace(key, MaterialEntry{std::move(spec), std::move(factory)});
}

bool Registry::has_material(const std::string& name) const {
  return materials_.count(name) != 0;
}

const ModelSpec& Registry::material_spec(const std::string& name) const {
  const auto it = materials_.find(name);
  if (it == materials_.end()) {
    throw std::invalid_argument(unknown_material_message(name, materials_));
  }
  return it->second.spec;
}

std::unique_ptr<Material> Registry::make_material(const std::string& name,
                                                  const ParamValues& given,
                                                  const std::string& path) const {
  if (!has_material(name)) {
    const std::string message = unknown_material_message(name, materials_);
    throw std::invalid_argument(path.empty() ? message : path + ": " + message);
  }
  const ModelSpec& spec = material_spec(name);
  const ParamValues values = spec.resolve(given, path);
  try {
    return materials_.at(name).factory(values);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path.empty() ? std::string(e.what()) : path + "." + e.what());
  }
}

void Registry::add_device(ModelSpec spec, DeviceFactory factory) {
  if (spec.kind.empty()) spec.kind = "device";
  if (devices_.count(spec.name))
    throw std::invalid_argument("registry: device '" + spec.name + "' is registered twice");
  const std::string name = spec.name;
  devices_.emplace(name, DeviceEntry{std::move(spec), std::move(factory)});
}

bool Registry::has_device(const std::string& name) const { return devices_.count(name) > 0; }

const ModelSpec& Registry::device_spec(const std::string& name) const {
  auto it = devices_.find(name);
  if (it == devices_.end())
    throw std::invalid_argument("unknown device '" + name + "'; known devices: " + known_names(devices_));
  return it->second.spec;
}

std::shared_ptr<const RigidSurface> Registry::make_device(const std::string& name, const ParamValues& given,
                                                          const std::string& path) const {
  const ModelSpec& spec = device_spec(name);
  const ParamValues values = spec.resolve(given, path);
  try {
    return devices_.at(name).factory(values);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path.empty() ? std::string(e.what()) : path + "." + e.what());
  }
}

void Registry::add_anatomy(ModelSpec spec, AnatomyFactory factory) {
  if (spec.kind.empty()) spec.kind = "anatomy";
  if (anatomies_.count(spec.name))
    throw std::invalid_argument("registry: anatomy '" + spec.name + "' is registered twice");
  const std::string name = spec.name;
  anatomies_.emplace(name, AnatomyEntry{std::move(spec), std::move(factory)});
}

bool Registry::has_anatomy(const std::string& name) const { return anatomies_.count(name) > 0; }

const ModelSpec& Registry::anatomy_spec(const std::string& name) const {
  auto it = anatomies_.find(name);
  if (it == anatomies_.end())
    throw std::invalid_argument("unknown anatomy '" + name + "'; known anatomies: " + known_names(anatomies_));
  return it->second.spec;
}

Mesh Registry::make_anatomy(const std::string& name, const ParamValues& given, const std::string& path) const {
  const ParamValues values = anatomy_spec(name).resolve(given, path);
  try {
    return anatomies_.at(name).factory(values);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path.empty() ? std::string(e.what()) : path + "." + e.what());
  }
}

void Registry::add_study(ModelSpec spec, StudyRunner runner) {
  spec.kind = "study";
  if (spec.name.empty()) throw std::invalid_argument("Registry::add_study: empty name");
  if (studies_.count(spec.name)) throw std::invalid_argument("registry: study '" + spec.name + "' is registered twice");
  if (!runner) throw std::invalid_argument("Registry::add_study: study '" + spec.name + "' has no runner");
  const std::string name = spec.name;
  studies_.emplace(name, StudyEntry{std::move(spec), std::move(runner)});
}

bool Registry::has_study(const std::string& name) const { return studies_.count(name) > 0; }

const ModelSpec& Registry::study_spec(const std::string& name) const {
  auto it = studies_.find(name);
  if (it == studies_.end())
    throw std::invalid_argument("unknown study '" + name + "'; known studies: " + known_names(studies_));
  return it->second.spec;
}

const StudyRunner& Registry::study_runner(const std::string& name) const {
  study_spec(name);  // the error naming the known studies
  return studies_.at(name).runner;
}

std::vector<ModelSpec> Registry::specs() const {
  std::vector<ModelSpec> out;
  out.reserve(materials_.size() + devices_.size() + anatomies_.size());
  for (const auto& [key, entry] : materials_) out.push_back(entry.spec);
  for (const auto& [key, entry] : devices_) out.push_back(entry.spec);
  for (const auto& [key, spec] : spec_only_) out.push_back(spec);
  for (const auto& [key, entry] : anatomies_) out.push_back(entry.spec);
  for (const auto& [key, entry] : studies_) out.push_back(entry.spec);
  std::sort(out.begin(), out.end(), [](const ModelSpec& a, const ModelSpec& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
  });
  return out;
}

void Registry::add_model_spec(ModelSpec spec) {
  if (spec.kind.empty() || spec.name.empty())
    throw std::invalid_argument("Registry::add_model_spec: empty kind or name");
  auto key = std::make_pair(spec.kind, spec.name);
  if (spec_only_.count(key))
    throw std::invalid_argument("registry: " + spec.kind + " '" + spec.name + "' is registered twice");
  spec_only_.emplace(std::move(key), std::move(spec));
}

void Registry::add_preset(Preset preset) {
  if (preset.kind.empty() || preset.name.empty())
    throw std::invalid_argument("Registry::add_preset: empty kind or name");
  auto key = std::make_pair(preset.kind, preset.name);
  if (presets_.count(key))
    throw std::invalid_argument("registry: " + preset.kind + " preset '" + preset.name +
                                "' is registered twice");
  presets_.emplace(std::move(key), std::move(preset));
}

bool Registry::has_preset(const std::string& kind, const std::string& name) const {
  return presets_.count({kind, name}) > 0;
}

const Preset& Registry::preset(const std::string& kind, const std::string& name) const {
  const auto it = presets_.find({kind, name});
  if (it != presets_.end()) return it->second;
  std::string known;
  for (const auto& [key, p] : presets_)
    if (key.first == kind) known += (known.empty() ? "" : ", ") + key.second;
  throw std::invalid_argument("unknown " + kind + " preset '" + name + "'; known " + kind +
                              " presets: " + (known.empty() ? "(none)" : known));
}

std::vector<Preset> Registry::presets() const {
  std::vector<Preset> out;
  out.reserve(presets_.size());
  for (const auto& [key, p] : presets_) out.push_back(p);
  return out;
}

}  // namespace myo::sim
