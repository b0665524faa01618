#pragma once
// Registration of the anatomy generators (mesh: {generator: NAME, ...}).
#include "myo/sim/registry.hpp"

namespace myo::models {

/// "hip_region": the section through the iliac fossa near the ASIS (hip_region.hpp).
void register_anatomy(sim::Registry& registry);

}  // namespace myo::models
