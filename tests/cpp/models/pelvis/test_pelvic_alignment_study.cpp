// The pelvic_alignment study through the scenario file: it runs, its rows are the postures the
// pelvis model gives for each rho, and its summary agrees with its own sweep.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "myo/models/pelvis_posture.hpp"
#include "myo/models/register_builtin.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::models {
namespace {

double summary(const sim::RunResult& r, const std::string& key) {
  for (const auto& [k, v] : r.summary)
    if (k == key) return v;
  ADD_FAILURE() << "no summary key " << key;
  return NAN;
}

const std::vector<double>& column(const sim::RunResult& r, const std::string& name) {
  for (std::size_t c = 0; c < r.history_names.size(); ++c)
    if (r.history_names[c] == name) return r.history_columns[c];
  throw std::runtime_error("no history column " + name);
}

TEST(PelvisStudy, ScenarioRunsAndAgreesWithThePostures) {
  sim::Registry registry;
  register_builtin(registry);
  sim::Scenario s = sim::Scenario::from_file(std::string(MYO_SOURCE_DIR) + "/scenarios/pelvic_tilt_tightness.yaml");
  s.set("study.points", "3");
  const sim::RunResult r = sim::run_scenario(s, registry, "");
  ASSERT_TRUE(r.completed) << r.message;
  ASSERT_EQ(r.steps, 3);
  const std::vector<double>& rho = column(r, "hip_flexor_rho");
  EXPECT_DOUBLE_EQ(rho.front(), 0.94);
  EXPECT_DOUBLE_EQ(rho.back(), 1.0);
  // The middle row is the standing posture the model gives at rho = 0.97, with the scenario's targets.
  PelvisParams p;
  p.hip_flexors.rho = rho[1];
  const PostureResult standing = solve_standing(PelvisModel{p});
  EXPECT_NEAR(column(r, "standing_tilt_deg")[1], deg(standing.pelvic_tilt_rad), 1e-12);
  EXPECT_NEAR(column(r, "standing_lumbar_extension_deg")[1], deg(standing.lumbar_extension_rad), 1e-12);
  // The summary's rho = 1 figures are the sweep's last row.
  EXPECT_NEAR(summary(r, "standing_tilt_deg"), column(r, "standing_tilt_deg").back(), 1e-12);
  EXPECT_NEAR(summary(r, "stride_tilt_deg"), column(r, "stride_tilt_deg").back(), 1e-12);
  EXPECT_NEAR(summary(r, "stretch_passive_hip_extension_gain_deg"), 2.6, 1e-6);
  // Tighter flexors: less hip extension in the stride and more anterior tilt (the thigh angle is fixed).
  EXPECT_LT(column(r, "stride_hip_extension_deg").front(), column(r, "stride_hip_extension_deg").back());
  EXPECT_GT(column(r, "stride_tilt_deg").front(), column(r, "stride_tilt_deg").back());
}

TEST(PelvisStudy, BadStudyKeyNamesItsPath) {
  sim::Registry registry;
  register_builtin(registry);
  const sim::Scenario s = sim::Scenario::from_text("name: t\nstudy: {model: pelvic_alignment, rho_min: 1.2}\n");
  try {
    s.spec(registry);
    FAIL() << "rho_min 1.2 accepted";
  } catch (const sim::ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("study.rho_min"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace myo::models
