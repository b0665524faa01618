#include "myo/sim/cg_solver.hpp"

namespace myo::sim {

CgSolver::CgSolver(double relative_tolerance, int max_iterations) {
  cg_.setTolerance(relative_tolerance);
  cg_.setMaxIterations(max_iterations);
}

void CgSolver::analyze(const SymmetricCsc&) {}

bool CgSolver::factorize(const SymmetricCsc& A) {
  // Both triangles, so that the product parallelizes over rows with Eigen's OpenMP kernel.
  Eigen::SparseMatrix<double> upper = A.upper_view();
  A_full_ = upper.selfadjointView<Eigen::Upper>();
  cg_.compute(A_full_);
  return cg_.info() == Eigen::Success;
}

bool CgSolver::solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) {
  x = cg_.solve(b);
  last_iterations_ = static_cast<int>(cg_.iterations());
  return cg_.info() == Eigen::Success && x.allFinite();
}

}  // namespace myo::sim
