#pragma once
// Preset files (models/data/device_catalogue.yaml, tissue_library.yaml): YAML documents
//     kind: device | material
//     presets:
//       NAME: {model: MODEL, params: {KEY: QUANTITY, ...}, source: TEXT, doc: TEXT}
// Quantities carry units as in scenarios ("64 mm", "0.53 kPa", "30 deg"); they are stored in SI
// with their SI unit, so a preset of a model that is not registered can still be written back
// into a scenario with its unit.
#include <string>
#include <vector>

#include "myo/sim/registry.hpp"

namespace myo::sim {

/// Parse a preset file. `origin` (e.g. "models/data/device_catalogue.yaml") starts every error
/// message, followed by the key path: "...yaml: presets.thumb.params.radius: ...". Throws
/// std::invalid_argument for malformed YAML, a missing key, an unknown key or a bad quantity.
std::vector<Preset> parse_presets(const std::string& yaml_text, const std::string& origin);

/// Parse the presets and add them to the registry. A preset whose model is registered is checked
/// against the model's spec (keys, ranges, required keys, units) here; one whose model is not
/// registered is only checked when a scenario uses it.
void add_presets(Registry& registry, const std::string& yaml_text, const std::string& origin);

}  // namespace myo::sim
