// The three linear solvers agree on an assembled tangent; on an indefinite matrix Cholesky
// refuses (or factors a shifted matrix when allowed) and LDL^T still solves it exactly.
#include <gtest/gtest.h>

#include "myo/models/neo_hookean.hpp"
#include "myo/sim/assembler.hpp"
#include "myo/sim/cholmod_solver.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/linear_solver.hpp"

namespace myo::sim {
namespace {

/// Tangent of a compressible block (kappa = 3 mu, so that Jacobi-CG converges) with its base
/// fixed, at a random moderate displacement.
SymmetricCsc block_tangent(double kappa_over_mu) {
  static Mesh mesh = make_layered_box({0.02, 0.02, 4, 4, {{"tissue", 0.01, 3, 1.0}}});
  auto m = std::make_shared<models::NeoHookean>(1e4);
  m->set_volumetric({VolumetricForm::quadratic, kappa_over_mu * 1e4});
  Assembler a(mesh, {{"tissue", m}}, Formulation::q1p0);
  std::vector<int> eq(a.n_dofs());
  int next = 0;
  for (int n = 0; n < mesh.n_nodes(); ++n)
    for (int i = 0; i < 3; ++i) eq[3 * n + i] = mesh.X(n, 2) == 0.0 ? -1 : next++;
  a.set_equations(eq);
  std::srand(12345);  // Eigen's Random draws from rand(): the same matrix in every test order
  Eigen::VectorXd u = 1e-4 * Eigen::VectorXd::Random(a.n_dofs()), f;
  double energy;
  EXPECT_TRUE(a.assemble(u, 0.0, 0.0, true, f, energy));
  return a.tangent();
}

double relative_residual(const SymmetricCsc& A, const Eigen::VectorXd& x, const Eigen::VectorXd& b) {
  Eigen::VectorXd Ax;
  A.multiply(x, Ax);
  return (Ax - b).norm() / b.norm();
}

TEST(LinearSolvers, CholmodLdltAndCgAgree) {
  const SymmetricCsc K = block_tangent(3.0);
  const Eigen::VectorXd b = Eigen::VectorXd::Random(K.n);
  Eigen::VectorXd reference;
  for (const std::string name : {"cholmod", "ldlt", "cg"}) {
    auto solver = make_linear_solver(name);
    solver->analyze(K);
    ASSERT_TRUE(solver->factorize(K)) << name;
    Eigen::VectorXd x;
    ASSERT_TRUE(solver->solve(b, x)) << name;
    EXPECT_LT(relative_residual(K, x, b), name == "cg" ? 1e-9 : 1e-12) << name;
    if (reference.size() == 0) reference = x;
    EXPECT_LT((x - reference).norm() / reference.norm(), 1e-7) << name;
  }
}

TEST(LinearSolvers, IndefiniteMatrixIsShiftedByCholmodAndSolvedByLdlt) {
  SymmetricCsc K = block_tangent(3.0);
  // Negate the smallest diagonal entry: the matrix becomes indefinite, mildly, as a tangent does
  // at an unequilibrated state (a shift below max|diag| repairs it).
  int j = 0;
  for (int k = 1; k < K.n; ++k)
    if (K.values[K.find(k, k)] < K.values[K.find(j, j)]) j = k;
  K.values[K.find(j, j)] = -K.values[K.find(j, j)];
  const Eigen::VectorXd b = Eigen::VectorXd::Random(K.n);

  CholmodSolver chol;
  chol.analyze(K);
  EXPECT_FALSE(chol.factorize(K));
  chol.allow_shift(true);
  ASSERT_TRUE(chol.factorize(K));
  EXPECT_GT(chol.last_shift(), 0.0);

  auto ldlt = make_linear_solver("ldlt");
  ldlt->analyze(K);
  ASSERT_TRUE(ldlt->factorize(K));
  Eigen::VectorXd x;
  ASSERT_TRUE(ldlt->solve(b, x));
  EXPECT_LT(relative_residual(K, x, b), 1e-10);
}

TEST(LinearSolvers, UnknownNameIsAnError) {
  EXPECT_THROW(make_linear_solver("mumps"), std::invalid_argument);
}

}  // namespace
}  // namespace myo::sim
