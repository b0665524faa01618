#pragma once
// Parameters of the phenomenological tone / release / thixotropy / injury-exposure model
// (tone_dynamics.hpp). SI units; defaults, ranges and sources are declared once, in the registry
// (models/tone/register_tone.cpp); the values below are the same defaults.
#include "myo/models/injury_threshold.hpp"
#include "myo/sim/material.hpp"
#include "myo/sim/model_spec.hpp"

namespace myo::models {

struct ToneParams {
  // ---- resting tone field a_rest(X) = a_b + (a_k - a_b) exp(-|X - c|^2 / R^2) ----
  double baseline = 0.01;                     ///< a_b, baseline tone (-), in [0, 1]
  sim::Vec3 knot_centre_m = sim::Vec3::Zero();  ///< c, knot centre, reference configuration (m)
  double knot_radius_m = 0.0;                 ///< R (m); 0: no knot
  double knot_peak = 0.01246;                 ///< a_k, tone at the knot centre (-), in [0, 1]

  // ---- release by sustained compression across the fibres ----
  double release_threshold = 0.10;  ///< e_th, compressive log strain across the fibres (-)
  double release_fraction = 0.0693;  ///< q_max, fraction of the tone that compression releases (-)
  double release_tau_s = 30.0;      ///< tau_rel (s)
  double recovery_tau_s = 60.0;     ///< tau_rec (s), return after the pressure ends

  // ---- thixotropy: tone built while held short, removed by movement ----
  double short_stretch = 0.95;        ///< lambda_short: fibre stretch below which "held short" (-)
  double thixotropy_amount = 0.004;   ///< h_max, tone added by a long hold short (-)
  double thixotropy_tau_s = 1800.0;   ///< tau_thix (s), build-up and decay at rest
  double movement_rate_per_s = 0.01;  ///< |d lambda_f / dt| above which the muscle moves (1/s)
  double movement_tau_s = 20.0;       ///< tau_mv (s), how fast movement undoes thixotropy

  // ---- resting-length adaptation: rho = 1 - delta_m - delta_p multiplies lambda_ofl ----
  double shortening_max = 0.02;          ///< delta_max, resting-length shortening of a long hold (-)
  double adaptation_tau_s = 7200.0;      ///< tau_ad (s), build-up and recovery
  double movement_undo_fraction = 1.0 / 3.0;  ///< m, part of the shortening movement undoes (-)

  // ---- the state a previous history left (e.g. a sitting day, models/bridge): 0 = rested ----
  double initial_released = 0.0;                ///< q at t = 0, in [0, release_fraction] (-)
  double initial_thixotropic = 0.0;             ///< h at t = 0, in [0, 1] (-)
  double initial_shortening_movable = 0.0;      ///< delta_m at t = 0 (-)
  double initial_shortening_persistent = 0.0;   ///< delta_p at t = 0 (-); delta_m + delta_p < 1

  // ---- deep-tissue-injury exposure (injury_threshold.hpp) ----
  InjuryThreshold::Params pressure{32.0e3, 9.0e3, 3600.0, 540.0, 900.0};   ///< Pa, s
  InjuryThreshold::Params strain{0.65, 0.40, 9000.0, 900.0, 900.0};       ///< -, s
  double preceding_run_s = 0.0;           ///< duration of a run just before (s)
  double fatigue_run_s = 5400.0;          ///< a run longer than this fatigues the muscle (s)
  double fatigue_strain_factor = 0.8;     ///< strain thresholds of a fatigued muscle x this (-)

  /// From values resolved against the toned_muscle spec (SI, registry keys; every key present).
  static ToneParams from_values(const sim::ParamValues& values);
};

}  // namespace myo::models
