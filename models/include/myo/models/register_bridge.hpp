#pragma once
// Registers the study "hip_flexor_bridge" (hip_flexor_bridge.hpp). Call after the tone model
// (its toned_muscle parameters are copied into the study's spec), the pelvis and the anatomy.
#include "myo/sim/registry.hpp"

namespace myo::models {

void register_bridge(sim::Registry& registry);

}  // namespace myo::models
