#include "myo/sim/preset_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <set>
#include <stdexcept>

#include "myo/sim/units.hpp"

namespace myo::sim {
namespace {

[[noreturn]] void fail(const std::string& origin, const std::string& path, const std::string& what) {
  throw std::invalid_argument(origin + ": " + path + ": " + what);
}

std::string scalar(const YAML::Node& map, const std::string& key, const std::string& origin,
                   const std::string& path) {
  const YAML::Node n = map[key];
  const std::string key_path = path.empty() ? key : path + "." + key;
  if (!n.IsDefined() || n.IsNull()) fail(origin, key_path, "is missing");
  if (!n.IsScalar()) fail(origin, key_path, "should be a single value");
  return n.Scalar();
}

Preset parse_one(const std::string& kind, const std::string& name, const YAML::Node& node,
                 const std::string& origin) {
  const std::string path = "presets." + name;
  if (!node.IsMap()) fail(origin, path, "should be a mapping {model, params, source, doc}");
  static const std::set<std::string> known = {"model", "params", "source", "doc"};
  for (const auto& kv : node)
    if (!known.count(kv.first.Scalar()))
      fail(origin, path + "." + kv.first.Scalar(), "unknown key; expected model, params, source, doc");
  Preset p;
  p.kind = kind;
  p.name = name;
  p.model = scalar(node, "model", origin, path);
  p.source = scalar(node, "source", origin, path);
  p.doc = scalar(node, "doc", origin, path);
  const YAML::Node params = node["params"];
  if (params.IsDefined() && !params.IsMap()) fail(origin, path + ".params", "should be a mapping");
  for (const auto& kv : params) {
    const std::string key = kv.first.Scalar(), key_path = path + ".params." + key;
    if (!kv.second.IsScalar()) fail(origin, key_path, "should be a quantity");
    try {
      const Quantity q = parse_quantity_si(kv.second.Scalar(), key_path);
      p.params[key] = q.value_si;
      p.units[key] = q.unit_si.empty() ? "-" : q.unit_si;
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(origin + ": " + e.what());
    }
  }
  return p;
}

const ModelSpec* registered_spec(const Registry& registry, const Preset& p) {
  if (p.kind == "material" && registry.has_material(p.model)) return &registry.material_spec(p.model);
  if (p.kind == "device" && registry.has_device(p.model)) return &registry.device_spec(p.model);
  return nullptr;
}

void check_against_spec(const ModelSpec& spec, const Preset& p, const std::string& origin) {
  const std::string path = "presets." + p.name + ".params";
  try {
    spec.resolve(p.params, path);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(origin + ": " + e.what());
  }
  for (const auto& [key, unit] : p.units) {
    const std::string expected = spec.find(key)->unit.empty() ? "-" : spec.find(key)->unit;
    if (unit != expected)
      fail(origin, path + "." + key, "has units of " + unit + "; expected " + expected);
  }
}

}  // namespace

std::vector<Preset> parse_presets(const std::string& yaml_text, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::ParserException& e) {
    throw std::invalid_argument(origin + ": malformed YAML at line " + std::to_string(e.mark.line + 1) +
                                ": " + e.msg);
  }
  if (!root.IsMap()) fail(origin, "(document)", "should be a mapping {kind, presets}");
  const std::string kind = scalar(root, "kind", origin, "");
  const YAML::Node presets = root["presets"];
  if (!presets.IsMap()) fail(origin, "presets", "should be a mapping of preset names");
  std::vector<Preset> out;
  for (const auto& kv : presets) out.push_back(parse_one(kind, kv.first.Scalar(), kv.second, origin));
  return out;
}

void add_presets(Registry& registry, const std::string& yaml_text, const std::string& origin) {
  for (Preset& p : parse_presets(yaml_text, origin)) {
    if (const ModelSpec* spec = registered_spec(registry, p)) check_against_spec(*spec, p, origin);
    registry.add_preset(std::move(p));
  }
}

}  // namespace myo::sim
