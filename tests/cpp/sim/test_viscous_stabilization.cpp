// Viscous stabilization (viscous_stabilization.hpp): xi is set from each step's stored energy
// and the energy fraction; the damping force is the gradient of its energy and its stiffness the
// derivative of the force; commit() dissipates the step's work. In a run the damping carries a
// small share of the load while the loading moves and vanishes in a hold: the answer at rest is
// the undamped one.
#include "myo/sim/viscous_stabilization.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "../builtin_registry.hpp"
#include "../run_result_access.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::summary;

// A 3 x 3 tangent (upper triangle), diagonal 2, 3, 5 N/m.
SymmetricCsc small_tangent() {
  SymmetricCsc K;
  K.n = 3;
  K.col_ptr = {0, 1, 3, 6};
  K.row_index = {0, 0, 1, 0, 1, 2};
  K.values = {2.0, 0.5, 3.0, 0.1, 0.2, 5.0};
  return K;
}

TEST(ViscousStabilization, CalibratedForceEnergyAndStiffnessAgree) {
  const std::vector<int> eq = {0, -1, 1, 2, -1};  // 4 mesh dofs (dof 1 prescribed), then a device travel
  const Eigen::Vector4d V(1e-6, 2e-6, 3e-6, 4e-6);  // m^3
  const double s = 0.1, dt_nominal = 0.2, dt = 0.05;
  ViscousStabilization stab(s, dt_nominal, V);
  SymmetricCsc K = small_tangent();
  Eigen::VectorXd R = Eigen::VectorXd::Zero(5);
  double energy = 0.0;
  // Before the first deforming step: no damping.
  const Eigen::VectorXd u1 = (Eigen::VectorXd(5) << 1e-3, 5.0, 2e-3, 0.0, 1.0).finished();
  stab.add(u1, dt, eq, &K, R, energy);
  EXPECT_EQ(R.norm() + energy, 0.0);
  stab.commit(u1, eq, 0.5);  // E = 0.5 J over sum V du^2 of the free dofs
  const double xi = s * 0.5 / (1e-6 * 1e-6 + 3e-6 * 4e-6);
  EXPECT_NEAR(stab.coefficient(), xi, 1e-9 * xi);
  const Eigen::VectorXd u = (Eigen::VectorXd(5) << 3e-3, 7.0, -2e-3, 4e-3, 9.0).finished();
  stab.add(u, dt, eq, &K, R, energy);
  const double scale = xi * dt_nominal / dt;
  const Eigen::Vector3d c = scale * Eigen::Vector3d(1e-6, 3e-6, 4e-6), du(2e-3, -4e-3, 4e-3);
  EXPECT_NEAR(R(0), c(0) * du(0), 1e-12 * std::abs(R(0)));
  EXPECT_NEAR(R(2), c(1) * du(1), 1e-12 * std::abs(R(2)));
  EXPECT_NEAR(R(3), c(2) * du(2), 1e-12 * std::abs(R(3)));
  EXPECT_EQ(R(1), 0.0);  // prescribed
  EXPECT_EQ(R(4), 0.0);  // the device's travel is not damped
  const double work = c.dot(du.cwiseProduct(du));
  EXPECT_NEAR(energy, 0.5 * work, 1e-12 * work);
  EXPECT_NEAR(K.values[K.find(1, 1)], 3.0 + c(1), 1e-12 * c(1));
  EXPECT_EQ(K.values[K.find(0, 1)], 0.5);  // off-diagonal untouched
  // The energy's central difference along a direction is the force along it.
  const Eigen::VectorXd v = (Eigen::VectorXd(5) << 0.3, 0.0, -0.7, 0.2, 0.0).finished();
  auto energy_at = [&](const Eigen::VectorXd& x) {
    ViscousStabilization copy = stab;
    SymmetricCsc Kc = small_tangent();
    Eigen::VectorXd Rc = Eigen::VectorXd::Zero(5);
    double e = 0.0;
    copy.add(x, dt, eq, &Kc, Rc, e);
    return e;
  };
  const double h = 1e-7;
  EXPECT_NEAR((energy_at(u + h * v) - energy_at(u - h * v)) / (2 * h), R.dot(v), 1e-7 * R.norm());
  // Commit: the step's work is dissipated; at the new u^n there is no damping force.
  stab.commit(u, eq, 0.6);
  EXPECT_NEAR(stab.dissipated_J(), work, 1e-12 * work);
  // xi follows the step: the fraction s of the 0.1 J it stored over its own sum V du^2.
  const double xi2 = s * 0.1 / (1e-6 * 4e-6 + 3e-6 * 16e-6 + 4e-6 * 16e-6);
  EXPECT_NEAR(stab.coefficient(), xi2, 1e-9 * xi2);
  R.setZero();
  stab.add(u, dt, eq, nullptr, R, energy);
  EXPECT_EQ(R.norm(), 0.0);
  // A step that stores no energy (a hold, relaxing) keeps xi.
  stab.commit(u, eq, 0.55);
  EXPECT_NEAR(stab.coefficient(), xi2, 1e-9 * xi2);
}

