#pragma once
// First link of the hip-flexor bridge (hip_flexor_bridge.hpp): a day at a desk for the iliacus and
// psoas, as phases of the tone model at one point (tone_phases.hpp). How short the muscle is while
// sitting is not assumed but read from the pelvis model: the iliacus's normalised fibre length
// on its gait2392 path at the sitting hip flexion, over that of quiet standing.
#include <numbers>
#include <vector>

#include "myo/models/pelvis_model.hpp"
#include "myo/models/tone_phases.hpp"

namespace myo::models {

struct SittingDay {
  double sitting_s = 8.0 * 3600.0;  ///< hours at the desk (s)
  double hip_flexion_rad = 90.0 * std::numbers::pi / 180.0;  ///< while sitting [assumed: a chair of knee height]
  double standing_s = 60.0;         ///< standing after the day, before anything else (s)
  double run_s = 0.0;               ///< an easy run after that (s); 0: none
  /// |d lambda_f / dt| while running (1/s): as scenarios/sitting_day.yaml, cycles of 20 s between
  /// +4 % and -12 % fibre stretch [assumed]; only whether it exceeds movement_rate matters.
  double run_fibre_rate_per_s = 0.016;
};

/// lambda_f while sitting (-): the iliacus's l~ at hip flexion `hip_flexion_rad`, the other joints
/// as in quiet standing, over its l~ standing (solve_standing).
double sitting_fibre_stretch(const PelvisModel& model, double hip_flexion_rad);

/// sitting (held at sitting_stretch), standing (at rest length, still), then the run if run_s > 0
/// (moving). Phases of zero length are left out.
std::vector<TonePhase> sitting_day_phases(const SittingDay& day, double sitting_stretch);

}  // namespace myo::models
