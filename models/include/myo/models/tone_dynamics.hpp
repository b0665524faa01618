#pragma once
// Tone, release, thixotropy and resting-length adaptation of muscle, and deep-tissue-injury
// exposure: a PHENOMENOLOGICAL model. It is a hypothesis built to reproduce a handful of published
// magnitudes and time scales (shared/reference/literature.md), not a model of the physiology
// (no motor units, no calcium, no blood flow). Every rate and threshold is a parameter; where
// no figure exists the registry says "assumed".
//
// Tone a(X, t) in [0, 1] scales the active fibre stress of Blemker et al. 2005 (toned_muscle.hpp):
//
//     a = clamp((a_rest(X) + h) (1 - q), 0, 1),
//     a_rest(X) = a_b + (a_k - a_b) exp(-|X - c|^2 / R^2)     (baseline and one knot; R = 0: none)
//     rho = 1 - delta_m - delta_p                              (resting-length factor, x lambda_ofl)
//
// State per quadrature point (ToneState): released fraction q, thixotropic tone h, resting-length
// shortening delta_m (the part movement undoes) and delta_p (the persistent part), and exposure
// integrals. The drives are read from the stimulus of the LAST ACCEPTED STEP (ToneStimulus):
//     compressed  C = [e_c > e_th]          (log strain across the fibres, tone_stimulus.hpp)
//     held short  H = [lambda_f < lambda_short]
//     moving      M = [|d lambda_f/dt| > rate_mv]
// Each state obeys a linear ODE toward a target that is constant over the step:
//     dq/dt       = C (q_max - q)/tau_rel - (1 - C) q/tau_rec
//     dh/dt       = M (0 - h)/tau_mv + (1 - M) (H h_max - h)/tau_thix
//     ddelta_m/dt = M (0 - delta_m)/tau_mv + (1 - M) (H m delta_max - delta_m)/tau_ad
//     ddelta_p/dt = ((1 - M) H (1 - m) delta_max - delta_p)/tau_ad
// and is advanced EXACTLY over a step dt: x_n+1 = x* + (x_n - x*) exp(-dt/tau) -- unconditionally
// stable, exact for any dt while the drives hold, so a long hold can be one step.
//
// Why staggered (drives from the last accepted step): the tone at the end of a step then depends
// on the history and dt only, not on the displacement being solved for, so at fixed history the
// material is the hyperelastic Blemker muscle with a given a and rho, and its tangent is exact and
// FD-checkable. The cost is a lag of one step in when a stimulus starts to act (first order in
// dt); a fully implicit scheme would need the derivative of the binary drives, which do not have
// one. Steps should therefore be short compared with the time constants where a drive switches.
//
// Reading of the literature (see the registration for each default and source):
//  - A knot (trigger point) is about 18 % stiffer than normal muscle (MyotonPRO, 270 vs 228 N/m).
//    Here tone stiffens the muscle through its fibre tension: the along-fibre shear modulus is
//    2 G1 + sigma_max a (a tensed string resists a transverse deflection), and a_k is calibrated
//    so that this ratio is 1.18 (test_tone_calibration.cpp).
//  - Sustained local compression releases a few percent of stiffness, which returns within
//    minutes (Eriksson Crommert et al. 2015: -5.2 % shear modulus after 7 min of massage, back
//    to baseline within 3 min): q_max is calibrated to 5.2 % of the resting stiffness, tau_rec so
//    that 95 % returns in 3 min.
//  - Stretching raises the passive stress (fibre stretch beyond lambda_ofl) but does not remove
//    tone: neither drive of q depends on the fibre stretch (e_c is zero in a pure fibre stretch),
//    and a slow stretch (below rate_mv) is not movement.
//  - Thixotropy (Lakie & Robson 1988): relaxed muscle stiffens at rest for at least 30 min and
//    movement removes it; here the build-up happens while held short (sitting), tau_thix = 30 min.
//  - Contraction at a short length shortens the slack length; a third of it decays in 60 s and
//    the rest holds (J Appl Physiol 2020): movement undoes the fraction m = 1/3 with tau_mv.
//
// Deep-tissue-injury exposure (injury_threshold.hpp), with the trapezoid rule between the last
// accepted and the current stimulus (exposure never feeds back into the stress):
//     D_p = int dt / t_allow,p(sigma_c),   D_e = int dt / t_allow,e(eps),
//     pressure-time = int sigma_c dt,      strain-time = int eps dt,
// unsafe when D_p >= 1 or D_e >= 1. After a run longer than fatigue_run (90 min) the strain
// thresholds are multiplied by fatigue_strain_factor < 1 (the muscle tolerates less strain);
// the figure is assumed, the direction is the issue's.
#include "myo/models/injury_threshold.hpp"
#include "myo/models/tone_params.hpp"
#include "myo/models/tone_state.hpp"

namespace myo::models {

class ToneDynamics {
 public:
  /// Throws std::invalid_argument naming the parameter (registry key) when a value is out of
  /// its range (tones and fractions in [0, 1], times > 0, thresholds >= 0, ...).
  explicit ToneDynamics(const ToneParams& params);

  /// a_rest(X) (-): baseline plus the knot at reference position X (3, m).
  double resting_tone(const sim::Vec3& X) const;
  /// a = clamp((a_rest(X) + h)(1 - q), 0, 1) (-).
  double tone(const ToneState& s, const sim::Vec3& X) const;
  /// a = clamp((a_rest + h)(1 - q), 0, 1) (-) for a given resting tone a_rest (-).
  static double tone_from(double a_rest, const ToneState& s);
  /// rho = 1 - delta_m - delta_p (-).
  static double resting_length_factor(const ToneState& s);

  /// The state at t = 0: the initial_* parameters (rested when they are 0), at rest length.
  ToneState initial_state() const;
  /// The states q, h, delta_m, delta_p after dt_s >= 0 seconds driven by old.stimulus (exact
  /// exponential update). Exposure, stimulus and tone are copied from old.
  ToneState relax(const ToneState& old, double dt_s) const;
  /// Set next.stimulus = now and add the exposure of the step, trapezoid between old and now.
  void accumulate_exposure(const ToneStimulus& old, const ToneStimulus& now, double dt_s,
                           ToneState& next) const;
  /// D_p >= 1 or D_e >= 1.
  static bool unsafe(const ToneState& s);

  /// Whether the preceding run (> fatigue_run) has fatigued the muscle.
  bool fatigued() const;
  const InjuryThreshold& pressure_threshold() const { return pressure_; }
  /// The strain threshold in force (scaled by fatigue_strain_factor when fatigued()).
  const InjuryThreshold& strain_threshold() const { return strain_; }
  const ToneParams& params() const { return p_; }

 private:
  ToneParams p_;
  InjuryThreshold pressure_;
  InjuryThreshold strain_;
};

}  // namespace myo::models
