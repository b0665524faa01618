#pragma once
#include <Eigen/SparseCholesky>
#include <memory>

#include "myo/sim/linear_solver.hpp"

namespace myo::sim {

/// Eigen's SimplicialLDLT with AMD ordering: slower than CHOLMOD on large meshes, but it also
/// factors indefinite tangents (buckling, contact with a soft layer), where Cholesky stops.
class EigenLdltSolver : public LinearSolver {
 public:
  std::string name() const override { return "ldlt"; }
  void analyze(const SymmetricCsc& A) override;
  bool factorize(const SymmetricCsc& A) override;
  bool solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) override;

 private:
  Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>, Eigen::Upper> ldlt_;
};

}  // namespace myo::sim
