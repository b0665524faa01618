// Coulomb friction of a rigid flat pressed into a block and then slid along it (scenario level):
//  - with a small coefficient the whole contact slides and the tangential force saturates at
//    mu times the normal load;
//  - with a large one it sticks, and the block responds as if its top were bonded to the flat
//    (prescribed displacement), up to the penalty's compliance p / K;
//  - the reaction at the fixed base balances the contact force, friction included;
//  - a force-controlled flat is still seated and slides with friction on;
//  - friction 0 reproduces the frictionless run.
// The flat is a flat punch of radius 100 mm, wider than the 30 mm block: a rigid plane.
#include <gtest/gtest.h>

#include <cmath>

#include "../builtin_registry.hpp"
#include "../run_result_access.hpp"
#include "myo/sim/scenario_error.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::column;
using myo::test::summary;

constexpr double kDepth_m = 0.5e-3, kPenalty_Pa_per_m = 1e11;

const char* kBlock = R"(
name: friction
mesh: {size_x: 30 mm, size_y: 30 mm, cells_x: 6, cells_y: 6,
       layers: [{name: tissue, thickness: 10 mm, cells: 3}]}
materials: {tissue: {model: neo_hookean, mu: 10 kPa, kappa: 200 kPa}}
time: {end: 2 s, steps: 8}
output: {reaction_sets: [bottom]}
)";

