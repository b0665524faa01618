// The linear solvers agree on an assembled tangent; on an indefinite matrix Cholesky refuses (or
// factors a shifted matrix when allowed) and LDL^T (Eigen's, MUMPS's with pivoting) still solves
// it exactly; MUMPS reports the inertia and also factors what needs 2x2 pivots.
#include <gtest/gtest.h>

#include "myo/models/neo_hookean.hpp"
#include "myo/sim/assembler.hpp"
#include "myo/sim/cholmod_solver.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/linear_solver.hpp"
#include "myo/sim/mumps_solver.hpp"

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
  for (const std::string name : {"cholmod", "mumps", "ldlt", "cg"}) {
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

TEST(LinearSolvers, MumpsSolvesIndefiniteTangentsExactlyAndCountsNegativePivots) {
  SymmetricCsc K = block_tangent(3.0);
  const Eigen::VectorXd b = Eigen::VectorXd::Random(K.n);
  MumpsSolver mumps;
  mumps.analyze(K);
  ASSERT_TRUE(mumps.factorize(K));
  EXPECT_EQ(mumps.negative_pivots(), 0);
  // Three diagonal entries negated and made dominant: exactly three negative eigenvalues (the
  // matrix stays diagonally dominant in those rows, so by Gershgorin they cannot change sign).
  std::vector<int> flipped = {3, K.n / 2, K.n - 5};
  for (int j : flipped) K.values[K.find(j, j)] = -1e3 * std::abs(K.values[K.find(j, j)]);
  ASSERT_TRUE(mumps.factorize(K));  // the same pattern: no new analysis
  EXPECT_EQ(mumps.n_analyses(), 1);
  EXPECT_EQ(mumps.negative_pivots(), 3);
  Eigen::VectorXd x;
  ASSERT_TRUE(mumps.solve(b, x));
  EXPECT_LT(relative_residual(K, x, b), 1e-12);
}

TEST(LinearSolvers, MumpsPivotsWhereTheDiagonalIsZero) {
  // A saddle point [[0, 1], [1, 0]] repeated along a chain: every diagonal entry is zero, so
  // LDL^T without pivoting fails at the first column; MUMPS's 2x2 pivots factor it.
  SymmetricCsc A;
  A.n = 6;
  A.col_ptr = {0};
  for (int j = 0; j < A.n; ++j) {
    if (j > 0) {
      A.row_index.push_back(j - 1);
      A.values.push_back(j % 2 ? 1.0 : 0.1);
    }
    A.row_index.push_back(j);
    A.values.push_back(0.0);
    A.col_ptr.push_back(static_cast<int>(A.row_index.size()));
  }
  const Eigen::VectorXd b = Eigen::VectorXd::LinSpaced(A.n, 1.0, 2.0);
  MumpsSolver mumps;
  mumps.analyze(A);
  ASSERT_TRUE(mumps.factorize(A));
  EXPECT_EQ(mumps.negative_pivots(), 3);  // the eigenvalues of such a matrix come in pairs +-l
  Eigen::VectorXd x;
  ASSERT_TRUE(mumps.solve(b, x));
  EXPECT_LT(relative_residual(A, x, b), 1e-12);
}

TEST(LinearSolvers, MumpsRefusesASingularMatrix) {
  SymmetricCsc A;
  A.n = 3;
  A.col_ptr = {0, 1, 3, 6};
  A.row_index = {0, 0, 1, 0, 1, 2};
  A.values = {1.0, 2.0, 4.0, 3.0, 6.0, 9.0};  // rank one: (1, 2, 3)(1, 2, 3)^T
  MumpsSolver mumps;
  mumps.analyze(A);
  EXPECT_FALSE(mumps.factorize(A));
  Eigen::VectorXd x;
  EXPECT_FALSE(mumps.solve(Eigen::VectorXd::Ones(3), x));
}

TEST(LinearSolvers, UnknownNameIsAnError) {
  EXPECT_THROW(make_linear_solver("pardiso"), std::invalid_argument);
}

}  // namespace
}  // namespace myo::sim
