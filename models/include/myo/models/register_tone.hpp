#pragma once
#include "myo/sim/registry.hpp"

namespace myo::models {

/// "toned_muscle" (toned_muscle.hpp), with every tone, release, thixotropy and injury parameter.
/// Called by register_builtin after "blemker_muscle", whose parameters it shares (all but
/// activation, which the tone replaces); throws std::logic_error if that is not registered yet.
void register_tone(sim::Registry& registry);

}  // namespace myo::models
