// Viscous stabilization (viscous_stabilization.hpp): its force is the gradient of its energy and
// its stiffness the derivative of its force; commit() dissipates the step's work and takes the
// next damping from the tissue's diagonal captured before contact and damping were added. In a run, the damping carries about
// s of the load while the loading moves and vanishes in a hold: the answer at rest is the
// undamped one.
#include "myo/sim/viscous_stabilization.hpp"

#include <gtest/gtest.h>

#include "../builtin_registry.hpp"
#include "../run_result_access.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::summary;

// A 3 x 3 tangent (upper triangle) with diagonal 2, 3, 5 N/m.
SymmetricCsc small_tangent() {
  SymmetricCsc K;
  K.n = 3;
  K.col_ptr = {0, 1, 3, 6};
  K.row_index = {0, 0, 1, 0, 1, 2};
  K.values = {2.0, 0.5, 3.0, 0.1, 0.2, 5.0};
  return K;
}

TEST(ViscousStabilization, ForceEnergyAndStiffnessAgree) {
  const std::vector<int> eq = {0, -1, 1, 2, -1};  // 4 mesh dofs (dof 1 prescribed), then a device travel
  const double s = 0.1, dt_nominal = 0.2, dt = 0.05;
  ViscousStabilization stab(s, dt_nominal);
  SymmetricCsc K = small_tangent();
  Eigen::VectorXd u0 = Eigen::VectorXd::Zero(5), R = Eigen::VectorXd::Zero(5);
  double energy = 0.0;
  stab.capture_tissue_diagonal(K);  // D = (2, 3, 5) N/m
  stab.add(u0, dt, eq, 4, &K, R, energy);
  stab.commit(u0);
  const Eigen::VectorXd u = (Eigen::VectorXd(5) << 1e-3, 7.0, -2e-3, 4e-3, 9.0).finished();
  K = small_tangent();
  R.setZero();
  energy = 0.0;
  stab.capture_tissue_diagonal(K);
  stab.add(u, dt, eq, 4, &K, R, energy);
  const double scale = s * dt_nominal / dt;
  const Eigen::Vector3d c = scale * Eigen::Vector3d(2.0, 3.0, 5.0);
  EXPECT_NEAR(R(0), c(0) * 1e-3, 1e-15);
  EXPECT_NEAR(R(2), c(1) * -2e-3, 1e-15);
  EXPECT_NEAR(R(3), c(2) * 4e-3, 1e-15);
  EXPECT_EQ(R(1), 0.0);  // prescribed
  EXPECT_EQ(R(4), 0.0);  // the device's travel is not damped
  EXPECT_NEAR(energy, 0.5 * (c(0) * 1e-6 + c(1) * 4e-6 + c(2) * 16e-6), 1e-18);
  EXPECT_NEAR(K.values[K.find(1, 1)], 3.0 + c(1), 1e-12);
  EXPECT_NEAR(K.values[K.find(0, 1)], 0.5, 0.0);  // off-diagonal untouched
  // The energy's central difference along a direction is the force along it.
  const Eigen::VectorXd v = (Eigen::VectorXd(5) << 0.3, 0.0, -0.7, 0.2, 0.0).finished();
  const double h = 1e-6;
  auto energy_at = [&](const Eigen::VectorXd& x) {
    ViscousStabilization copy = stab;
    SymmetricCsc Kc = small_tangent();
    Eigen::VectorXd Rc = Eigen::VectorXd::Zero(5);
    double e = 0.0;
    copy.add(x, dt, eq, 4, &Kc, Rc, e);
    return e;
  };
  EXPECT_NEAR((energy_at(u + h * v) - energy_at(u - h * v)) / (2 * h), R.dot(v), 1e-10 * R.norm());
  // Commit: the step's work is dissipated and D is the captured tissue diagonal, not K's (which
  // now holds the damping, or a contact penalty).
  stab.commit(u);
  EXPECT_NEAR(stab.dissipated_J(), c(0) * 1e-6 + c(1) * 4e-6 + c(2) * 16e-6, 1e-18);
  SymmetricCsc K2 = small_tangent();
  R.setZero();
  stab.add(u, dt, eq, 4, &K2, R, energy);
  EXPECT_NEAR(K2.values[K2.find(2, 2)], 5.0 + c(2), 1e-12);  // not 5 + 2 c
  EXPECT_EQ(R.norm(), 0.0);                                   // at u^n there is no damping force
  // A stiffer tissue diagonal captured before the next commit sets the next step's damping.
  SymmetricCsc stiffer = small_tangent();
  stiffer.values[stiffer.find(2, 2)] = 50.0;
  stab.capture_tissue_diagonal(stiffer);
  stab.commit(u);
  SymmetricCsc K3 = small_tangent();
  stab.add(u, dt, eq, 4, &K3, R, energy);
  EXPECT_NEAR(K3.values[K3.find(2, 2)], 5.0 + scale * 50.0, 1e-12);
}

