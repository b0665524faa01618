#pragma once
// Linear solvers for the symmetric tangent K du = r. The pattern is analysed once per run
// (ordering, symbolic factorization); every Newton iteration only refactorizes.
#include <Eigen/Core>
#include <memory>
#include <string>

#include "myo/sim/symmetric_csc.hpp"

namespace myo::sim {

class LinearSolver {
 public:
  virtual ~LinearSolver() = default;
  virtual std::string name() const = 0;
  /// Symbolic phase on the pattern of A (values ignored).
  virtual void analyze(const SymmetricCsc& A) = 0;
  /// Numeric phase. Returns false if A is not positive definite (Cholesky) or singular, so that
  /// the caller can fall back to an indefinite solver.
  virtual bool factorize(const SymmetricCsc& A) = 0;
  /// x = A^-1 b with the last factorization. Returns false when an iterative solve fails.
  virtual bool solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) = 0;
};

/// "cholmod" (supernodal Cholesky, default), "mumps" (multifrontal LDL^T with pivoting, for
/// indefinite tangents), "ldlt" (Eigen SimplicialLDLT, no pivoting) or "cg" (Jacobi-preconditioned
/// conjugate gradients, for meshes too large to factor).
/// Throws std::invalid_argument naming solver.linear for another name.
std::unique_ptr<LinearSolver> make_linear_solver(const std::string& name);

}  // namespace myo::sim
