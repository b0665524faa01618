// toned_muscle in FE runs: a muscle layer with a knot under a fat layer, held at its fibre ends,
// pressed 60 s by a rigid sphere and then left to rest. The material outputs reach the history
// (region statistics per step), the summary and result.h5 (cell fields, NaN in the fat); tone is
// released under the sphere and returns at rest; with release switched off the pressure changes
// no tone at all.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "../builtin_registry.hpp"
#include "myo/sim/result_writer.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;

std::string pressed_knot(const std::string& extra_muscle_params) {
  return R"(
name: pressed_knot
mesh:
  generator: layered_box
  size_x: 20 mm
  size_y: 20 mm
  cells_x: 4
  cells_y: 4
  layers:
    - {name: muscle, thickness: 8 mm, cells: 2}
    - {name: fat, thickness: 2 mm, cells: 1}
materials:
  muscle: {model: toned_muscle, kappa: 1 MPa, fibre: [1, 0, 0], knot_x: 10 mm, knot_y: 10 mm,
           knot_z: 6 mm, knot_radius: 4 mm)" + extra_muscle_params + R"(}
  fat: {model: neo_hookean, mu: 3 kPa, kappa: 1 MPa}
boundary:
  - {set: bottom, fix: all}
  - {set: x0, fix: [x]}
  - {set: x1, fix: [x]}
contact:
  - name: indenter
    surface: top
    device: {model: sphere, diameter: 20 mm}
    position: [10 mm, 10 mm, 10 mm]
    direction: [0, 0, -1]
    depth: {table: [[0 s, 0 mm], [4 s, 3 mm], [64 s, 3 mm], [68 s, 0 mm], [368 s, 0 mm]]}
time: {end: 368 s, steps: 92}
output: {times: [4 s, 64 s, 368 s], reaction_sets: [x1]}
)";
}

const std::vector<double>& column(const RunResult& r, const std::string& name) {
  for (size_t k = 0; k < r.history_names.size(); ++k)
    if (r.history_names[k] == name) return r.history_columns[k];
  throw std::runtime_error("no history column " + name);
}

double at_time(const RunResult& r, const std::string& name, double t) {
  const auto& time = column(r, "time_s");
  for (size_t k = 0; k < time.size(); ++k)
    if (std::abs(time[k] - t) < 1e-9) return column(r, name)[k];
  throw std::runtime_error("no step at t = " + std::to_string(t));
}

TEST(ToneFE, PressedKnotReleasesAndRecovers) {
  const std::string dir = (std::filesystem::temp_directory_path() / "myo_test_tone_fe").string();
  std::filesystem::remove_all(dir);
  const RunResult r = run_scenario(Scenario::from_text(pressed_knot("")), builtin_registry(), dir);
  ASSERT_TRUE(r.completed) << r.message;
  const double q_max = 0.0693;
  const double start = at_time(r, "tone_mean_muscle", 4.0), end_hold = at_time(r, "tone_mean_muscle", 64.0),
               end = at_time(r, "tone_mean_muscle", 368.0);
  const double released = at_time(r, "released_fraction_max_muscle", 64.0);
  std::printf("tone mean: %.5f at 4 s, %.5f after the 60 s hold, %.5f 5 min later; largest released fraction "
              "%.4f (q_max %.4f); force %.3f N; x1 tension %.4f -> %.4f N\n",
              start, end_hold, end, released, q_max, at_time(r, "indenter_force_N", 64.0),
              at_time(r, "reaction_force_x1_x_N", 4.0), at_time(r, "reaction_force_x1_x_N", 368.0));
  EXPECT_GT(at_time(r, "indenter_force_N", 64.0), 0.0);
  EXPECT_LT(end_hold, start);
  EXPECT_GT(released, 0.5 * q_max);  // 60 s at tau 30 s, less one 4 s step of lag
  EXPECT_LE(released, q_max);
  EXPECT_LT(at_time(r, "released_fraction_max_muscle", 368.0), 0.01 * q_max);  // 5 tau of recovery
  EXPECT_GT(at_time(r, "tone_max_muscle", 4.0), 0.0115);  // near the knot peak 0.01246
  EXPECT_EQ(at_time(r, "injury_flag", 368.0), 0.0);      // a 60 s hold is safe

  // Files: the summary has the statistics, result.h5 the cell fields (NaN outside the muscle).
  std::ifstream json(dir + "/summary.json");
  const std::string summary((std::istreambuf_iterator<char>(json)), std::istreambuf_iterator<char>());
  for (const char* key : {"\"tone_mean_muscle\"", "\"tone_max_muscle\"", "\"resting_length_factor_mean_muscle\"",
                          "\"rest_shear_modulus_mean_muscle_Pa\"", "\"injury_flag\""})
    EXPECT_NE(summary.find(key), std::string::npos) << key;
  EXPECT_EQ(summary.find("tone_mean_fat"), std::string::npos);
  const RowMatrixXd tone = read_dataset(dir + "/result.h5", "/steps/000001/tone");
  const RowMatrixXd modulus = read_dataset(dir + "/result.h5", "/steps/000001/rest_shear_modulus");
  ASSERT_EQ(tone.rows(), 48);
  EXPECT_EQ(read_string_attribute(dir + "/result.h5", "/steps/000001/rest_shear_modulus", "unit"), "Pa");
  for (int c = 0; c < 48; ++c) {
    const bool muscle = c < 32;  // layers from the bottom: 4 x 4 x 2 muscle cells, then the fat
    EXPECT_EQ(std::isnan(tone(c, 0)), !muscle) << c;
    if (muscle) {
      EXPECT_NEAR(modulus(c, 0), 1000.0 + 3e5 * tone(c, 0), 1e-6 * modulus(c, 0)) << c;
    }
  }
  const double min_tone = tone.topRows(32).minCoeff();
  EXPECT_LT(min_tone, 0.01 * (1 - 0.5 * q_max));  // released under the sphere at 64 s
}

TEST(ToneFE, WithReleaseOffPressureChangesNoTone) {
  const RunResult r = run_scenario(Scenario::from_text(pressed_knot(", release_fraction: 0")), builtin_registry(), "");
  ASSERT_TRUE(r.completed) << r.message;
  const auto& mean = column(r, "tone_mean_muscle");
  const auto& max = column(r, "tone_max_muscle");
  for (size_t k = 1; k < mean.size(); ++k) {
    EXPECT_EQ(mean[k], mean[0]) << k;
    EXPECT_EQ(max[k], max[0]) << k;
  }
  EXPECT_GT(at_time(r, "indenter_force_N", 64.0), 0.0);
}

}  // namespace
}  // namespace myo::sim
