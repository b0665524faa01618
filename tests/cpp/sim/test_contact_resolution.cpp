// ContactResolution: warnings for a contact patch narrower than two cells and for a device that
// sinks into the surface through the penalty by more than 2 % of its travel.
#include <gtest/gtest.h>

#include <numbers>

#include "myo/sim/contact_resolution.hpp"

namespace myo::sim {
namespace {

ContactState patch(double radius_m, double face_m, double travel_m, double penetration_m) {
  ContactState s;
  s.area_m2 = std::numbers::pi * radius_m * radius_m;
  s.touched_face_size_m = face_m;
  s.depth_m = travel_m;
  s.max_penetration_m = penetration_m;
  return s;
}

TEST(ContactResolution, AResolvedContactGivesNoWarning) {
  ContactResolution r({"indenter"}, {100.0});
  r.observe(1.0, {patch(5e-3, 0.5e-3, 2e-3, 1e-6)});
  EXPECT_TRUE(r.warnings().empty());
}

TEST(ContactResolution, APatchNarrowerThanTwoCellsIsNamedWithTheCellSizeToUse) {
  ContactResolution r({"indenter"}, {100.0});
  r.observe(0.5, {patch(2e-3, 0.5e-3, 0.2e-3, 0.0)});
  r.observe(1.0, {patch(2.0e-3, 2.5e-3, 0.4e-3, 0.0)});  // the largest patch decides, at its last step
  const auto w = r.warnings();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("contact \"indenter\" at t = 1 s"), std::string::npos) << w[0];
  EXPECT_NE(w[0].find("radius 2 mm"), std::string::npos) << w[0];
  EXPECT_NE(w[0].find("faces up to 2.5 mm"), std::string::npos) << w[0];
  EXPECT_NE(w[0].find("at most 0.67 mm"), std::string::npos) << w[0];
}

TEST(ContactResolution, APenaltyPenetrationAboveTwoPercentOfTheTravelNamesTheFactor) {
  ContactResolution r({"hook", "ball"}, {100.0, 0.0});
  r.observe(1.0, {patch(5e-3, 0.5e-3, 1e-3, 0.019e-3), patch(5e-3, 0.5e-3, 1e-3, 0.05e-3)});
  const auto w = r.warnings();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("contact \"ball\""), std::string::npos) << w[0];
  EXPECT_NE(w[0].find("5.0 % of its travel"), std::string::npos) << w[0];
  EXPECT_NE(w[0].find("raise the penalty"), std::string::npos) << w[0];
  ContactResolution auto_one({"hook"}, {100.0});
  auto_one.observe(1.0, {patch(5e-3, 0.5e-3, 1e-3, 0.05e-3)});
  ASSERT_EQ(auto_one.warnings().size(), 1u);
  EXPECT_NE(auto_one.warnings()[0].find("raise penalty_factor (now 100)"), std::string::npos);
}

TEST(ContactResolution, NoContactNoWarning) {
  ContactResolution r({"indenter"}, {100.0});
  r.observe(1.0, {ContactState{}});
  EXPECT_TRUE(r.warnings().empty());
}

}  // namespace
}  // namespace myo::sim
