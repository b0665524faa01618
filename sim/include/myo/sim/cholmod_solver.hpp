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
  /// When A is indefinite, factor A + beta I instead (beta growing by 10 from 1e-4 max|diag|, or
  /// from a tenth of the last shift that worked) and
  /// report it through last_shift(); otherwise factorize() returns false.
  void allow_shift(bool on) { allow_shift_ = on; }
  /// With shifts allowed: skip the attempt on A itself and start at the shift that worked last
  /// (for a matrix that is known to be like the last indefinite one).
  void start_shifted(bool on) { start_shifted_ = on; }
  /// beta of the last factorization (0 when A itself was factored).
  double last_shift() const { return shift_; }
  /// Numeric factorizations so far, failed and shifted attempts included.
  int n_factorizations() const { return n_factorizations_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool allow_shift_ = false;
  bool start_shifted_ = false;
  double shift_ = 0.0;
  int n_factorizations_ = 0;
  double last_good_ratio_ = 0.0;  ///< beta / max|diag| of the last successful shift
};

}  // namespace myo::sim
