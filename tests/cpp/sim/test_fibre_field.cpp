// Fibre direction fields (sim/fibre_field.hpp): uniform; a polyline's nearest-segment tangent on a
// known curve (an L and a polygon inscribed in a circle, against the circle's tangent); smooth
// blending (equal weights where two segments are equally near, continuity along a line); input
// errors; the scenario syntax; and a curved field in an FE run (the assembler's Gauss-point
// fibres are the field at the Gauss points, and a straight "curve" reproduces the uniform run).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "../builtin_registry.hpp"
#include "../error_of.hpp"
#include "myo/sim/assembler.hpp"
#include "myo/sim/fibre_field.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::error_of;

double angle(const Vec3& a, const Vec3& b) { return std::acos(std::clamp(a.dot(b), -1.0, 1.0)); }

TEST(FibreField, UniformIsNormalisedEverywhere) {
  const FibreField f(Vec3(0, 3, 4));
  EXPECT_TRUE(f.uniform());
  EXPECT_NEAR((f.at(Vec3(1, 2, 3)) - Vec3(0, 0.6, 0.8)).norm(), 0.0, 1e-15);
  EXPECT_NE(error_of([] { FibreField(Vec3::Zero()); }).find("fibre"), std::string::npos);
}

TEST(FibreField, NearestSegmentTangentOnAnL) {
  // (0,0,0) -> (1,0,0) -> (1,1,0): +x along the first leg, +y along the second.
  const FibreField f = FibreField::curve({Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(1, 1, 0)});
  EXPECT_EQ(f.at(Vec3(0.5, 0.1, 0.0)), Vec3::UnitX());
  EXPECT_EQ(f.at(Vec3(0.5, -0.3, 0.2)), Vec3::UnitX());
  EXPECT_EQ(f.at(Vec3(0.8, 0.6, 0.0)), Vec3::UnitY());
  EXPECT_EQ(f.at(Vec3(1.3, 0.9, -0.1)), Vec3::UnitY());
}

TEST(FibreField, FollowsAnInscribedCircleWithinHalfASegmentAngle) {
  // 24 chords of a circle of radius 50 mm in the x-z plane; the direction at a point on the circle
  // is the tangent of its chord, at most half the chord angle from the circle's tangent.
  const double R = 0.05;
  const int n = 24;
  std::vector<Vec3> pts;
  for (int k = 0; k <= n; ++k) {
    const double t = 2.0 * std::numbers::pi * k / n;
    pts.emplace_back(R * std::cos(t), 0.0, R * std::sin(t));
  }
  const FibreField f = FibreField::curve(pts);
  double worst = 0.0;
  for (int k = 0; k < 360; ++k) {
    const double t = 2.0 * std::numbers::pi * (k + 0.37) / 360;
    const Vec3 tangent(-std::sin(t), 0.0, std::cos(t));
    worst = std::max(worst, angle(f.at(Vec3(R * std::cos(t), 0.0, R * std::sin(t))), tangent));
  }
  std::printf("circle, 24 chords: largest angle to the tangent %.4f rad (bound %.4f)\n", worst,
              std::numbers::pi / n);
  EXPECT_LE(worst, std::numbers::pi / n + 1e-12);
  EXPECT_GT(worst, 0.5 * std::numbers::pi / n);  // the chords are straight: the bound is reached
}

TEST(FibreField, BlendingIsSymmetricAtTheCornerAndContinuous) {
  const FibreField f = FibreField::curve({Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(1, 1, 0)}, 0.1);
  // Outside the corner, on the bisector: both legs equally near, the mean of the tangents.
  EXPECT_NEAR((f.at(Vec3(1.2, -0.2, 0.0)) - Vec3(1, 1, 0).normalized()).norm(), 0.0, 1e-14);
  // Far from the corner along a leg: the leg's tangent to exp(-distance gap / blend).
  EXPECT_NEAR(angle(f.at(Vec3(0.2, 0.05, 0.0)), Vec3::UnitX()), 0.0, 1e-3);
  // Along a line across the inner bisector y = 1 - x (where the nearest leg switches),
  // neighbouring samples differ by O(step / blend), and the direction turns by most of 90 degrees.
  const int n = 2000;
  double largest_jump = 0.0;
  const Vec3 first = f.at(Vec3(0.5, 0.2, 0.0));
  Vec3 previous = first;
  for (int k = 1; k <= n; ++k) {
    const double s = static_cast<double>(k) / n;
    const Vec3 d = f.at(Vec3(0.5 + 0.4 * s, 0.2 + 0.4 * s, 0.0));
    largest_jump = std::max(largest_jump, angle(d, previous));
    previous = d;
  }
  EXPECT_GT(angle(first, previous), 0.8 * std::numbers::pi / 2);
  const double step = 0.4 * std::sqrt(2.0) / n;
  std::printf("blend 0.1: largest change between samples %.2e rad at step %.2e\n", largest_jump, step);
  EXPECT_LT(largest_jump, 10.0 * step / 0.1);
  // Without blending the same line jumps by the corner angle.
  const FibreField sharp = FibreField::curve({Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(1, 1, 0)});
  EXPECT_NEAR(angle(sharp.at(Vec3(0.8, 0.199, 0)), sharp.at(Vec3(0.8, 0.201, 0))), std::numbers::pi / 2, 1e-12);
}

TEST(FibreField, BadCurvesNameTheProblem) {
  EXPECT_NE(error_of([] { FibreField::curve({Vec3::Zero()}); }).find("at least 2"), std::string::npos);
  EXPECT_NE(error_of([] { FibreField::curve({Vec3::Zero(), Vec3::UnitX(), Vec3::UnitX()}); }).find("curve[2]"),
            std::string::npos);
  EXPECT_NE(error_of([] { FibreField::curve({Vec3::Zero(), Vec3::UnitX()}, -1.0); }).find("blend"),
            std::string::npos);
}

