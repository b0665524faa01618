#include "myo/models/register_devices.hpp"

#include "myo/models/param_helpers.hpp"

#include <numbers>
#include <utility>

#include "myo/models/rigid_cone.hpp"
#include "myo/models/rigid_cylinder.hpp"
#include "myo/models/rigid_flat_punch.hpp"
#include "myo/models/rigid_hook.hpp"
#include "myo/models/rigid_sphere.hpp"

namespace myo::models {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

/// A device parameter (m or rad) > min; NaN default = required. Lengths need a unit in scenarios.
sim::ParamSpec geometry(std::string name, std::string unit, std::string long_name,
                        std::string source, double default_value = sim::ParamSpec{}.default_value,
                        double min = 0.0, double max = sim::ParamSpec{}.max) {
  sim::ParamSpec p = make_param(std::move(name), std::move(unit), default_value, min, max, std::move(long_name),
                                std::move(source));
  p.min_exclusive = true;
  p.unit_required = true;
  return p;
}

sim::ModelSpec device(std::string name, std::string summary, std::string source,
                      std::vector<sim::ParamSpec> params) {
  sim::ModelSpec spec;
  spec.kind = "device";
  spec.name = std::move(name);
  spec.summary = std::move(summary);
  spec.source = std::move(source);
  spec.params = std::move(params);
  return spec;
}

void register_sphere(sim::Registry& registry) {
  registry.add_device(
      device("sphere", "rigid sphere, exact signed distance g = |x - c| - R",
             "Hertz 1882 (contact of a sphere with an elastic half-space)",
             {geometry("diameter", "m", "sphere diameter", "device geometry")}),
      [](const sim::ParamValues& p) {
        return std::make_shared<const RigidSphere>(p.at("diameter"));
      });
}

void register_cylinder(sim::Registry& registry) {
  registry.add_device(
      device("cylinder",
             "rigid finite cylinder (foam roller), axis along body x, end edges rounded by a "
             "torus: g = |(u, v)|_corner - e, u = |x| - (L/2 - e), v = rho - (R - e)",
             "exact signed distance (see rigid_cylinder.hpp); line contact: Johnson 1985, "
             "Contact Mechanics",
             {geometry("diameter", "m", "roller diameter", "device geometry"),
              geometry("length", "m", "roller length along its axis", "device geometry"),
              geometry("edge_radius", "m",
                       "radius of the rounded edges of the end faces (< diameter/2, < length/2)",
                       "assumed: a few mm, as a moulded or cut foam edge", 0.005)}),
      [](const sim::ParamValues& p) {
        return std::make_shared<const RigidCylinder>(p.at("diameter"), p.at("length"),
                                                     p.at("edge_radius"));
      });
}

void register_flat_punch(sim::Registry& registry) {
  registry.add_device(
      device("flat_punch",
             "rigid flat-ended cylindrical punch, face at z = 0 facing -z, edge rounded by a "
             "fillet torus (thumb pad, algometer disc)",
             "Sneddon 1965, Int. J. Eng. Sci. 3:47 (F = 2 E* a d for a sharp rigid flat punch)",
             {geometry("radius", "m", "punch radius a (face plus fillet)", "device geometry"),
              geometry("fillet", "m", "fillet radius of the face's edge (< radius)",
                       "device geometry"),
              geometry("height", "m",
                       "height of the modelled body (> 2 fillet; its top is rounded the same way)",
                       "assumed: only the face touches the tissue", 0.03)}),
      [](const sim::ParamValues& p) {
        return std::make_shared<const RigidFlatPunch>(p.at("radius"), p.at("fillet"),
                                                      p.at("height"));
      });
}

void register_cone(sim::Registry& registry) {
  registry.add_device(
      device("cone",
             "rigid sphere-capped cone, axis along body z opening upward; the spherical sector "
             "(half-angle alpha, radius length) grown by the tip radius",
             "exact signed distance (see rigid_cone.hpp)",
             {geometry("included_angle", "rad", "included angle 2 alpha of the cone",
                       "device geometry", sim::ParamSpec{}.default_value, 0.0, 180.0 * kDeg),
              geometry("tip_radius", "m", "radius of the spherical cap at the tip",
                       "device geometry"),
              geometry("length", "m", "slant length of the sharp cone (> tip_radius)",
                       "assumed: only the tip touches the tissue", 0.05)}),
      [](const sim::ParamValues& p) {
        return std::make_shared<const RigidCone>(p.at("included_angle"), p.at("tip_radius"),
                                                 p.at("length"));
      });
}

void register_hook(sim::Registry& registry) {
  sim::ParamSpec approach = geometry("approach_angle", "rad",
                                     "angle between the arm's end tangent and the pressing "
                                     "direction -z (< 90 deg)",
                                     "device geometry", sim::ParamSpec{}.default_value, 0.0,
                                     89.0 * kDeg);
  approach.min_exclusive = false;
  sim::ParamSpec fillet = geometry("crease_fillet", "m",
                                   "radius of the fillet rounding the crease where the arm meets the tip "
                                   "(0: sharp; <= tip_radius)",
                                   "assumed: a moulded device is filleted; no dimension published", 0.0);
  fillet.min_exclusive = false;
  registry.add_device(
      device("hook",
             "rigid end of a curved arm: a capsule of width tip_width across the arm plane "
             "(body y) at the tip, and a tube about a circular arc in the x-z plane; "
             "g = min(g_tip, g_arm), or their smooth union with a crease fillet",
             "exact signed distance of a union of swept spheres (see rigid_hook.hpp)",
             {geometry("tip_radius", "m", "radius of the tip (and of the arm tube)",
                       "device geometry"),
              geometry("tip_width", "m", "full width of the tip across the arm plane (>= 2 tip_radius)",
                       "device geometry"),
              geometry("arm_bend_radius", "m", "radius of the arm's bend (> tip_radius)",
                       "device geometry"),
              approach,
              geometry("arm_sweep", "rad", "angle of arc of the modelled arm",
                       "assumed: only the arm's end is near the tissue", 90.0 * kDeg, 0.0,
                       180.0 * kDeg),
              fillet}),
      [](const sim::ParamValues& p) {
        return std::make_shared<const RigidHook>(p.at("tip_radius"), p.at("tip_width"),
                                                 p.at("arm_bend_radius"),
                                                 p.at("approach_angle"), p.at("arm_sweep"),
                                                 p.at("crease_fillet"));
      });
}

}  // namespace

void register_devices(sim::Registry& registry) {
  register_sphere(registry);
  register_cylinder(registry);
  register_flat_punch(registry);
  register_cone(registry);
  register_hook(registry);
}

}  // namespace myo::models
