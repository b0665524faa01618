#include "myo/models/register_devices.hpp"

#include "myo/models/rigid_sphere.hpp"

namespace myo::models {

void register_devices(sim::Registry& registry) {
  sim::ModelSpec sphere;
  sphere.kind = "device";
  sphere.name = "sphere";
  sphere.summary = "rigid sphere, exact signed distance g = |x - c| - R";
  sphere.source = "Hertz 1882 (contact of a sphere with an elastic half-space)";
  sim::ParamSpec d;
  d.name = "diameter";
  d.unit = "m";
  d.min = 0.0;
  d.min_exclusive = true;
  d.long_name = "sphere diameter";
  d.source = "device geometry";
  d.unit_required = true;
  sphere.params = {d};
  registry.add_device(sphere, [](const sim::ParamValues& p) {
    return std::make_shared<const RigidSphere>(p.at("diameter"));
  });
}

}  // namespace myo::models
