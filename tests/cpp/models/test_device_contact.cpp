// Rigid devices pressing tissue through the penalty contact: one smoke run per device on a small
// hex8 block (equilibrium: the reaction at the fixed base equals the contact force to solver
// tolerance), and the flat punch against Sneddon's solution.
//
// Sneddon 1965 (Int. J. Eng. Sci. 3:47, after Boussinesq 1885; also Johnson 1985, Contact
// Mechanics): a rigid flat punch of radius a pressed a depth d into an elastic half-space (shear modulus mu,
// Poisson ratio nu) needs
//     F = 2 E* a d,   E* = E / (1 - nu^2) = 2 mu / (1 - nu),   i.e.  F = 4 mu a d / (1 - nu),
// which is 8 mu a d for an incompressible solid; the pressure p(r) = F / (2 pi a sqrt(a^2 - r^2))
// is singular at the edge, so the computed peak pressure keeps growing as the mesh is refined.
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

RunResult press(const std::string& device, const std::string& depth) {
  const Scenario s = Scenario::from_text(R"(
name: device_smoke
mesh: {size_x: 30 mm, size_y: 30 mm, cells_x: 6, cells_y: 6,
       layers: [{name: tissue, thickness: 10 mm, cells: 3}]}
materials: {tissue: {model: neo_hookean, mu: 10 kPa, kappa: 1 MPa}}
boundary: [{set: bottom, fix: all}]
contact: [{surface: top, device: )" + device + R"(, position: [15 mm, 15 mm, 10 mm], depth: )" + depth +
                                         R"(, quadrature: 4}]
time: {end: 1 s, steps: 2}
output: {reaction_sets: [bottom]}
)");
  return run_scenario(s, builtin_registry(), "");
}

void expect_equilibrium(const RunResult& r, const std::string& what) {
  ASSERT_TRUE(r.completed) << what << ": " << r.message;
  const auto& force = column(r, "indenter_force_N");
  const auto& bottom = column(r, "reaction_force_bottom_z_N");
  std::printf("%-60s F = %.5f N, base reaction %.5f N, peak p = %.3f kPa\n", what.c_str(),
              force.back(), bottom.back(), summary(r, "peak_contact_pressure_kPa"));
  EXPECT_GT(force.back(), 0.0) << what;
  for (size_t i = 0; i < force.size(); ++i)
    EXPECT_NEAR(bottom[i], force[i], 1e-6 * force.back()) << what << " step " << i;
}

TEST(DeviceContact, EveryDevicePressesABlockInEquilibrium) {
  for (const std::string device :
       {"{model: cylinder, diameter: 40 mm, length: 20 mm, edge_radius: 3 mm}",
        "{model: flat_punch, radius: 5 mm, fillet: 1 mm}",
        "{model: cone, included_angle: 90 deg, tip_radius: 2 mm}",
        "{model: hook, tip_radius: 4 mm, tip_width: 16 mm, arm_bend_radius: 40 mm, "
        "approach_angle: 30 deg}"})
    expect_equilibrium(press(device, "1 mm"), device);
}

/// Axisymmetric block of radius and height 100 mm, graded toward the punch edge region, pressed
/// by a flat punch (radius a, fillet 0.05 mm) to depth d.
RunResult punch_on_cylinder(int cells, double a_mm, double d_mm) {
  const std::string n = std::to_string(cells);
  const Scenario s = Scenario::from_text(R"(
name: sneddon
mesh:
  generator: layered_cylinder
  radius: 100 mm
  cells_r: )" + n + R"(
  radial_grading: 60
  layers: [{name: tissue, thickness: 100 mm, cells: )" + n + R"(, grading: 0.0167}]
materials: {tissue: {model: neo_hookean, mu: 10 kPa, kappa: 10 MPa}}
formulation: q1p0
boundary: [{set: bottom, fix: all}]
contact:
  - {surface: top, device: {model: flat_punch, radius: )" + std::to_string(a_mm) +
                                         R"( mm, fillet: 0.05 mm}, position: [0 mm, 100 mm],
     direction: [0, -1], depth: )" + std::to_string(d_mm) + R"( mm, quadrature: 4}
time: {end: 1 s, steps: 1}
solver: {residual_tolerance: 1e-10}
output: {reaction_sets: [bottom]}
)");
  return run_scenario(s, builtin_registry(), "");
}

TEST(DeviceContact, FlatPunchMatchesSneddonAndItsEdgePressureGrowsWithRefinement) {
  const double mu = 1e4, kappa = 1e7, a = 2e-3, d = 0.02e-3;
  const double nu = (3 * kappa - 2 * mu) / (2 * (3 * kappa + mu));
  const double F_sneddon = 4 * mu * a * d / (1 - nu);
  double last_peak = 0.0;
  for (int cells : {30, 60, 90}) {
    const RunResult r = punch_on_cylinder(cells, 1e3 * a, 1e3 * d);
    expect_equilibrium(r, "flat punch, axisymmetric " + std::to_string(cells) + " x " + std::to_string(cells));
    const double F = column(r, "indenter_force_N").back();
    const double peak = summary(r, "peak_contact_pressure_kPa");
    std::printf("Sneddon: %2d x %2d cells: F = %.6g N (Sneddon %.6g N, ratio %.4f), peak p = %.3f kPa "
                "(mean p = %.3f kPa)\n",
                cells, cells, F, F_sneddon, F / F_sneddon, peak, 1e-3 * F / (M_PI * a * a));
    if (cells == 90) {
      EXPECT_NEAR(F / F_sneddon, 1.0, 0.03);
    }
    EXPECT_GT(peak, last_peak) << cells;
    last_peak = peak;
  }
}

}  // namespace
}  // namespace myo::sim
