// Peer cross-check, problem B (shared/reference/peers): rigid sphere R = 10 mm pushed 4 mm into
// the neo-Hookean block, penalty K = 10 MPa/mm on the analytic sphere, 5 x 5 Gauss points per
// face. Reference forces (N) from results.jsonl, FEniCSx 0.5.2 at N = 8:
//   Q1   (plain hex8): F(0.5) = 0.473115, F(1) = 1.298410, F(4) = 10.451485
//   Q1/P0:             F(0.5) = 0.088689, F(1) = 0.213364, F(4) = 2.161518
// And Hertz: a rigid sphere on a large axisymmetric, nearly incompressible cylinder at
// d/R = 0.02: F = 4/3 E/(1 - nu^2) sqrt(R) d^1.5 within 3 %, contact radius sqrt(R d) within one
// cell.
#include <gtest/gtest.h>

#include <cmath>

#include "../builtin_registry.hpp"
#include "../run_result_access.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::column;
using myo::test::summary;

void check_problem_b(const std::string& formulation, const std::vector<std::pair<double, double>>& ref) {
  Scenario s = Scenario::from_file(std::string(MYO_SOURCE_DIR) + "/scenarios/sphere_indentation.yaml");
  s.set("formulation", formulation);
  const RunResult r = run_scenario(s, builtin_registry(), "");
  ASSERT_TRUE(r.completed) << r.message;
  const auto& depth = column(r, "indenter_depth_mm");
  const auto& force = column(r, "indenter_force_N");
  const auto& bottom = column(r, "reaction_force_bottom_z_N");
  for (auto [d, F] : ref) {
    size_t i = 0;
    while (i < depth.size() && std::abs(depth[i] - d) > 1e-9) ++i;
    ASSERT_LT(i, depth.size()) << "no step at depth " << d << " mm";
    std::printf("%s: F(%.2f mm) = %.6f N, FEniCSx %.6f N, rel. diff %.2e\n", formulation.c_str(), d,
                force[i], F, force[i] / F - 1);
    EXPECT_NEAR(force[i] / F, 1.0, 0.01) << formulation << " at " << d << " mm";
  }
  // Equilibrium: the base carries what the sphere pushes.
  for (size_t i = 0; i < force.size(); ++i) EXPECT_NEAR(bottom[i], force[i], 1e-6 * force.back());
}

TEST(PeerIndent, PlainHex8MatchesFenicsQ1) {
  check_problem_b("displacement", {{0.5, 0.47311534131082794}, {1.0, 1.298409513428891}, {4.0, 10.451485442947329}});
}

TEST(PeerIndent, Q1P0MatchesFenicsQ1P0) {
  check_problem_b("q1p0", {{0.5, 0.0886890822628234}, {1.0, 0.21336362639562673}, {4.0, 2.161517709834504}});
}

/// Hertz for a rigid sphere R = 10 mm, d = 0.2 mm on a neo-Hookean half-space (mu = 10 kPa):
/// F = 4/3 E/(1 - nu^2) sqrt(R) d^1.5 within 3 %, contact radius sqrt(R d) within `cell_m`.
void check_hertz(const char* what, double F, double area_mm2, double kappa, double cell_m) {
  const double mu = 1e4, R = 0.01, d = 0.2e-3;
  const double nu = (3 * kappa - 2 * mu) / (2 * (3 * kappa + mu)), E = 2 * mu * (1 + nu);
  const double F_hertz = 4.0 / 3.0 * E / (1 - nu * nu) * std::sqrt(R) * std::pow(d, 1.5);
  const double a = std::sqrt(area_mm2 / M_PI) * 1e-3, a_hertz = std::sqrt(R * d);
  std::printf("Hertz %s: F = %.6g N (Hertz %.6g N, ratio %.4f); a = %.4f mm (Hertz %.4f mm)\n", what, F, F_hertz,
              F / F_hertz, a * 1e3, a_hertz * 1e3);
  EXPECT_NEAR(F / F_hertz, 1.0, 0.03);
  EXPECT_LT(std::abs(a - a_hertz), cell_m);
}

