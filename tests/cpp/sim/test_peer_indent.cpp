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
#include "../run_history.hpp"
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
  const double mu = 1e4, kappa = 5e7, R = 0.01, d = 0.2e-3;
  const double nu = (3 * kappa - 2 * mu) / (2 * (3 * kappa + mu)), E = 2 * mu * (1 + nu);
  const double F_hertz = 4.0 / 3.0 * E / (1 - nu * nu) * std::sqrt(R) * std::pow(d, 1.5);
  const double F = summary(r, "indenter_force_N");
  const double a = std::sqrt(summary(r, "contact_area_mm2") / M_PI) * 1e-3, a_hertz = std::sqrt(R * d);
  std::printf("Hertz: F = %.6g N (Hertz %.6g N, ratio %.4f); a = %.4f mm (Hertz %.4f mm)\n", F, F_hertz,
              F / F_hertz, a * 1e3, a_hertz * 1e3);
  EXPECT_NEAR(F / F_hertz, 1.0, 0.03);
  // Cells near r = a: geometric radial grading 60 over 60 cells of 100 mm, about 0.13 mm there.
  EXPECT_LT(std::abs(a - a_hertz), 0.15e-3);
}

}  // namespace
}  // namespace myo::sim
