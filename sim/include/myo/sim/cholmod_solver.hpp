#pragma once
#include <memory>

#include "myo/sim/linear_solver.hpp"

namespace myo::sim {

/// CHOLMOD supernodal Cholesky (Chen, Davis, Hager & Rajamanickam 2008), METIS/AMD ordering
/// chosen by CHOLMOD. The matrix is wrapped, not copied.
class CholmodSolver : public LinearSolver {
 public:
  CholmodSolver();
  ~CholmodSolver() override;
  std::string name() const override { return "cholmod"; }
  void analyze(const SymmetricCsc& A) override;
  bool factorize(const SymmetricCsc& A) override;
  bool solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace myo::sim
