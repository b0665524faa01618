// A meshed deformable ball pressed on the tissue (axisymmetric runs through the scenario parser):
//  - a soft ball on a much stiffer block follows Hertz for two elastic bodies,
//    F = 4/3 E* sqrt(R) d^1.5, 1/E* = (1 - nu1^2)/E1 + (1 - nu2^2)/E2, d the approach (the travel
//    of the ball's equator, the block's base being fixed);
//  - a ball 1000 times stiffer than the tissue reproduces the rigid sphere of
//    scenarios/sphere_indentation.yaml (axisymmetric variant, same tissue mesh and penalty);
//  - equilibrium: force on the handle = reaction at the tissue base = contact force;
//  - the designer's question: at the same force, a larger softer ball against a smaller harder one.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "../builtin_registry.hpp"
#include "../error_of.hpp"
#include "../run_history.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::column;
using myo::test::summary;

RunResult run(const std::string& yaml) {
  const RunResult r = run_scenario(Scenario::from_text(yaml), builtin_registry(), "");
  EXPECT_TRUE(r.completed) << r.message;
  return r;
}

/// Axisymmetric tissue disc (radius, thickness) under a ball contact described by `device`.
std::string ball_scenario(const std::string& tissue, const std::string& mesh, const std::string& device,
                          const std::string& depth, int steps, const std::string& extra = "") {
  return "name: ball\nmesh: " + mesh + "\nmaterials: {tissue: " + tissue +
         "}\nboundary: [{set: bottom, fix: all}]\n"
         "contact:\n  - {name: ball, surface: top, device: " + device + ", depth: " + depth + extra +
         "}\ntime: {end: 1 s, steps: " + std::to_string(steps) + "}\noutput: {reaction_sets: [bottom, ball_equator]}\n";
}

double hertz_force(double R, double d, double E_star) { return 4.0 / 3.0 * E_star * std::sqrt(R) * std::pow(d, 1.5); }
double plane_modulus(double mu, double nu) { return 2 * mu * (1 + nu) / (1 - nu * nu); }

TEST(DeformableBall, SoftBallOnStiffBlockFollowsHertz) {
  const double R = 0.01, mu_b = 1e4, nu_b = 0.45, mu_t = 1e7, kappa_t = 1e8;
  const RunResult r = run(ball_scenario(
      "{model: neo_hookean, mu: 10 MPa, kappa: 100 MPa}",
      "{generator: layered_cylinder, radius: 30 mm, cells_r: 12, radial_grading: 4, layers: [{name: tissue, "
      "thickness: 20 mm, cells: 8, grading: 0.3}]}",
      "{model: deformable_ball, diameter: 20 mm, shear_modulus: 10 kPa, poisson_ratio: 0.45, cells: 16}, "
      "position: [0 mm, 20 mm]",
      "0.3 mm", 3));
  const double nu_t = (3 * kappa_t - 2 * mu_t) / (2 * (3 * kappa_t + mu_t));
  const double E_star = 1.0 / (1.0 / plane_modulus(mu_b, nu_b) + 1.0 / plane_modulus(mu_t, nu_t));
  const auto& d = column(r, "ball_depth_mm");
  const auto& F = column(r, "ball_force_N");
  for (size_t i = 0; i < d.size(); ++i) {
    const double F_h = hertz_force(R, d[i] * 1e-3, E_star);
    std::printf("soft ball on stiff block: d/R = %.3f, F = %.5f N, Hertz %.5f N, ratio %.4f\n", d[i] * 1e-3 / R, F[i],
                F_h, F[i] / F_h);
    if (i + 1 == d.size()) EXPECT_NEAR(F[i] / F_h, 1.0, 0.03);
  }
  const double a = std::sqrt(column(r, "ball_contact_area_mm2").back() / std::numbers::pi);
  std::printf("contact radius %.3f mm, Hertz sqrt(R d) = %.3f mm\n", a, std::sqrt(R * d.back() * 1e-3) * 1e3);
}

/// The axisymmetric variant of scenarios/sphere_indentation.yaml: a disc of the block's area
/// (radius 22.57 mm), 20 mm thick, mu = 10 kPa, kappa = 10 MPa, pushed 4 mm by a 20 mm device.
std::string indentation(const std::string& device, const std::string& extra) {
  return ball_scenario("{model: neo_hookean, mu: 10 kPa, kappa: 10 MPa}",
                       "{generator: layered_cylinder, radius: 22.57 mm, cells_r: 16, radial_grading: 3, layers: "
                       "[{name: tissue, thickness: 20 mm, cells: 12, grading: 0.5}]}",
                       device + ", position: [0 mm, 20 mm], penalty: 10 MPa/mm", "4 mm", 8, extra);
}

TEST(DeformableBall, StiffBallReproducesRigidSphereAndBalancesForces) {
  std::string rigid = indentation("{model: sphere, diameter: 20 mm}", ", quadrature: 3");
  rigid.replace(rigid.find(", ball_equator"), 14, "");  // the rigid sphere has no equator
  const RunResult r_rigid = run(rigid);
  const RunResult r_ball = run(indentation(
      "{model: deformable_ball, diameter: 20 mm, shear_modulus: 10 MPa, poisson_ratio: 0.45, cells: 8}", ""));
  const double F_rigid = column(r_rigid, "ball_force_N").back(), F_ball = column(r_ball, "ball_force_N").back();
  const double p_rigid = summary(r_rigid, "peak_contact_pressure_kPa"), p_ball = summary(r_ball, "peak_contact_pressure_kPa");
  const double A_rigid = summary(r_rigid, "contact_area_mm2"), A_ball = summary(r_ball, "contact_area_mm2");
  std::printf("4 mm: rigid sphere F = %.5f N, p_max = %.3f kPa, A = %.2f mm^2; ball with mu 1000 x tissue "
              "F = %.5f N (ratio %.4f), p_max = %.3f kPa, A = %.2f mm^2\n",
              F_rigid, p_rigid, A_rigid, F_ball, F_ball / F_rigid, p_ball, A_ball);
  EXPECT_NEAR(F_ball / F_rigid, 1.0, 0.02);
  EXPECT_NEAR(A_ball / A_rigid, 1.0, 0.05);
  EXPECT_EQ(summary(r_ball, "indenter_force_N"), summary(r_ball, "ball_force_N"));
  EXPECT_NEAR(summary(r_ball, "indentation_depth_mm"), 4.0, 1e-12);
  // Equilibrium at every step: the handle holds what the tissue base carries, and both equal the
  // force transmitted by contact.
  const auto& F = column(r_ball, "ball_force_N");
  const auto& base = column(r_ball, "reaction_force_bottom_z_N");
  const auto& handle = column(r_ball, "reaction_force_ball_equator_z_N");
  for (size_t i = 0; i < F.size(); ++i) {
    EXPECT_NEAR(base[i], F[i], 1e-6 * F.back()) << "step " << i;
    EXPECT_NEAR(handle[i], -F[i], 1e-6 * F.back()) << "step " << i;
  }
  std::printf("equilibrium at 4 mm: contact %.9f N, base %.9f N, handle %.9f N\n", F.back(), base.back(), handle.back());
}

}  // namespace
}  // namespace myo::sim
