#pragma once
// One registry of named models. sim/ defines the mechanism; models/ fills it through its one
// explicit registration function, myo::models::register_builtin(Registry&).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "myo/sim/material.hpp"
#include "myo/sim/model_spec.hpp"
#include "myo/sim/rigid_surface.hpp"

namespace myo::sim {

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

  /// Every registered model, sorted by kind then name.
  std::vector<ModelSpec> specs() const;

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
};

}  // namespace myo::sim
