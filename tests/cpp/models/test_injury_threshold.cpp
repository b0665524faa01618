// Deep-tissue-injury thresholds (injury_threshold.hpp) and the exposure of toned_muscle:
// the sigmoids pass through the published figures (Linder-Ganz et al. 2006: 32 kPa within 15 min,
// 9 kPa over 2 h; Gefen et al. 2008: 65 % strain for about 1 h, 40 % for about 4 h), the allowed
// time inverts the sigmoid, constant holds are flagged at their allowed time, brief reliefs
// barely help (Miner's rule), and a stretch held after a long run is flagged where the same
// stretch of a rested muscle is not.
#include <gtest/gtest.h>

#include <cmath>

#include "../error_of.hpp"
#include "myo/models/injury_threshold.hpp"
#include "myo/models/tone_params.hpp"
#include "tone_point.hpp"

namespace myo::models {
namespace {

using myo::test::fibre_stretch;
using myo::test::toned_muscle;
using myo::test::TonePoint;

const ToneParams kDefaults;

TEST(InjuryThreshold, SigmoidsPassThroughThePublishedFigures) {
  const InjuryThreshold p(kDefaults.pressure, "dti_pressure"), e(kDefaults.strain, "dti_strain");
  std::printf("pressure threshold: %.2f kPa at 15 min, %.2f kPa at 2 h; strain: %.3f at 1 h, %.3f at 4 h\n",
              p.threshold(900) * 1e-3, p.threshold(7200) * 1e-3, e.threshold(3600), e.threshold(14400));
  EXPECT_NEAR(p.threshold(900.0), 32e3, 0.01 * 32e3);
  EXPECT_NEAR(p.threshold(7200.0), 9e3, 0.01 * 9e3);
  EXPECT_NEAR(e.threshold(3600.0), 0.65, 0.005);
  EXPECT_NEAR(e.threshold(4 * 3600.0), 0.40, 0.005);
}

TEST(InjuryThreshold, AllowedTimeInvertsTheSigmoid) {
  const InjuryThreshold p(kDefaults.pressure, "dti_pressure");
  for (double t : {1000.0, 3600.0, 6000.0, 9000.0}) EXPECT_NEAR(p.allowed_time(p.threshold(t)), t, 1e-6 * t);
  EXPECT_EQ(p.allowed_time(40e3), 900.0);  // above the short-time threshold: the shortest time
  EXPECT_TRUE(std::isinf(p.allowed_time(9e3)));
  EXPECT_EQ(p.damage_rate(5e3), 0.0);
}

TEST(InjuryThreshold, ConstantHoldsAreFlaggedAtTheirAllowedTime) {
  const ToneDynamics d(kDefaults);
  for (double sigma : {40e3, 20e3, 12e3}) {
    ToneStimulus s;
    s.compressive_stress_Pa = sigma;
    ToneState state;
    state.stimulus = s;
    double t = 0.0;
    const double dt = 10.0;
    while (!ToneDynamics::unsafe(state) && t < 12 * 3600.0) {
      d.accumulate_exposure(s, s, dt, state);
      t += dt;
    }
    const double allowed = d.pressure_threshold().allowed_time(sigma);
    std::printf("%.0f kPa held: flagged after %.0f s (allowed %.0f s)\n", sigma * 1e-3, t, allowed);
    EXPECT_NEAR(t, allowed, dt);
    EXPECT_NEAR(state.pressure_time_Pa_s, sigma * t, 1e-6 * sigma * t);
  }
  ToneStimulus low;
  low.compressive_stress_Pa = 8e3;  // below 9 kPa: never
  ToneState state;
  d.accumulate_exposure(low, low, 24 * 3600.0, state);
  EXPECT_FALSE(ToneDynamics::unsafe(state));
}

TEST(InjuryThreshold, BriefReliefsBarelyReduceTheDamage) {
  const ToneDynamics d(kDefaults);
  ToneStimulus on, off;
  on.compressive_stress_Pa = 20e3;
  ToneState continuous, relieved;
  for (int k = 0; k < 60; ++k) {  // 1 h: 50 s on, 10 s off, every minute
    d.accumulate_exposure(on, on, 60.0, continuous);
    d.accumulate_exposure(on, on, 50.0, relieved);
    d.accumulate_exposure(off, off, 10.0, relieved);
  }
  EXPECT_NEAR(relieved.pressure_damage / continuous.pressure_damage, 50.0 / 60.0, 1e-12);
}

TEST(InjuryThreshold, StretchingAfterALongRunLowersTheToleratedStrain) {
  // A 50 % fibre stretch held 2.2 h: rested, 50 % is allowed 2.6 h; after a 100 min run the
  // strain thresholds are x 0.8 and the allowed time falls to 1.95 h.
  const auto rested = toned_muscle();
  const auto fatigued = toned_muscle({{"preceding_run", 6000.0}});
  EXPECT_FALSE(rested->dynamics().fatigued());
  EXPECT_TRUE(fatigued->dynamics().fatigued());
  std::printf("50 %% strain allowed: rested %.0f s, after a 100 min run %.0f s\n",
              rested->dynamics().strain_threshold().allowed_time(0.5),
              fatigued->dynamics().strain_threshold().allowed_time(0.5));
  TonePoint a(rested), b(fatigued);
  for (TonePoint* p : {&a, &b}) {
    for (int k = 1; k <= 10; ++k) p->step(fibre_stretch(1.0 + 0.05 * k), 6.0);
    p->hold(fibre_stretch(1.5), 2.2 * 3600.0, 60.0);
  }
  EXPECT_FALSE(ToneDynamics::unsafe(a.state())) << a.state().strain_damage;
  EXPECT_TRUE(ToneDynamics::unsafe(b.state())) << b.state().strain_damage;
}

TEST(InjuryThreshold, BadThresholdsNameTheKey) {
  InjuryThreshold::Params p = kDefaults.pressure;
  p.s_low = 40e3;
  EXPECT_NE(myo::test::error_of([&] { InjuryThreshold(p, "dti_pressure"); }).find("dti_pressure_high"),
            std::string::npos);
  p = kDefaults.strain;
  p.t_width_s = 0.0;
  EXPECT_NE(myo::test::error_of([&] { InjuryThreshold(p, "dti_strain"); }).find("dti_strain_width"), std::string::npos);
}

}  // namespace
}  // namespace myo::models
