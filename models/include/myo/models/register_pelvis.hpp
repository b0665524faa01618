#pragma once
// Registers the pelvis model's parameters (kind "pelvis", spec only: sim/ builds nothing from it).
#include "myo/sim/registry.hpp"

namespace myo::models {

void register_pelvis(sim::Registry& registry);

}  // namespace myo::models
