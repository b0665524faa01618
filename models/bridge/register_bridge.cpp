#include "myo/models/register_bridge.hpp"

#include <stdexcept>

#include "myo/models/hip_flexor_bridge.hpp"

namespace myo::models {

void register_bridge(sim::Registry& registry) {
  if (!registry.has_material("toned_muscle"))
    throw std::logic_error("register_bridge: register the tone model first (the study copies toned_muscle's parameters)");
  registry.add_study(hip_flexor_bridge_spec(registry), run_hip_flexor_bridge);
}

}  // namespace myo::models
