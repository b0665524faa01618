#pragma once
#include <memory>

#include "myo/sim/linear_solver.hpp"

namespace myo::sim {

/// MUMPS 5 (Amestoy, Duff, L'Excellent & Koster 2001), sequential, symmetric general (SYM = 2):
/// a multifrontal LDL^T with threshold and 2x2 pivoting, so that it factors the indefinite
/// tangents (spurious pressure of a predicted state, buckling, a soft layer under contact)
/// that stop a Cholesky factorization, with the exact Newton direction rather than a damped one.
/// The pattern is analysed once (ordering, symbolic factorization); factorize() only refactors.
/// Multithreaded through its BLAS (OpenBLAS) on the large fronts.
class MumpsSolver : public LinearSolver {
 public:
  MumpsSolver();
  ~MumpsSolver() override;
  std::string name() const override { return "mumps"; }
  void analyze(const SymmetricCsc& A) override;
  /// false when A is numerically singular (or MUMPS fails for another reason, see error()).
  bool factorize(const SymmetricCsc& A) override;
  bool solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) override;
  /// Negative pivots of the last factorization: by Sylvester's law of inertia, the number of
  /// negative eigenvalues of A (0 when A is positive definite).
  int negative_pivots() const;
  /// Symbolic analyses so far (one per sparsity pattern).
  int n_analyses() const { return n_analyses_; }
  /// MUMPS's INFOG(1) and INFOG(2) of the last call (0, 0 when it succeeded).
  std::pair<int, int> error() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int n_analyses_ = 0;
};

}  // namespace myo::sim
