#pragma once
// The study "hip_flexor_bridge" (sim/study.hpp): the chain the popular advice tells, run link by
// link through the project's models, each link a function that can be called alone:
//
//   1. a sitting day (sitting_day.hpp, tone_phases.hpp): the tone model at one point, held as
//      short as the pelvis model's iliacus path is at the sitting hip flexion -> tone a and
//      resting-length factor rho of the hip flexors;
//   2. posture (pelvis_posture.hpp): standing tilt and lumbar extension, and the running stride's
//      terminal stance, with HipFlexorTightness{rho, a};
//   3. a hook-tip release on the hip region (hook_release.hpp): a finite-element run, iliacus and
//      psoas toned_muscle starting from the day's state, tip ramped to a force and held;
//   4. the new tone of the whole hip flexors: the modelled iliacus and psoas volumes at their
//      end-of-hold tone, the rest of the muscles' volume (hip_flexor_volume) untouched,
//          a_new = (V_il a_il + V_ps a_ps + (V - V_il - V_ps) a_untouched) / V,
//      and rho likewise -> the new posture; and again after `rest_time` without pressure: the
//      released fraction decays as exp(-t / recovery_tau) at every point (the thixotropic tone is
//      uniform), so the volume mean decays the same way.
//   For comparison, the same day followed by an easy run instead of the hook (run_time).
//
// History: one row per stage (morning, after the day, end of the hold, the same time without the
// hook, after the rest, after a run instead), summary: each link's figures and the changes they
// make (changes from the state after the day; hook_effect_*: end of the hold minus the same time
// without the hook, which isolates what the pressure did).
//
// What it does not know: the posture sees one hip-flexor tightness for iliacus and psoas alike;
// the model region is a 100 mm piece of the muscles (hip_flexor_volume says how much of them
// that is, assumed); the press is vertical; the tone model's amounts are assumed (tone_dynamics.hpp).
#include "myo/models/hook_release.hpp"
#include "myo/models/pelvis_model.hpp"
#include "myo/models/sitting_day.hpp"
#include "myo/models/tone_dynamics.hpp"
#include "myo/sim/model_spec.hpp"
#include "myo/sim/registry.hpp"
#include "myo/sim/study.hpp"

namespace myo::models {

/// The release setup from values resolved against hip_flexor_bridge_spec (release_force,
/// release_ramp, release_hold, release_dt_max, release_tip_x, cells_x, cells_y, cells_per_layer; SI).
/// Throws std::invalid_argument naming a cell count that is not a whole number.
HookRelease hook_release_from(const sim::ParamValues& values);

/// The day from values resolved against hip_flexor_bridge_spec (sitting_time, sitting_hip_flexion,
/// standing_time; SI). The study's run_time is a comparison after the day, not part of it: run_s = 0.
SittingDay sitting_day_from(const sim::ParamValues& values);

/// The tightness of the whole hip flexors and the released fraction of their tone (-).
struct WholeHipFlexors {
  HipFlexorTightness tightness;    ///< rho and tone a (-)
  double released_fraction = 0.0;  ///< 1 - a / a_untouched (-)
};

/// {rho, a} of a tone state at a point without a knot: rho = 1 - delta_m - delta_p,
/// a = tone_from(baseline_tone, state).
HipFlexorTightness tightness_of(const ToneDynamics& dynamics, const ToneState& state);

/// Link 4 at the end of the hold: the volume means of the release run's iliacus and psoas, the rest
/// of hip_flexor_volume_m3 (m^3) at `untouched` (the day's state carried through the same time
/// without pressure). Throws std::invalid_argument naming hip_flexor_volume when it is smaller
/// than the modelled iliacus and psoas.
WholeHipFlexors whole_hip_flexors(const ToneDynamics& dynamics, const HookReleaseResult& release,
                                  const ToneState& untouched, double hip_flexor_volume_m3);

/// Link 4 after rest_s (s) without pressure from the end of the hold: the state goes on from
/// `untouched` and the released fraction decays as exp(-rest_s / recovery_tau).
WholeHipFlexors after_rest(const ToneDynamics& dynamics, const ToneState& untouched, double released_fraction,
                           double rest_s);

/// Spec: the day (sitting_time, sitting_hip_flexion, standing_time), the release (release_force,
/// release_ramp, release_hold, release_tip_x, release_dt_max, cells_x, cells_y, cells_per_layer),
/// rest_time, run_time, hip_flexor_volume, the tone parameters of hook_release_tone_keys() (their
/// specs copied from the registry's toned_muscle) and the pelvis's (pelvis_param_specs() without
/// hip_flexor_rho and hip_flexor_tone, which the chain computes).
sim::ModelSpec hip_flexor_bridge_spec(const sim::Registry& registry);

/// The runner (sim::StudyRunner); the release run writes into context.out_dir + "/release".
sim::RunResult run_hip_flexor_bridge(const sim::ParamValues& values, const sim::StudyContext& context);

}  // namespace myo::models
