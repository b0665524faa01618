#pragma once
// One registry of named models. sim/ defines the mechanism; models/ fills it through its one
// explicit registration function, myo::models::register_builtin(Registry&).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "myo/sim/material.hpp"
#include "myo/sim/mesh.hpp"
#include "myo/sim/model_spec.hpp"
#include "myo/sim/rigid_surface.hpp"
#include "myo/sim/study.hpp"

namespace myo::sim {

/// A named set of parameter values of a model (a device of the catalogue, a tissue of the
/// library), used in a scenario as `device: {preset: lacrosse_ball}`. The model need not be
/// registered: a preset of an unregistered model fails only when a scenario uses it.
struct Preset {
  std::string kind;    ///< "device", "material"
  std::string name;    ///< e.g. "lacrosse_ball"
  std::string model;   ///< registry name of the model, e.g. "sphere"
  ParamValues params;  ///< SI values by key
  std::string source;  ///< where the values come from (citation, or "assumed" and why)
  std::string doc;     ///< one line: what it is
  std::map<std::string, std::string> units;  ///< SI unit of each params key ("m", "Pa", "-")
};

class Registry {
 public:
  using MaterialFactory = std::function<std::unique_ptr<Material>(const ParamValues&)>;

  void add_material(ModelSpec spec, MaterialFactory factory);
  bool has_material(const std::string& name) const;
  /// Throws std::invalid_argument listing the known names when `name` is unknown.
  const ModelSpec& material_spec(const std::string& name) const;
  /// Resolve `given` against the spec (defaults, ranges; errors name `path`) and build.
  std::unique_ptr<Material> make_material(const std::string& name, const ParamValues& given,
                                          const std::string& path) const;
  using DeviceFactory = std::function<std::shared_ptr<const RigidSurface>(const ParamValues&)>;
  void add_device(ModelSpec spec, DeviceFactory factory);
  bool has_device(const std::string& name) const;
  /// Throws std::invalid_argument listing the known names when `name` is unknown.
  const ModelSpec& device_spec(const std::string& name) const;
  std::shared_ptr<const RigidSurface> make_device(const std::string& name, const ParamValues& given,
                                                  const std::string& path) const;

  /// A model known by its parameters only, with no factory of a sim type (e.g. the pelvis model,
  /// which sim/ must not know): listed by specs(). Throws std::invalid_argument for an empty kind
  /// or name, or a (kind, name) already added.
  void add_model_spec(ModelSpec spec);
  /// An anatomy builds a mesh with named regions from its parameters (used as `mesh: {generator:
  /// NAME, ...}`). A factory throws std::invalid_argument starting with the key ("width: ...").
  using AnatomyFactory = std::function<Mesh(const ParamValues&)>;
  void add_anatomy(ModelSpec spec, AnatomyFactory factory);
  bool has_anatomy(const std::string& name) const;
  /// Throws std::invalid_argument listing the known names when `name` is unknown.
  const ModelSpec& anatomy_spec(const std::string& name) const;
  /// Resolve `given` against the spec and build; errors are prefixed with `path` ("mesh.width: ...").
  Mesh make_anatomy(const std::string& name, const ParamValues& given, const std::string& path) const;

  /// A study (kind "study"): a computation run from a scenario's `study:` block (study.hpp).
  void add_study(ModelSpec spec, StudyRunner runner);
  bool has_study(const std::string& name) const;
  /// Throws std::invalid_argument listing the known names when `name` is unknown.
  const ModelSpec& study_spec(const std::string& name) const;
  const StudyRunner& study_runner(const std::string& name) const;

  /// Every registered model, sorted by kind then name.
  std::vector<ModelSpec> specs() const;

  /// Throws std::invalid_argument for an empty kind or name, or a (kind, name) already added.
  void add_preset(Preset preset);
  bool has_preset(const std::string& kind, const std::string& name) const;
  /// Throws std::invalid_argument listing the known presets of that kind when there is none.
  const Preset& preset(const std::string& kind, const std::string& name) const;
  /// Every preset, sorted by kind then name.
  std::vector<Preset> presets() const;

 private:
  struct MaterialEntry {
    ModelSpec spec;
    MaterialFactory factory;
  };
  std::map<std::string, MaterialEntry> materials_;
  struct DeviceEntry {
    ModelSpec spec;
    DeviceFactory factory;
  };
  std::map<std::string, DeviceEntry> devices_;
  struct AnatomyEntry {
    ModelSpec spec;
    AnatomyFactory factory;
  };
  std::map<std::string, AnatomyEntry> anatomies_;
  struct StudyEntry {
    ModelSpec spec;
    StudyRunner runner;
  };
  std::map<std::string, StudyEntry> studies_;
  std::map<std::pair<std::string, std::string>, Preset> presets_;  ///< by (kind, name)
  std::map<std::pair<std::string, std::string>, ModelSpec> spec_only_;  ///< by (kind, name)
};

}  // namespace myo::sim
