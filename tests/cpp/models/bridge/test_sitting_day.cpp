// The sitting day (sitting_day.hpp): the iliacus's fibre stretch while sitting comes from its path
// (1 at the standing hip angle, shorter with flexion, held short at a chair's 90 deg), and the
// phases of the day.
#include <gtest/gtest.h>

#include <numbers>

#include "myo/models/pelvis_posture.hpp"
#include "myo/models/sitting_day.hpp"

namespace myo::models {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

TEST(SittingDay, FibreStretchIsOneAtTheStandingHipAngleAndFallsWithFlexion) {
  const PelvisModel model{PelvisParams{}};
  const double standing_flexion = solve_standing(model).q(2);
  EXPECT_NEAR(sitting_fibre_stretch(model, standing_flexion), 1.0, 1e-12);
  double last = 1.0;
  for (double h : {20.0, 45.0, 70.0, 90.0}) {
    const double s = sitting_fibre_stretch(model, h * kDeg);
    EXPECT_LT(s, last) << h << " deg";
    last = s;
  }
  // A chair's 90 deg holds the iliacus well below the tone model's "held short" (0.95).
  EXPECT_LT(sitting_fibre_stretch(model, 90.0 * kDeg), ToneParams{}.short_stretch);
}

TEST(SittingDay, PhasesInOrderWithoutEmptyOnes) {
  SittingDay day;
  std::vector<TonePhase> p = sitting_day_phases(day, 0.6);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].name, "sitting");
  EXPECT_EQ(p[0].fibre_stretch, 0.6);
  EXPECT_EQ(p[0].duration_s, 8.0 * 3600.0);
  EXPECT_EQ(p[1].name, "standing");
  day.run_s = 600.0;
  day.standing_s = 0.0;
  p = sitting_day_phases(day, 0.6);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[1].name, "run");
  EXPECT_GT(p[1].fibre_rate_per_s, ToneParams{}.movement_rate_per_s);
}

}  // namespace
}  // namespace myo::models
