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

}  // namespace
}  // namespace myo::sim
