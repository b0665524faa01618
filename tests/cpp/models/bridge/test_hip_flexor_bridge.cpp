// The bridge study through its scenario file on a coarse hip region: every link agrees with the
// same link called alone (the day, the postures, the whole-muscle tone from the release run), the
// stages move the way the models say, it writes the release run beside its own files, and bad
// input names the key.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "../../builtin_registry.hpp"
#include "../../run_result_access.hpp"
#include "myo/models/hook_release.hpp"
#include "myo/models/pelvis_posture.hpp"
#include "myo/models/sitting_day.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::models {
namespace {

using test::column;
using test::summary;

sim::Scenario coarse_bridge() {
  sim::Scenario s = sim::Scenario::from_file(std::string(MYO_SOURCE_DIR) + "/scenarios/hip_hook_iliacus.yaml");
  s.set("study.cells_x", "12");
  s.set("study.cells_y", "4");
  s.set("study.cells_per_layer", "1");
  s.set("study.release_force", "20 N");
  s.set("study.release_dt_max", "30 s");
  return s;
}

TEST(HipFlexorBridge, EveryLinkAgreesWithTheLinkCalledAlone) {
  const std::string dir = (std::filesystem::temp_directory_path() / "myo_test_bridge").string();
  std::filesystem::remove_all(dir);
  const sim::RunResult r = sim::run_scenario(coarse_bridge(), test::builtin_registry(), dir);
  ASSERT_TRUE(r.completed) << r.message;
  ASSERT_EQ(column(r, "stage").size(), 6u);  // morning, after_day, end_of_hold, without_hook, after_rest, after_run

  // Link 1: the day at one point.
  const ToneDynamics d{ToneParams{}};
  const PelvisModel rested{PelvisParams{}};
  const double stretch = sitting_fibre_stretch(rested, 90.0 * std::numbers::pi / 180.0);
  EXPECT_DOUBLE_EQ(summary(r, "sitting_fibre_stretch"), stretch);
  const ToneState day = tone_after_phases(d, ToneState{}, sitting_day_phases(SittingDay{}, stretch));
  EXPECT_DOUBLE_EQ(summary(r, "day_hip_flexor_tone"), day.tone);
  EXPECT_DOUBLE_EQ(summary(r, "day_hip_flexor_rho"), ToneDynamics::resting_length_factor(day));

  // Link 2: the posture of the day's tightness.
  PelvisParams p;
  p.hip_flexors = {ToneDynamics::resting_length_factor(day), day.tone};
  const PostureResult standing = solve_standing(PelvisModel{p});
  EXPECT_NEAR(summary(r, "day_standing_tilt_deg"), deg(standing.pelvic_tilt_rad), 1e-12);
  EXPECT_NEAR(column(r, "standing_tilt_deg")[1], deg(standing.pelvic_tilt_rad), 1e-12);

  // Links 3-4: the release run alone, and the whole hip flexors' tone from it.
  HookRelease hook;
  hook.cells_x = 12, hook.cells_y = 4, hook.cells_per_layer = 1, hook.force_N = 20.0, hook.dt_max_s = 30.0;
  const HookReleaseResult fe = run_hook_release(hook, {}, day, test::builtin_registry(), "");
  ASSERT_TRUE(fe.run.completed);
  EXPECT_DOUBLE_EQ(summary(r, "release_iliacus_released_fraction"), fe.iliacus_released);
  const ToneState untouched = tone_after_phases(d, day, {{"still", 65.0, 1.0, 0.0, 0.0}});
  const double V = 400e-6, V_il = fe.iliacus_volume_m3, V_ps = fe.psoas_volume_m3;
  const double a_new = (V_il * fe.iliacus_tone + V_ps * fe.psoas_tone + (V - V_il - V_ps) * untouched.tone) / V;
  EXPECT_NEAR(column(r, "hip_flexor_tone")[2], a_new, 1e-15);
  EXPECT_NEAR(summary(r, "release_hip_flexor_released_fraction"), 1.0 - a_new / untouched.tone, 1e-12);
  EXPECT_NEAR(summary(r, "release_modelled_volume_share"), (V_il + V_ps) / V, 1e-15);

  // The directions: the day tightens and tilts forward; the hook releases some tone, which mostly
  // returns within the rest; a released tone tilts the pelvis back, not forward.
  EXPECT_GT(summary(r, "day_hip_flexor_tone"), d.params().baseline);
  EXPECT_LT(summary(r, "day_hip_flexor_rho"), 1.0);
  EXPECT_GT(summary(r, "day_standing_tilt_change_deg"), 0.0);
  EXPECT_GT(summary(r, "release_hip_flexor_released_fraction"), 0.0);
  EXPECT_LT(summary(r, "rest_hip_flexor_released_fraction"), 0.01 * summary(r, "release_hip_flexor_released_fraction"));
  EXPECT_LE(summary(r, "hook_effect_standing_tilt_deg"), 0.0);
  EXPECT_LT(summary(r, "run_standing_tilt_change_deg"), 0.0);

  // The release run's own files sit beside the study's.
  EXPECT_TRUE(std::filesystem::exists(dir + "/summary.json"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/release/result.h5"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/release/scenario.resolved.yaml"));
  std::filesystem::remove_all(dir);
}

TEST(HipFlexorBridge, AVolumeSmallerThanTheModelledMusclesNamesTheKey) {
  sim::Scenario s = coarse_bridge();
  s.set("study.hip_flexor_volume", "50e-6");
  try {
    sim::run_scenario(s, test::builtin_registry(), "");
    FAIL() << "no error";
  } catch (const sim::ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("hip_flexor_volume"), std::string::npos) << e.what();
  }
}

TEST(HipFlexorBridge, TheSpecDeclaresEveryParameterWithUnitAndSource) {
  const sim::ModelSpec& spec = test::builtin_registry().study_spec("hip_flexor_bridge");
  for (const sim::ParamSpec& p : spec.params) {
    EXPECT_FALSE(p.unit.empty()) << p.name;
    EXPECT_FALSE(p.source.empty()) << p.name;
  }
  EXPECT_NE(spec.find("release_fraction"), nullptr);  // the tone model's, copied
  EXPECT_EQ(spec.find("hip_flexor_rho"), nullptr);    // computed by the chain
}

}  // namespace
}  // namespace myo::models
