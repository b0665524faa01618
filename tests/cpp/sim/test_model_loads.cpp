// External loads of the Model: at u = 0 their resultants equal pressure x area, traction x area
// and the nodal force; at a deformed state the assembled tangent equals the symmetric part of the
// finite-difference Jacobian of the residual (follower pressure is not conservative on an open
// surface, and its stiffness is symmetrized so that Cholesky applies).
#include <gtest/gtest.h>

#include "myo/models/neo_hookean.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/model.hpp"

namespace myo::sim {
namespace {

constexpr double L = 0.01;  // m, cube edge

Model make_model(const Mesh& mesh) {
  auto m = std::make_shared<models::NeoHookean>(1e4);
  m->set_volumetric({VolumetricForm::quadratic, 5e4});
  ModelLoads loads;
  loads.dirichlet = {{"bottom", 0, TimeTable::constant(0), {}},
                     {"bottom", 1, TimeTable::constant(0), {}},
                     {"bottom", 2, TimeTable::constant(0), {}}};
  loads.surface_loads = {{"top", SurfaceLoad::Kind::pressure, Vec3::UnitZ(), TimeTable::constant(2e3)},
                         {"x1", SurfaceLoad::Kind::traction, Vec3(0, 0.6, 0.8), TimeTable::constant(1e3)}};
  loads.nodal_forces = {{"y1", Vec3(1, 0, 0), TimeTable::constant(0.05)}};
  return Model(mesh, {{"tissue", m}}, Formulation::q1p0, loads);
}

TEST(ModelLoads, ResultantsAtTheReferenceState) {
  const Mesh mesh = make_layered_box({L, L, 2, 2, {{"tissue", L, 2, 1.0}}});
  Model model = make_model(mesh);
  Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs()), R;
  double energy;
  ASSERT_TRUE(model.evaluate(u, 1.0, 0.0, false, R, energy));
  // No internal force at u = 0: R = -f_ext, summed over all nodes (reactions included).
  Vec3 sum = Vec3::Zero();
  for (int n = 0; n < mesh.n_nodes(); ++n) sum += R.segment<3>(3 * n);
  const Vec3 f_ext = -2e3 * L * L * Vec3::UnitZ() + 1e3 * L * L * Vec3(0, 0.6, 0.8) + 0.05 * Vec3::UnitX();
  EXPECT_LT((-sum - f_ext).norm(), 1e-12 * f_ext.norm());
}

TEST(ModelLoads, TangentIsTheSymmetricPartOfTheResidualJacobian) {
  const Mesh mesh = make_layered_box({L, L, 2, 2, {{"tissue", L, 2, 1.0}}});
  Model model = make_model(mesh);
  std::srand(7);
  Eigen::VectorXd u = 5e-4 * Eigen::VectorXd::Random(model.n_dofs()), R;
  model.apply_dirichlet(1.0, u);
  double energy;
  ASSERT_TRUE(model.evaluate(u, 1.0, 0.0, true, R, energy));
  const int n = model.n_equations();
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(n, n);
  const SymmetricCsc& Kc = model.tangent();
  for (int j = 0; j < n; ++j)
    for (int k = Kc.col_ptr[j]; k < Kc.col_ptr[j + 1]; ++k) K(Kc.row_index[k], j) = K(j, Kc.row_index[k]) = Kc.values[k];
  Eigen::MatrixXd J(n, n);
  const double h = 1e-9;
  for (int j = 0; j < n; ++j) {
    Eigen::VectorXd e = Eigen::VectorXd::Zero(n), Rp, Rm;
    e(j) = 1.0;
    Eigen::VectorXd up = u, um = u;
    model.add_free(e, h, up);
    model.add_free(e, -h, um);
    model.evaluate(up, 1.0, 0.0, false, Rp, energy);
    model.evaluate(um, 1.0, 0.0, false, Rm, energy);
    J.col(j) = (model.free_part(Rp) - model.free_part(Rm)) / (2 * h);
  }
  const Eigen::MatrixXd J_sym = 0.5 * (J + J.transpose());
  EXPECT_LT((K - J_sym).cwiseAbs().maxCoeff(), 1e-6 * K.cwiseAbs().maxCoeff());
  // The follower pressure makes J non-symmetric: the check above is not vacuous.
  EXPECT_GT((J - J.transpose()).cwiseAbs().maxCoeff(), 1e-8 * K.cwiseAbs().maxCoeff());
}

}  // namespace
}  // namespace myo::sim

namespace myo::sim {
namespace {

// Model::loading(t): the prescribed values at t, then the loads' magnitudes. The Stepper
// extrapolates only where its change over a step continues the last step's.
TEST(ModelLoads, LoadingHoldsThePrescribedValuesAndTheLoadMagnitudes) {
  const Mesh mesh = make_layered_box({L, L, 2, 2, {{"tissue", L, 2, 1.0}}});
  auto m = std::make_shared<models::NeoHookean>(1e4);
  m->set_volumetric({VolumetricForm::quadratic, 5e4});
  ModelLoads loads;
  loads.dirichlet = {{"bottom", 2, TimeTable::constant(0), {}},
                     {"top", 2, TimeTable({{0.0, 0.0}, {1.0, -1e-3}, {2.0, -1e-3}}), {}}};  // ramp, then held
  loads.nodal_forces = {{"y1", Vec3(1, 0, 0), TimeTable::ramp(0.0, 1.0, 0.05)}};
  const Model model(mesh, {{"tissue", m}}, Formulation::q1p0, loads);
  const Eigen::VectorXd at_half = model.loading(0.5), at_one = model.loading(1.0), at_two = model.loading(2.0);
  ASSERT_EQ(at_half.size(), model.n_dofs() + 1);
  for (int n : mesh.node_sets.at("top")) {
    EXPECT_DOUBLE_EQ(at_half(3 * n + 2), -0.5e-3);
    EXPECT_DOUBLE_EQ(at_two(3 * n + 2), -1e-3);
    EXPECT_EQ(at_half(3 * n), 0.0);  // a free dof
  }
  EXPECT_DOUBLE_EQ(at_half(model.n_dofs()), 0.025);
  EXPECT_DOUBLE_EQ(at_two(model.n_dofs()), 0.05);
  // Over [1, 2] nothing moves: the ramp of [0, 1] does not go on.
  EXPECT_EQ((at_two - at_one).lpNorm<Eigen::Infinity>(), 0.0);
}

}  // namespace
}  // namespace myo::sim
