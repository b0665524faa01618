#include "myo/sim/cholmod_solver.hpp"

#include <cholmod.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace myo::sim {

struct CholmodSolver::Impl {
  cholmod_common common;
  cholmod_factor* L = nullptr;

  // A view of our arrays as a cholmod_sparse (CHOLMOD only reads them).
  static cholmod_sparse wrap(const SymmetricCsc& A) {
    cholmod_sparse s{};
    s.nrow = s.ncol = static_cast<size_t>(A.n);
    s.nzmax = static_cast<size_t>(A.nnz());
    s.p = const_cast<int*>(A.col_ptr.data());
    s.i = const_cast<int*>(A.row_index.data());
    s.x = const_cast<double*>(A.values.data());
    s.stype = 1;  // upper triangle stored
    s.itype = CHOLMOD_INT;
    s.xtype = CHOLMOD_REAL;
    s.dtype = CHOLMOD_DOUBLE;
    s.sorted = 1;
    s.packed = 1;
    return s;
  }
};

CholmodSolver::CholmodSolver() : impl_(std::make_unique<Impl>()) {
  cholmod_start(&impl_->common);
  impl_->common.supernodal = CHOLMOD_SUPERNODAL;
  impl_->common.print = 0;
  impl_->common.error_handler = nullptr;
}

CholmodSolver::~CholmodSolver() {
  if (impl_->L) cholmod_free_factor(&impl_->L, &impl_->common);
  cholmod_finish(&impl_->common);
}

void CholmodSolver::analyze(const SymmetricCsc& A) {
  if (impl_->L) cholmod_free_factor(&impl_->L, &impl_->common);
  cholmod_sparse s = Impl::wrap(A);
  impl_->L = cholmod_analyze(&s, &impl_->common);
  if (!impl_->L) throw std::runtime_error("cholmod: symbolic analysis failed");
}

bool CholmodSolver::factorize(const SymmetricCsc& A) {
  cholmod_sparse s = Impl::wrap(A);
  impl_->common.status = CHOLMOD_OK;
  shift_ = 0.0;
  const bool skip_unshifted = allow_shift_ && start_shifted_ && last_good_ratio_ > 0.0;
  if (!skip_unshifted) {
    ++n_factorizations_;
    cholmod_factorize(&s, impl_->L, &impl_->common);
    if (impl_->common.status == CHOLMOD_OK && impl_->L->minor == impl_->L->n) return true;
    if (!allow_shift_) return false;
  }
  // Indefinite: factor K + beta I with the smallest beta (growing by 10) that Cholesky accepts.
  // The step becomes a damped Newton step for this one iteration (Levenberg-Marquardt).
  double diag_max = 0.0;
  for (int j = 0; j < A.n; ++j)
    if (A.col_ptr[j + 1] > A.col_ptr[j] && A.row_index[A.col_ptr[j + 1] - 1] == j)
      diag_max = std::max(diag_max, std::abs(A.values[A.col_ptr[j + 1] - 1]));
  // Start one decade below the shift that worked last time: indefinite states of one run are alike.
  const double start = skip_unshifted ? last_good_ratio_ : last_good_ratio_ > 0.0 ? 0.1 * last_good_ratio_ : 1e-4;
  // Decades of the ratio beta / max|diag| up to 1 inclusive (1e-4 x 10^4 rounds above 1).
  for (double ratio = start; ratio <= 1.0 + 1e-9; ratio *= 10.0) {
    const double beta = std::min(ratio, 1.0) * diag_max;
    double b[2] = {beta, 0.0};
    impl_->common.status = CHOLMOD_OK;
    ++n_factorizations_;
    cholmod_factorize_p(&s, b, nullptr, 0, impl_->L, &impl_->common);
    if (impl_->common.status == CHOLMOD_OK && impl_->L->minor == impl_->L->n) {
      shift_ = beta;
      last_good_ratio_ = beta / diag_max;
      return true;
    }
  }
  return false;
}

bool CholmodSolver::solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) {
  cholmod_dense rhs{};
  rhs.nrow = static_cast<size_t>(b.size());
  rhs.ncol = 1;
  rhs.nzmax = rhs.nrow;
  rhs.d = rhs.nrow;
  rhs.x = const_cast<double*>(b.data());
  rhs.xtype = CHOLMOD_REAL;
  rhs.dtype = CHOLMOD_DOUBLE;
  cholmod_dense* sol = cholmod_solve(CHOLMOD_A, impl_->L, &rhs, &impl_->common);
  if (!sol) return false;
  x = Eigen::Map<const Eigen::VectorXd>(static_cast<const double*>(sol->x), b.size());
  cholmod_free_dense(&sol, &impl_->common);
  return x.allFinite();
}

}  // namespace myo::sim