TEST(ViscousStabilization, OffAndZeroStepsAddNothing) {
  const std::vector<int> eq = {0, 1, 2};
  SymmetricCsc K = small_tangent();
  Eigen::VectorXd R = Eigen::VectorXd::Zero(3);
  double energy = 0.0;
  ViscousStabilization off(0.0, 1.0);
  off.capture_tissue_diagonal(K);
  off.add(Eigen::VectorXd::Ones(3), 0.1, eq, 3, &K, R, energy);
  EXPECT_EQ(R.norm() + energy, 0.0);
  EXPECT_EQ(K.values[0], 2.0);
  ViscousStabilization on(0.5, 1.0);
  on.capture_tissue_diagonal(K);
  on.add(Eigen::VectorXd::Ones(3), 0.0, eq, 3, &K, R, energy);  // dt = 0: an output re-read
  EXPECT_EQ(R.norm() + energy, 0.0);
}

const char* kBlock = R"(name: small_block
mesh: {generator: layered_box, size_x: 40 mm, size_y: 40 mm, cells_x: 4, cells_y: 4,
       layers: [{name: tissue, thickness: 20 mm, cells: 2}]}
materials:
  tissue: {model: neo_hookean, mu: 10 kPa, kappa: 100 kPa}
boundary:
  - {set: bottom, fix: all}
  - {set: top, displacement: {z: {table: [[0 s, 0 mm], [1 s, -4 mm], [2 s, -4 mm]]}}}
time: {end: 2 s, steps: 8}
output: {reaction_sets: [top]}
)";

TEST(ViscousStabilization, CarriesAboutItsShareWhileLoadingAndNothingAtRest) {
  auto run = [](double s, const char* end) {
    Scenario sc = Scenario::from_text(kBlock);
    sc.set("solver.stabilization", std::to_string(s));
    sc.set("time.end", end);
    sc.set("time.steps", end == std::string("1 s") ? "4" : "8");
    return run_scenario(sc, builtin_registry(), "");
  };
  const RunResult plain = run(0.0, "1 s"), loaded = run(0.01, "1 s"), rested = run(0.01, "2 s");
  ASSERT_TRUE(plain.completed && loaded.completed && rested.completed);
  EXPECT_TRUE(std::isnan(summary(plain, "stabilization_peak_force_share")));  // keys only when on
  const double f = summary(plain, "reaction_force_top_z_N");
  const double share = summary(loaded, "stabilization_peak_force_share");
  std::printf("stabilization 0.01: peak force share %.4g, energy ratio %.4g; force %.6g N vs %.6g N undamped\n",
              share, summary(loaded, "stabilization_energy_ratio"), summary(loaded, "reaction_force_top_z_N"), f);
  EXPECT_GT(share, 1e-3);
  EXPECT_LT(share, 0.05);
  EXPECT_GT(summary(loaded, "stabilization_energy_ratio"), 0.0);
  EXPECT_LT(summary(loaded, "stabilization_energy_ratio"), 0.05);
  EXPECT_GT(std::abs(summary(loaded, "reaction_force_top_z_N") - f), 1e-6 * std::abs(f));
  // Four hold steps: the damping decays as (s / (1 + s))^k; the answer at rest is the undamped one.
  EXPECT_NEAR(summary(rested, "reaction_force_top_z_N"), f, 1e-6 * std::abs(f));
}

}  // namespace
}  // namespace myo::sim
