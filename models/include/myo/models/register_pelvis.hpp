#pragma once
// Registers the pelvis model: its parameters (kind "pelvis", spec only: sim/ builds nothing from
// it) and the study "pelvic_alignment" (kind "study", pelvic_alignment_study.hpp).
#include "myo/sim/registry.hpp"

namespace myo::models {

void register_pelvis(sim::Registry& registry);

}  // namespace myo::models