/// Press 0.5 mm over the first second, then slide `slide` (2 mm) along x over the next; `extra` is
/// added to the contact (friction keys, or `depth:` / `force:`).
std::string flat_contact(const std::string& extra, const std::string& slide = "2 mm") {
  return R"(
boundary: [{set: bottom, fix: all}]
contact:
  - {surface: top, device: {model: flat_punch, radius: 100 mm, fillet: 1 mm},
     position: [15 mm, 15 mm, 10 mm], penalty: 1e11 Pa/m, quadrature: 3,
     slide: {direction: [1, 0, 0], distance: {table: [[0 s, 0 mm], [1 s, 0 mm], [2 s, )" +
         slide + "]]}}, " + extra + "}\n";
}

const std::string kDepthTable = "depth: {table: [[0 s, 0 mm], [1 s, 0.5 mm], [2 s, 0.5 mm]]}";

RunResult run(const std::string& text) {
  return run_scenario(Scenario::from_text(std::string(kBlock) + text), builtin_registry(), "");
}

void expect_base_balances_contact(const RunResult& r) {
  const auto& force = column(r, "indenter_force_N");
  const auto& base_z = column(r, "reaction_force_bottom_z_N");
  for (size_t i = 0; i < force.size(); ++i) EXPECT_NEAR(base_z[i], force[i], 1e-6 * force.back()) << "step " << i;
}

TEST(DeviceFriction, SlidingSaturatesAtMuTimesTheNormalLoad) {
  const double mu = 0.1;
  const RunResult r = run(flat_contact(kDepthTable + ", friction: 0.1"));
  ASSERT_TRUE(r.completed) << r.message;
  const double F_t = column(r, "indenter_friction_force_N").back();
  const double N = column(r, "indenter_normal_load_N").back();
  const double base_x = column(r, "reaction_force_bottom_x_N").back();
  const double slip = column(r, "indenter_slip_area_mm2").back(), area = column(r, "indenter_contact_area_mm2").back();
  std::printf("sliding flat: F_t = %.6g N, N = %.6g N, F_t / (mu N) = %.8f, base x %.6g N, slip %.4g of %.4g mm^2, "
              "Newton iterations %g\n", F_t, N, F_t / (mu * N), base_x, slip, area, summary(r, "newton_iterations"));
  EXPECT_EQ(slip, area) << "the whole contact slides";
  EXPECT_NEAR(F_t / (mu * N), 1.0, 1e-6);
  // The base holds the block against the friction (and nothing else pushes along x).
  EXPECT_NEAR(std::abs(base_x), F_t, 1e-6 * N);
  expect_base_balances_contact(r);
}

TEST(DeviceFriction, StickingFlatActsAsABondedTop) {
  // A short slide: a longer one lifts the trailing edge off the flat, where a bonded top pulls.
  const RunResult r = run(flat_contact(kDepthTable + ", friction: 5", "0.5 mm"));
  const RunResult bonded = run(R"(
boundary:
  - {set: bottom, fix: all}
  - {set: top, displacement: {x: {table: [[0 s, 0 mm], [1 s, 0 mm], [2 s, 0.5 mm]]}, y: 0 mm,
                              z: {table: [[0 s, 0 mm], [1 s, -0.5 mm], [2 s, -0.5 mm]]}}}
)");
  ASSERT_TRUE(r.completed) << r.message;
  ASSERT_TRUE(bonded.completed) << bonded.message;
  const double slip = column(r, "indenter_slip_area_mm2").back();
  const double peak_Pa = 1e3 * column(r, "indenter_peak_pressure_kPa").back();
  // The penalty lets the top lag the flat by at most p / K, normal and tangential.
  const double lag = peak_Pa / kPenalty_Pa_per_m;
  for (const char* c : {"x", "z"}) {
    const std::string key = std::string("reaction_force_bottom_") + c + "_N";
    const double a = column(r, key).back(), b = column(bonded, key).back();
    std::printf("sticking flat vs bonded top: base %s %.6g vs %.6g N (relative %.2e; p/K over the travel %.2e); "
                "friction %.6g N, slip area %.3g mm^2\n", c, a, b, std::abs(a / b - 1), lag / kDepth_m,
                column(r, "indenter_friction_force_N").back(), slip);
    EXPECT_NEAR(a / b, 1.0, 2 * lag / kDepth_m) << c;
  }
  std::printf("sticking flat: %g steps, %g Newton iterations, %g cutbacks (bonded top: %g iterations)\n",
              summary(r, "steps"), summary(r, "newton_iterations"), summary(r, "cutbacks"),
              summary(bonded, "newton_iterations"));
  EXPECT_EQ(slip, 0.0);
  // Where the slide starts the first iterate puts every point outside the cone; the stick
  // predictor (stepper.cpp) saves the four cutbacks this step took without it.
  EXPECT_EQ(summary(r, "cutbacks"), 0.0);
  expect_base_balances_contact(r);
}

TEST(DeviceFriction, AForceControlledFlatIsSeatedAndSlides) {
  const RunResult r = run(flat_contact("force: {table: [[0 s, 0 N], [1 s, 2 N], [2 s, 2 N]]}, friction: 0.1"));
  ASSERT_TRUE(r.completed) << r.message;
  const double F_t = column(r, "indenter_friction_force_N").back();
  std::printf("force-controlled sliding flat: force %.6g N, depth %.4g mm, F_t / (mu N) = %.8f\n",
              column(r, "indenter_force_N").back(), column(r, "indenter_depth_mm").back(),
              F_t / (0.1 * column(r, "indenter_normal_load_N").back()));
  EXPECT_NEAR(column(r, "indenter_force_N").back(), 2.0, 1e-6);
  EXPECT_NEAR(F_t, 0.2, 1e-6);
}

TEST(DeviceFriction, ABallStrokedAlongTheSkinDragsItWithAtMostMuTimesTheLoad) {
  const double mu = 0.3;
  const RunResult r = run(R"(
boundary: [{set: bottom, fix: all}]
contact:
  - {surface: top, device: {model: sphere, diameter: 20 mm}, position: [10 mm, 15 mm, 10 mm],
     depth: {table: [[0 s, 0 mm], [1 s, 1.5 mm], [2 s, 1.5 mm]]}, friction: 0.3, quadrature: 3,
     slide: {direction: [1, 0, 0], distance: {table: [[0 s, 0 mm], [1 s, 0 mm], [2 s, 10 mm]]}}}
)");
  ASSERT_TRUE(r.completed) << r.message;
  const auto& F_t = column(r, "indenter_friction_force_N");
  const auto& N = column(r, "indenter_normal_load_N");
  const auto& base_x = column(r, "reaction_force_bottom_x_N");
  std::printf("ball stroke: F_t / (mu N) = %.4f at the end, slip %.3g of %.3g mm^2, base x %.6g N, %g Newton "
              "iterations in %g steps, %g cutbacks\n", F_t.back() / (mu * N.back()),
              column(r, "indenter_slip_area_mm2").back(), column(r, "indenter_contact_area_mm2").back(), base_x.back(),
              summary(r, "newton_iterations"), summary(r, "steps"), summary(r, "cutbacks"));
  for (size_t i = 0; i < F_t.size(); ++i) EXPECT_LE(F_t[i], mu * N[i] * (1 + 1e-12)) << "step " << i;
  EXPECT_GT(F_t.back(), 0.5 * mu * N.back()) << "a stroke drags the skin";
  expect_base_balances_contact(r);
}

TEST(DeviceFriction, ZeroFrictionIsTheFrictionlessRun) {
  const RunResult a = run(flat_contact(kDepthTable)), b = run(flat_contact(kDepthTable + ", friction: 0"));
  ASSERT_TRUE(a.completed) << a.message;
  ASSERT_EQ(a.history_names, b.history_names);
  EXPECT_EQ(a.history_columns, b.history_columns);
  std::printf("frictionless sliding flat: base x %.3g N (force %.6g N), Newton iterations %g\n",
              column(a, "reaction_force_bottom_x_N").back(), column(a, "indenter_force_N").back(),
              summary(a, "newton_iterations"));
  EXPECT_LT(std::abs(column(a, "reaction_force_bottom_x_N").back()), 1e-6 * column(a, "indenter_force_N").back());
}

TEST(DeviceFriction, BadFrictionKeysNameTheKey) {
  for (const auto& [extra, path] : std::vector<std::pair<std::string, std::string>>{
           {", friction: -0.1", "contact[0].friction"},
           {", friction: 6", "contact[0].friction"},
           {", friction: 0.5, friction_penalty: -1 Pa/m", "contact[0].friction_penalty"},
           {", friction: 0.5, friction_penalty: soft", "contact[0].friction_penalty"}}) {
    try {
      run(flat_contact(kDepthTable + extra));
      ADD_FAILURE() << extra << " was accepted";
    } catch (const ScenarioError& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace myo::sim
