#include "myo/models/register_deformable_ball.hpp"

#include <limits>
#include <stdexcept>

#include "myo/models/param_helpers.hpp"

namespace myo::models {
namespace {

constexpr auto param = make_param;

}  // namespace

void register_deformable_ball(sim::Registry& registry) {
  constexpr double kRequired = std::numeric_limits<double>::quiet_NaN();
  sim::ModelSpec spec;
  spec.kind = "device";
  spec.name = "deformable_ball";
  spec.summary =
      "meshed neo-Hookean ball, W = mu/2 (I1_bar - 3) + kappa/2 (J - 1)^2, touching the tissue "
      "through two-body penalty contact and driven through its equator (or top cap)";
  spec.source = "Hertz 1882 for two elastic spheres: 1/E* = (1 - nu1^2)/E1 + (1 - nu2^2)/E2";
  sim::ParamSpec d = param("diameter", "m", kRequired, 0.0, 1.0, "ball diameter", "device geometry");
  d.min_exclusive = true;
  d.unit_required = true;
  sim::ParamSpec mu = param("shear_modulus", "Pa", kRequired, 0.0, 1e10, "small-strain shear modulus of the ball",
                            "device firmness (from Shore hardness: models/shore_hardness)");
  mu.min_exclusive = true;
  spec.params = {d, mu,
                 param("poisson_ratio", "-", 0.45, 0.0, 0.499, "small-strain Poisson's ratio of the ball",
                       "assumed: solid rubber or elastomer balls are nearly incompressible, foam balls are "
                       "not (nu ~ 0.1-0.3)"),
                 param("cells", "-", 12, 1, 64, "cells along 45 degrees of the ball's great circle (mesh resolution)",
                       "assumed: facets of R pi/48 keep the faceted ball within 0.05 % of R of the sphere"),
                 param("pole_grading", "-", 1, 1, 100,
                       "angular cell size at 45 degrees / at the poles (refines the contact of small indentations)",
                       "assumed: 1 (uniform); > 1 coarsens the facets away from the pole, which a deep "
                       "indentation reaches"),
                 param("shell_grading", "-", 1, 0.01, 100,
                       "thickness of the innermost shell layer / the outermost (> 1 refines toward the surface)",
                       "assumed: 1 (uniform)")};
  registry.add_device(spec, [](const sim::ParamValues&) -> std::shared_ptr<const sim::RigidSurface> {
    throw std::invalid_argument("deformable_ball is a meshed body, not a rigid surface: the scenario builds it");
  });
}

}  // namespace myo::models
