#pragma once
#include "myo/sim/registry.hpp"

namespace myo::models {

/// The rigid devices (called by register_builtin).
void register_devices(sim::Registry& registry);

}  // namespace myo::models
