#pragma once
#include <Eigen/IterativeLinearSolvers>

#include "myo/sim/linear_solver.hpp"

namespace myo::sim {

/// Conjugate gradients with a Jacobi preconditioner: memory linear in the mesh size, for meshes
/// too large to factor. Converges slowly for nearly incompressible tissue (kappa/mu >> 1).
class CgSolver : public LinearSolver {
 public:
  explicit CgSolver(double relative_tolerance = 1e-10, int max_iterations = 20000);
  std::string name() const override { return "cg"; }
  void analyze(const SymmetricCsc& A) override;
  bool factorize(const SymmetricCsc& A) override;
  bool solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) override;
  int last_iterations() const { return last_iterations_; }

 private:
  Eigen::ConjugateGradient<Eigen::SparseMatrix<double>, Eigen::Upper | Eigen::Lower,
                           Eigen::DiagonalPreconditioner<double>> cg_;
  Eigen::SparseMatrix<double> A_full_;
  int last_iterations_ = 0;
};

}  // namespace myo::sim
