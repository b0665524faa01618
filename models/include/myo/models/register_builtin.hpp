#pragma once
// The one explicit list of built-in models: every material, device, anatomy and load that a
// scenario can name is registered here, with its parameter specification.
#include "myo/sim/registry.hpp"

namespace myo::models {

/// Register every built-in model (materials: "neo_hookean", "mooney_rivlin", "ogden").
/// Material factories set U(J) = kappa/2 (J - 1)^2; the scenario parser may replace the
/// volumetric form afterwards through sim::Material::set_volumetric.
void register_builtin(sim::Registry& registry);

}  // namespace myo::models
