#pragma once
// The release link of the hip-flexor bridge (hip_flexor_bridge.hpp): the hook tip pressed along
// its own line under the pelvic brim toward the iliac fossa (scenarios/hip_hook_oblique.yaml) on
// the hip region (hip_region.hpp) with the in vivo tissue presets, the force let on in decades and
// held, with the iliacus and psoas as toned_muscle (toned_muscle.hpp) on the in vivo matrix,
// starting from a given tone state (the sitting day's). A finite-element run of the one scenario
// parser: hook_release_yaml writes the scenario, run_hook_release runs it and reads what the hold
// released.
//
// What it does not know: the entry point, the line (30 deg from vertical) and the force are the
// user's or assumed; the hold ends at the end of the run (the tip is not lifted: recovery
// afterwards is the tone model's exponential, hip_flexor_bridge.cpp); the default mesh does not
// resolve the tip (the run warns), and the release is the tone model's (assumed amounts).
#include <string>

#include "myo/models/tone_dynamics.hpp"
#include "myo/models/tone_state.hpp"
#include "myo/sim/model_spec.hpp"
#include "myo/sim/registry.hpp"
#include "myo/sim/run_result.hpp"

namespace myo::models {

struct HookRelease {
  double force_N = 150.0;    ///< hook force at the hold (N): a fifth of a 75 kg body
  double ramp_s = 5.0;       ///< from 0 N to force_N, in decades (s)
  double hold_s = 60.0;      ///< at force_N (s)
  double dt_max_s = 10.0;    ///< largest time step of the hold (s); the ramp takes 40 steps
  double tip_x_m = 0.070;    ///< where the tip enters the skin, across the hip region (m): it
                             ///< travels 20 mm laterally under the brim to over the fossa
  int cells_x = 16, cells_y = 8;   ///< hip_region mesh
  double lateral_grading = 8.0;    ///< hip_region's grading toward the press point (-)
  int cells_per_layer = 0;   ///< 0: hip_region's defaults; else this many cells in every layer
};

/// Bulk modulus of the iliacus and psoas in the release run (Pa): toned_muscle_in_vivo's.
inline constexpr double kReleaseMuscleKappa_Pa = 20.0e6;

/// The toned_muscle parameters of the bridge that the release scenario passes on to the
/// iliacus and psoas (names as in the registry's toned_muscle spec).
const std::vector<std::string>& hook_release_tone_keys();

/// The tone model of the release's muscles: `tone` (SI values of hook_release_tone_keys(); missing
/// keys take the registry's defaults) resolved against the registry's toned_muscle spec, the
/// muscle's other parameters at their defaults. Throws std::invalid_argument naming a bad value.
ToneDynamics release_tone_dynamics(const sim::Registry& registry, const sim::ParamValues& tone);

/// The scenario (YAML text): hip_region, hook_tip preset with its arm along the body axis,
/// iliacus and psoas toned_muscle with `tone` (SI values of hook_release_tone_keys(), missing keys
/// take the registry's defaults) starting from `start`, target the iliacus within 30 mm.
std::string hook_release_yaml(const HookRelease& setup, const sim::ParamValues& tone, const ToneState& start);

struct HookReleaseResult {
  sim::RunResult run;                     ///< the finite-element run (its summary and history)
  double iliacus_volume_m3 = 0.0, psoas_volume_m3 = 0.0;  ///< reference volumes of the regions (m^3)
  double iliacus_tone = 0.0, psoas_tone = 0.0;            ///< volume means at the end of the hold (-)
  double iliacus_released = 0.0, psoas_released = 0.0;    ///< volume-mean released fraction q (-)
  double iliacus_released_max = 0.0;                      ///< largest point value of q (-)
  double iliacus_resting_length_factor = 1.0, psoas_resting_length_factor = 1.0;  ///< volume means (-)
};

/// The figures of a release run (finished or stopped): the region volumes from run.mesh and the
/// volume means of the last history row (0 for a column the run did not write).
HookReleaseResult hook_release_result(sim::RunResult run);

/// Runs hook_release_yaml(setup, tone, start) into out_dir ("": no files). A run that stops early
/// returns what it reached (run.completed false, run.message says why).
HookReleaseResult run_hook_release(const HookRelease& setup, const sim::ParamValues& tone, const ToneState& start,
                                   const sim::Registry& registry, const std::string& out_dir,
                                   const sim::ProgressCallback& progress = {});

}  // namespace myo::models
