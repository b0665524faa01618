// The tone dynamics as pure functions (tone_dynamics.hpp), without FE: the resting tone field
// (baseline and knot), every time constant recovered by fitting an exponential to a march with
// random step sizes (the update is exact for any dt), the drives (compression, held short,
// movement), release switched off, stretching alone, and parameter errors.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

#include "../error_of.hpp"
#include "myo/models/tone_dynamics.hpp"
#include "tone_point.hpp"

namespace myo::models {
namespace {

using myo::test::error_of;
using myo::test::fitted_tau;

ToneStimulus compressed() {
  ToneStimulus s;
  s.compression = 0.2;
  return s;
}
ToneStimulus held_short() {
  ToneStimulus s;
  s.fibre_stretch = 0.9;
  return s;
}
ToneStimulus moving() {
  ToneStimulus s;
  s.fibre_rate_per_s = 0.1;
  return s;
}

// March `state` for duration_s under a fixed stimulus with random step sizes (1-30 s), recording
// (t, value(state)) after each step; returns the fitted time constant toward `target`.
double march_and_fit(const ToneDynamics& d, ToneState& state, const ToneStimulus& stimulus,
                     double duration_s, const std::function<double(const ToneState&)>& value,
                     double target) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> dt(1.0, 30.0);
  std::vector<double> t, x;
  double time = 0.0;
  state.stimulus = stimulus;
  while (time < duration_s) {
    const double h = dt(rng);
    state = d.relax(state, h);
    time += h;
    t.push_back(time);
    x.push_back(value(state));
  }
  return fitted_tau(t, x, target);
}

TEST(ToneDynamics, RestingToneIsBaselinePlusAGaussianKnot) {
  ToneParams p;
  p.baseline = 0.01;
  p.knot_peak = 0.05;
  p.knot_centre_m = sim::Vec3(0.01, 0.02, 0.03);
  p.knot_radius_m = 0.005;
  const ToneDynamics d(p);
  EXPECT_DOUBLE_EQ(d.resting_tone(p.knot_centre_m), 0.05);
  EXPECT_NEAR(d.resting_tone(p.knot_centre_m + sim::Vec3(0, 0.005, 0)), 0.01 + 0.04 / std::exp(1.0), 1e-15);
  EXPECT_NEAR(d.resting_tone(sim::Vec3::Zero()), 0.01, 1e-12);
  p.knot_radius_m = 0.0;  // no knot
  EXPECT_DOUBLE_EQ(ToneDynamics(p).resting_tone(sim::Vec3(0.01, 0.02, 0.03)), 0.01);
}

TEST(ToneDynamics, TimeConstantsAreRecoveredByFittingAnExponential) {
  ToneParams p;
  p.release_tau_s = 37.0;
  p.recovery_tau_s = 83.0;
  p.thixotropy_tau_s = 1500.0;
  p.movement_tau_s = 17.0;
  p.adaptation_tau_s = 6000.0;
  const ToneDynamics d(p);
  const auto q = [](const ToneState& s) { return s.released; };
  const auto h = [](const ToneState& s) { return s.thixotropic; };
  const auto dm = [](const ToneState& s) { return s.shortening_movable; };
  const auto dp = [](const ToneState& s) { return s.shortening_persistent; };
  const double m = p.movement_undo_fraction;

  ToneState s;
  const double tau_rel = march_and_fit(d, s, compressed(), 150.0, q, p.release_fraction);
  const double tau_rec = march_and_fit(d, s, ToneStimulus{}, 300.0, q, 0.0);
  const double tau_thix = march_and_fit(d, s, held_short(), 4000.0, h, p.thixotropy_amount);
  const double tau_ad_m = march_and_fit(d, s = ToneState{}, held_short(), 4000.0, dm, m * p.shortening_max);
  const double tau_ad_p = march_and_fit(d, s = ToneState{}, held_short(), 4000.0, dp, (1 - m) * p.shortening_max);
  s = ToneState{};
  s.thixotropic = 0.004;
  s.shortening_movable = 0.01;
  ToneState s2 = s;
  const double tau_mv_h = march_and_fit(d, s, moving(), 80.0, h, 0.0);
  const double tau_mv_d = march_and_fit(d, s2, moving(), 80.0, dm, 0.0);
  std::printf("fitted tau (s): release %.6f (37), recovery %.6f (83), thixotropy %.4f (1500), "
              "adaptation %.4f / %.4f (6000), movement %.6f / %.6f (17)\n",
              tau_rel, tau_rec, tau_thix, tau_ad_m, tau_ad_p, tau_mv_h, tau_mv_d);
  EXPECT_NEAR(tau_rel, 37.0, 1e-6 * 37.0);
  EXPECT_NEAR(tau_rec, 83.0, 1e-6 * 83.0);
  EXPECT_NEAR(tau_thix, 1500.0, 1e-6 * 1500.0);
  EXPECT_NEAR(tau_ad_m, 6000.0, 1e-6 * 6000.0);
  EXPECT_NEAR(tau_ad_p, 6000.0, 1e-6 * 6000.0);
  EXPECT_NEAR(tau_mv_h, 17.0, 1e-6 * 17.0);
  EXPECT_NEAR(tau_mv_d, 17.0, 1e-6 * 17.0);
}

TEST(ToneDynamics, OneLongStepEqualsManyShortOnes) {
  const ToneDynamics d{ToneParams{}};
  ToneState one, many;
  one.stimulus = many.stimulus = held_short();
  one = d.relax(one, 3600.0);
  for (int k = 0; k < 360; ++k) many = d.relax(many, 10.0);
  EXPECT_NEAR(one.thixotropic, many.thixotropic, 1e-15);
  EXPECT_NEAR(one.shortening_persistent, many.shortening_persistent, 1e-15);
}

TEST(ToneDynamics, ReleaseLowersToneToItsFractionAndRecovers) {
  ToneParams p;
  p.knot_radius_m = 0.0;
  const ToneDynamics d(p);
  ToneState s;
  s.stimulus = compressed();
  s = d.relax(s, 1e6);
  EXPECT_NEAR(d.tone(s, sim::Vec3::Zero()), p.baseline * (1 - p.release_fraction), 1e-15);
  s.stimulus = ToneStimulus{};
  s = d.relax(s, 1e6);
  EXPECT_NEAR(d.tone(s, sim::Vec3::Zero()), p.baseline, 1e-15);
}

TEST(ToneDynamics, WithReleaseSwitchedOffCompressionChangesNothing) {
  ToneParams p;
  p.release_fraction = 0.0;
  const ToneDynamics d(p);
  ToneState s;
  s.stimulus = compressed();
  s.stimulus.compression = 5.0;  // far above the threshold
  const ToneState after = d.relax(s, 600.0);
  EXPECT_EQ(after.released, 0.0);
  EXPECT_EQ(d.tone(after, sim::Vec3::Zero()), d.tone(ToneState{}, sim::Vec3::Zero()));
  // An infinite threshold is the other way to switch it off.
  p.release_fraction = 0.07;
  p.release_threshold = 1e300;
  EXPECT_EQ(ToneDynamics(p).relax(s, 600.0).released, 0.0);
}

TEST(ToneDynamics, StretchingAloneLeavesToneUnchanged) {
  const ToneDynamics d{ToneParams{}};
  ToneState s;
  ToneStimulus stretched;
  stretched.fibre_stretch = 1.4;
  stretched.fibre_rate_per_s = 0.005;  // a slow stretch is not movement
  s.stimulus = stretched;
  const ToneState after = d.relax(s, 3600.0);
  EXPECT_EQ(d.tone(after, sim::Vec3::Zero()), d.tone(ToneState{}, sim::Vec3::Zero()));
  EXPECT_EQ(ToneDynamics::resting_length_factor(after), 1.0);
}

TEST(ToneDynamics, MovementUndoesThixotropyAndAThirdOfTheShortening) {
  const ToneParams p;
  const ToneDynamics d(p);
  ToneState s;
  s.stimulus = held_short();
  s = d.relax(s, 40 * 3600.0);  // long enough to reach the targets (20 tau_ad)
  EXPECT_NEAR(s.thixotropic, p.thixotropy_amount, 1e-9);
  EXPECT_NEAR(ToneDynamics::resting_length_factor(s), 1 - p.shortening_max, 1e-9);
  s.stimulus = moving();
  const double t_move = 10 * p.movement_tau_s;
  s = d.relax(s, t_move);
  EXPECT_NEAR(s.thixotropic, 0.0, 1e-4 * p.thixotropy_amount);
  // The movable third is gone; the persistent part decays only at the adaptation rate.
  const double persistent = (1 - p.movement_undo_fraction) * p.shortening_max * std::exp(-t_move / p.adaptation_tau_s);
  std::printf("held short: rho = %.4f; after %.0f s of movement rho = %.4f\n", 1 - p.shortening_max, t_move,
              ToneDynamics::resting_length_factor(s));
  EXPECT_NEAR(ToneDynamics::resting_length_factor(s), 1 - persistent, 1e-4 * p.shortening_max);
}

TEST(ToneDynamics, ToneStaysInTheUnitInterval) {
  ToneParams p;
  p.baseline = 0.99;
  p.thixotropy_amount = 0.5;
  const ToneDynamics d(p);
  ToneState s;
  s.thixotropic = 0.5;
  EXPECT_EQ(d.tone(s, sim::Vec3::Zero()), 1.0);
}

TEST(ToneDynamics, BadParametersNameTheKey) {
  const auto message = [](auto mutate) {
    ToneParams p;
    mutate(p);
    return error_of([&] { ToneDynamics d(p); });
  };
  EXPECT_NE(message([](ToneParams& p) { p.baseline = 1.5; }).find("baseline_tone: 1.5"), std::string::npos);
  EXPECT_NE(message([](ToneParams& p) { p.release_tau_s = 0.0; }).find("release_tau: 0"), std::string::npos);
  EXPECT_NE(message([](ToneParams& p) { p.knot_radius_m = -1.0; }).find("knot_radius"), std::string::npos);
  EXPECT_NE(message([](ToneParams& p) { p.pressure.s_high = 1.0; }).find("dti_pressure_high"), std::string::npos);
  EXPECT_NE(message([](ToneParams& p) { p.fatigue_strain_factor = 0.0; }).find("fatigue_strain_factor"),
            std::string::npos);
}

}  // namespace
}  // namespace myo::models