// A muscle block 10 x 10 x 10 mm, active (a = 0.05, so that the fibre field matters), held at its
// x ends and base, pressed 1 mm on top.
std::string block_scenario(const std::string& fibre) {
  return R"(
name: fibre_block
mesh:
  generator: layered_box
  size_x: 10 mm
  size_y: 10 mm
  cells_x: 3
  cells_y: 3
  layers: [{name: muscle, thickness: 10 mm, cells: 3}]
materials:
  muscle: {model: blemker_muscle, activation: 0.05, sigma_max: 20 kPa, kappa: 1 MPa, fibre: )" +
         fibre + R"(}
boundary:
  - {set: bottom, fix: all}
  - {set: x0, fix: [x]}
  - {set: x1, fix: [x]}
  - {set: top, displacement: {z: -1 mm}}
time: {end: 1 s, steps: 2}
)";
}

TEST(FibreField, ScenarioCurveIsParsedWithUnits) {
  const ScenarioSpec spec =
      Scenario::from_text(block_scenario("{curve: [[0 mm, 5 mm, 0 mm], [10 mm, 5 mm, 10 mm]], blend: 2 mm}"))
          .spec(builtin_registry());
  const FibreField& f = spec.materials.at(0).fibre;
  ASSERT_FALSE(f.uniform());
  EXPECT_NEAR((f.points().back() - Vec3(0.01, 0.005, 0.01)).norm(), 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(f.blend_m(), 0.002);
  const auto message = [](const std::string& fibre) {
    try {
      Scenario::from_text(block_scenario(fibre)).spec(builtin_registry());
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("<no ScenarioError>");
  };
  EXPECT_NE(message("{curve: [[0 mm, 0 mm], [1 mm, 0 mm]]}").find("materials.muscle.fibre.curve[0]"),
            std::string::npos);
  EXPECT_NE(message("{curve: [[0 mm, 0 mm, 0 mm], [0 mm, 0 mm, 0 mm]]}").find("materials.muscle.fibre.curve[1]"),
            std::string::npos);
  EXPECT_NE(message("{curve: [[0 mm, 0 mm, 0 mm], [1 mm, 0 mm, 0 mm]], bend: 1 mm}").find("bend"), std::string::npos);
}

TEST(FibreField, AssemblerEvaluatesTheFieldAtEveryGaussPoint) {
  LayeredBoxSpec box;
  box.size_x_m = box.size_y_m = 0.01;
  box.cells_x = box.cells_y = 3;
  box.layers = {{"muscle", 0.01, 3, 1.0}};
  const Mesh mesh = make_layered_box(box);
  const FibreField arc = FibreField::curve(
      {Vec3(0, 0.005, 0), Vec3(0.004, 0.005, 0.002), Vec3(0.007, 0.005, 0.006), Vec3(0.008, 0.005, 0.01)}, 0.001);
  auto mat = builtin_registry().make_material("blemker_muscle", {{"kappa", 1e6}}, "materials.muscle");
  const Assembler a(mesh, {{"muscle", std::shared_ptr<const Material>(std::move(mat)), arc}}, Formulation::q1p0);
  ASSERT_EQ(a.gauss_fibres().size(), a.gauss().size());
  double spread = 0.0;
  for (size_t k = 0; k < a.gauss().size(); ++k) {
    EXPECT_EQ(a.gauss_fibres()[k], arc.at(a.gauss()[k].X));
    spread = std::max(spread, angle(a.gauss_fibres()[k], a.gauss_fibres()[0]));
  }
  EXPECT_GT(spread, 0.5);  // the points see different directions
  // The Gauss points' positions are those of the cell: their mean is the cell centre.
  Vec3 mean = Vec3::Zero();
  for (int q = 0; q < 8; ++q) mean += a.gauss()[q].X / 8.0;
  EXPECT_NEAR((mean - Vec3(0.01 / 6, 0.01 / 6, 0.01 / 6)).norm(), 0.0, 1e-15);
}

TEST(FibreField, CurvedFieldInAnFeRun) {
  const RunResult uniform = run_scenario(Scenario::from_text(block_scenario("[1, 0, 0]")), builtin_registry(), "");
  const RunResult straight = run_scenario(
      Scenario::from_text(block_scenario("{curve: [[0 mm, 5 mm, 5 mm], [10 mm, 5 mm, 5 mm]]}")), builtin_registry(), "");
  const RunResult curved = run_scenario(
      Scenario::from_text(block_scenario("{curve: [[0 mm, 5 mm, 0 mm], [5 mm, 5 mm, 3 mm], [10 mm, 5 mm, 10 mm]], blend: 2 mm}")),
      builtin_registry(), "");
  ASSERT_TRUE(uniform.completed && straight.completed && curved.completed) << curved.message;
  const double scale = uniform.displacement.cwiseAbs().maxCoeff();
  const double same = (straight.displacement - uniform.displacement).cwiseAbs().maxCoeff();
  const double differ = (curved.displacement - uniform.displacement).cwiseAbs().maxCoeff();
  std::printf("straight curve vs uniform: %.2e m; curved vs uniform: %.2e m (max |u| %.2e m)\n", same, differ, scale);
  EXPECT_LE(same, 1e-12 * scale);
  EXPECT_GT(differ, 0.05 * scale);
}

}  // namespace
}  // namespace myo::sim
