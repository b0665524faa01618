#pragma once
#include "myo/sim/registry.hpp"

namespace myo::models {

/// The parameters of the meshed "deformable_ball" device (called by register_builtin). The ball is
/// not a rigid surface: the scenario meshes it (sim/deformable_ball.hpp), so its factory refuses.
void register_deformable_ball(sim::Registry& registry);

}  // namespace myo::models
