// Study scenarios (sim/study.hpp): `study: {model: NAME, ...}` is parsed against the study's spec,
// every error names its key path, and run_scenario writes the runner's result as any run's.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "myo/sim/result_writer.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

// A study that tabulates y = 2 x for x = 0..span in `points` rows: its numbers are checkable.
Registry registry_with_study() {
  Registry r;
  ModelSpec spec;
  spec.name = "doubling";
  ParamSpec span;
  span.name = "span";
  span.unit = "m";
  span.default_value = 0.002;
  span.min = 0.0;
  span.max = 1.0;
  ParamSpec points;
  points.name = "points";
  points.unit = "-";
  points.default_value = 3;
  points.min = 2;
  points.max = 100;
  spec.params = {span, points};
  r.add_study(spec, [](const ParamValues& v, const StudyContext& c) {
    RunResult out;
    out.history_names = {"x_mm", "y_mm"};
    out.history_columns.assign(2, {});
    const int n = static_cast<int>(v.at("points"));
    for (int k = 0; k < n; ++k) {
      const double x = v.at("span") * k / (n - 1) * 1e3;
      out.history_columns[0].push_back(x);
      out.history_columns[1].push_back(2.0 * x);
    }
    out.summary = {{"y_end_mm", out.history_columns[1].back()}};
    out.summary_text = {{"description", c.description}};
    out.completed = true;
    return out;
  });
  return r;
}

std::string error_of(const std::string& yaml, const Registry& registry) {
  try {
    Scenario::from_text(yaml).spec(registry);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(StudyScenario, ParsesAgainstTheStudySpecAndFillsDefaults) {
  const Registry registry = registry_with_study();
  const Scenario s = Scenario::from_text("name: t\nstudy: {model: doubling, span: 4 mm}\n");
  const ScenarioSpec spec = s.spec(registry);
  EXPECT_EQ(spec.study, "doubling");
  EXPECT_DOUBLE_EQ(spec.study_params.at("span"), 0.004);
  EXPECT_DOUBLE_EQ(spec.study_params.at("points"), 3.0);
  EXPECT_NE(s.resolved_yaml(registry).find("points: 3"), std::string::npos);
  ASSERT_EQ(registry.specs().size(), 1u);
  EXPECT_EQ(registry.specs()[0].kind, "study");
}

TEST(StudyScenario, ErrorsNameTheKeyPath) {
  const Registry registry = registry_with_study();
  EXPECT_NE(error_of("name: t\nstudy: {model: doubling, spam: 1}\n", registry).find("study.spam"), std::string::npos);
  EXPECT_NE(error_of("name: t\nstudy: {model: halving}\n", registry).find("study.model"), std::string::npos);
  EXPECT_NE(error_of("name: t\nstudy: {span: 1 mm}\n", registry).find("study.model: is missing"), std::string::npos);
  EXPECT_NE(error_of("name: t\nstudy: {model: doubling, span: 2 m}\n", registry).find("study.span"), std::string::npos);
  EXPECT_NE(error_of("name: t\nstudy: {model: doubling, span: 2 kPa}\n", registry).find("study.span"), std::string::npos);
  // A study scenario has no mesh, materials or time: any other top-level key is an error.
  const std::string e = error_of("name: t\nstudy: {model: doubling}\ntime: {end: 1 s}\n", registry);
  EXPECT_NE(e.find("time: unknown key"), std::string::npos) << e;
  EXPECT_NE(error_of("name: t\nstudy: [1, 2]\n", registry).find("study:"), std::string::npos);
  // No study registered at all.
  EXPECT_NE(error_of("name: t\nstudy: {model: doubling}\n", Registry{}).find("study.model"), std::string::npos);
}

TEST(StudyScenario, RunWritesSummaryHistoryAndResolvedScenario) {
  const Registry registry = registry_with_study();
  Scenario s = Scenario::from_text("name: t\ndescription: d\nstudy: {model: doubling, span: 3 mm}\n");
  s.set("study.points", "4");
  const std::string dir = (std::filesystem::temp_directory_path() / "myo_study_run").string();
  std::filesystem::remove_all(dir);
  const RunResult r = run_scenario(s, registry, dir);
  ASSERT_TRUE(r.completed);
  EXPECT_EQ(r.steps, 4);
  ASSERT_EQ(r.history_columns.size(), 2u);
  EXPECT_DOUBLE_EQ(r.history_columns[1].back(), 6.0);
  const RowMatrixXd y = read_dataset(dir + "/result.h5", "/history/y_mm");
  ASSERT_EQ(y.rows(), 4);
  EXPECT_DOUBLE_EQ(y(3, 0), 6.0);
  std::stringstream json;
  json << std::ifstream(dir + "/summary.json").rdbuf();
  EXPECT_NE(json.str().find("\"y_end_mm\""), std::string::npos);
  EXPECT_NE(json.str().find("\"steps\""), std::string::npos);
  EXPECT_NE(json.str().find("\"doubling\""), std::string::npos) << json.str();
  EXPECT_TRUE(std::filesystem::exists(dir + "/scenario.resolved.yaml"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/result.xdmf"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace myo::sim
