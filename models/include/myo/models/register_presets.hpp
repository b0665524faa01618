#pragma once
#include "myo/sim/registry.hpp"

namespace myo::models {

/// The named presets: the device catalogue (models/data/device_catalogue.yaml) and the tissue
/// library (models/data/tissue_library.yaml), embedded into the build. Called last by
/// register_builtin, so that every preset of a registered model is checked against its spec.
void register_presets(sim::Registry& registry);

}  // namespace myo::models