TEST(Hertz, AxisymmetricRigidSphereOnNearlyIncompressibleHalfSpace) {
  const Scenario s = Scenario::from_text(R"(
name: hertz
mesh:
  generator: layered_cylinder
  radius: 100 mm
  cells_r: 60
  radial_grading: 60
  layers: [{name: tissue, thickness: 100 mm, cells: 60, grading: 0.0167}]
materials: {tissue: {model: neo_hookean, mu: 10 kPa, kappa: 50 MPa}}
boundary: [{set: bottom, fix: all}]
contact:
  - {surface: top, device: {model: sphere, diameter: 20 mm}, position: [0 mm, 100 mm],
     direction: [0, -1], depth: 0.2 mm, penalty: 1e10 Pa/m, quadrature: 2}
time: {end: 1 s, steps: 4}
)");
  const RunResult r = run_scenario(s, builtin_registry(), "");
  ASSERT_TRUE(r.completed) << r.message;
  // Cells near r = a: geometric radial grading 60 over 60 cells of 100 mm, about 0.13 mm there.
  check_hertz("axisymmetric", summary(r, "indenter_force_N"), summary(r, "contact_area_mm2"), 5e7, 0.15e-3);
}

// How the penalty moves the force (problem B, Q1/P0, N = 8, F at 4 mm): the tip sinks p/K into
// the surface, so the force at a given depth lags the exact contact by O(1/K) once the
// penetration is small: the change per decade of K must shrink about tenfold in that regime.
TEST(PeerIndent, PenaltyMovesTheForceAsOneOverK) {
  std::vector<double> F;
  for (const char* K : {"1 MPa/mm", "10 MPa/mm", "100 MPa/mm", "1000 MPa/mm"}) {
    Scenario s = Scenario::from_file(std::string(MYO_SOURCE_DIR) + "/scenarios/sphere_indentation.yaml");
    s.set("contact[0].penalty", K);
    const RunResult r = run_scenario(s, builtin_registry(), "");
    ASSERT_TRUE(r.completed) << r.message;
    F.push_back(summary(r, "indenter_force_N"));
    std::printf("penalty %s: F(4 mm) = %.6f N, peak pressure %.3f kPa\n", K, F.back(),
                summary(r, "peak_contact_pressure_kPa"));
  }
  std::vector<double> step;
  for (size_t k = 1; k < F.size(); ++k) step.push_back(F[k] - F[k - 1]);
  std::printf("change per decade of K: %.3e, %.3e, %.3e N (ratios %.1f, %.1f)\n", step[0], step[1], step[2],
              step[0] / step[1], step[1] / step[2]);
  for (double d : step) EXPECT_GT(d, 0.0);
  EXPECT_GT(step[1] / step[2], 7.0);
  EXPECT_LT((F[3] - F[1]) / F[3], 0.01);  // the peers' 10 MPa/mm is within 1 % of the stiff limit
}

// The same in 3D on a quarter of a larger block (symmetry planes x0, y0; kappa/mu = 500, so
// that nu = 0.499 enters Hertz's formula): the force is four times the quarter's, the contact
// radius that of a disc four times the quarter's area. Cells at the contact: about 0.17 mm.
TEST(Hertz, ThreeDimensionalRigidSphereOnQuarterBlock) {
  const Scenario s = Scenario::from_text(R"(
name: hertz3d
mesh:
  generator: layered_box
  size_x: 160 mm
  size_y: 160 mm
  cells_x: 20
  cells_y: 20
  quarter: true
  lateral_grading: 100
  layers: [{name: tissue, thickness: 80 mm, cells: 20, grading: 0.01}]
materials: {tissue: {model: neo_hookean, mu: 10 kPa, kappa: 5 MPa}}
boundary:
  - {set: bottom, fix: all}
  - {set: x0, fix: [x]}
  - {set: y0, fix: [y]}
contact:
  - {surface: top, device: {model: sphere, diameter: 20 mm}, position: [80 mm, 80 mm, 80 mm],
     depth: 0.2 mm, penalty: 1e10 Pa/m, quadrature: 2}
time: {end: 1 s, steps: 2}
output: {depth_profile_points: 0}
)");
  const RunResult r = run_scenario(s, builtin_registry(), "");
  ASSERT_TRUE(r.completed) << r.message;
  check_hertz("3D quarter", 4.0 * summary(r, "indenter_force_N"), 4.0 * summary(r, "contact_area_mm2"), 5e6, 0.17e-3);
}

}  // namespace
}  // namespace myo::sim
