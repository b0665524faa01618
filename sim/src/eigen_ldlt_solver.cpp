#include "myo/sim/eigen_ldlt_solver.hpp"

namespace myo::sim {

void EigenLdltSolver::analyze(const SymmetricCsc& A) { ldlt_.analyzePattern(A.upper_view()); }

bool EigenLdltSolver::factorize(const SymmetricCsc& A) {
  ldlt_.factorize(A.upper_view());
  return ldlt_.info() == Eigen::Success;
}

bool EigenLdltSolver::solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) {
  x = ldlt_.solve(b);
  return ldlt_.info() == Eigen::Success && x.allFinite();
}

}  // namespace myo::sim