TEST(ViscousStabilization, OffAndZeroStepsAddNothing) {
  const std::vector<int> eq = {0, 1, 2};
  const Eigen::VectorXd V = Eigen::VectorXd::Constant(3, 1e-6), u = Eigen::VectorXd::Constant(3, 1e-3);
  SymmetricCsc K = small_tangent();
  Eigen::VectorXd R = Eigen::VectorXd::Zero(3);
  double energy = 0.0;
  ViscousStabilization off(0.0, 1.0, V);
  off.commit(u, eq, 1.0);
  off.add(2 * u, 0.1, eq, &K, R, energy);
  EXPECT_EQ(R.norm() + energy, 0.0);
  EXPECT_EQ(K.values[0], 2.0);
  ViscousStabilization on(0.5, 1.0, V);
  on.commit(u, eq, 1.0);
  on.add(2 * u, 0.0, eq, &K, R, energy);  // dt = 0: an output re-read
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

TEST(ViscousStabilization, CarriesASmallShareWhileLoadingAndNothingAtRest) {
  auto run = [](double s, bool hold) {
    Scenario sc = Scenario::from_text(kBlock);
    sc.set("solver.stabilization", std::to_string(s));
    sc.set("time.end", hold ? "2 s" : "1 s");
    sc.set("time.steps", hold ? "8" : "4");
    return run_scenario(sc, builtin_registry(), "");
  };
  const RunResult plain = run(0.0, false), loaded = run(0.01, false), rested = run(0.01, true);
  ASSERT_TRUE(plain.completed && loaded.completed && rested.completed);
  EXPECT_TRUE(std::isnan(summary(plain, "stabilization_peak_force_share")));  // keys only when on
  const double f = summary(plain, "reaction_force_top_z_N");
  const double share = summary(loaded, "stabilization_peak_force_share");
  const double ratio = summary(loaded, "stabilization_energy_ratio");
  std::printf("stabilization 0.01: peak force share %.4g, energy ratio %.4g; force %.6g N vs %.6g N undamped\n",
              share, ratio, summary(loaded, "reaction_force_top_z_N"), f);
  EXPECT_GT(share, 0.0);
  EXPECT_LT(share, 0.01);
  const auto& per_step = myo::test::column(loaded, "stabilization_force_share");  // the history has it per step
  EXPECT_EQ(*std::max_element(per_step.begin(), per_step.end()), share);
  // Each step dissipates about 0.01 of the strain energy the step before it stored.
  EXPECT_GT(ratio, 1e-4);
  EXPECT_LT(ratio, 0.01);
  EXPECT_GT(std::abs(summary(loaded, "reaction_force_top_z_N") - f), 1e-7 * std::abs(f));
  // Four hold steps: the damping decays; the answer at rest is the undamped one.
  EXPECT_NEAR(summary(rested, "reaction_force_top_z_N"), f, 1e-6 * std::abs(f));
}

TEST(ViscousStabilization, ARunStopsWhereTheDampingCarriesMoreThanItsLimit) {
  // The same block: its damping carries about 0.4 % of the load in its loading steps after the
  // first (xi is set from the first step's energy, so that one is undamped). A limit below that
  // ends the run at step 2, which is not kept; a limit above lets it finish.
  auto run = [](const char* limit) {
    Scenario sc = Scenario::from_text(kBlock);
    sc.set("solver.stabilization", "0.01");
    sc.set("solver.stabilization_limit", limit);
    sc.set("time.steps", "4");
    return run_scenario(sc, builtin_registry(), "");
  };
  const RunResult stopped = run("0.001"), finished = run("0.05");
  EXPECT_TRUE(finished.completed);
  ASSERT_FALSE(stopped.completed);
  EXPECT_EQ(stopped.steps, 1);
  EXPECT_NE(stopped.message.find("viscous stabilization carries"), std::string::npos) << stopped.message;
  EXPECT_NE(stopped.message.find("solver.stabilization_limit = 0.1 %"), std::string::npos) << stopped.message;
  const auto& kept = myo::test::column(stopped, "stabilization_force_share");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0], 0.0);
}

}  // namespace
}  // namespace myo::sim
