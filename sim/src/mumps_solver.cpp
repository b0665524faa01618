#include "myo/sim/mumps_solver.hpp"

#include <dmumps_c.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace myo::sim {

namespace {
constexpr int kUseCommWorld = -987654;  // MUMPS's Fortran handle for MPI_COMM_WORLD (mpiseq)
// MUMPS numbers its controls from 1 as in its manual; the C arrays from 0.
int& icntl(DMUMPS_STRUC_C& id, int i) { return id.icntl[i - 1]; }
int infog(const DMUMPS_STRUC_C& id, int i) { return id.infog[i - 1]; }
}  // namespace

struct MumpsSolver::Impl {
  DMUMPS_STRUC_C id{};
  std::vector<MUMPS_INT> irn, jcn;  ///< 1-based row and column of every stored entry (upper triangle)
  std::vector<double> a;            ///< values, in the order of irn/jcn
  bool factored = false;

  void call(int job) {
    id.job = job;
    dmumps_c(&id);
  }
};

MumpsSolver::MumpsSolver() : impl_(std::make_unique<Impl>()) {
  auto& id = impl_->id;
  id.comm_fortran = kUseCommWorld;
  id.par = 1;  // the host works
  id.sym = 2;  // symmetric, not assumed definite
  impl_->call(-1);
  if (infog(id, 1) < 0) throw std::runtime_error("mumps: initialisation failed (INFOG(1) = " +
                                                 std::to_string(infog(id, 1)) + ")");
  icntl(id, 1) = -1;  // no error, diagnostic or statistics output: failures are returned
  icntl(id, 2) = -1;
  icntl(id, 3) = -1;
  icntl(id, 4) = 0;
  icntl(id, 7) = 7;   // ordering chosen by MUMPS (SCOTCH, PORD, AMF, QAMD)
  icntl(id, 14) = 50; // working space relaxation (%): nearly incompressible fronts pivot a lot
}

MumpsSolver::~MumpsSolver() {
  impl_->id.job = -2;
  dmumps_c(&impl_->id);
}

void MumpsSolver::analyze(const SymmetricCsc& A) {
  auto& m = *impl_;
  m.irn.resize(A.nnz());
  m.jcn.resize(A.nnz());
  for (int j = 0; j < A.n; ++j)
    for (int k = A.col_ptr[j]; k < A.col_ptr[j + 1]; ++k) {
      m.irn[k] = A.row_index[k] + 1;
      m.jcn[k] = j + 1;
    }
  m.a = A.values;
  m.id.n = A.n;
  m.id.nnz = A.nnz();
  m.id.irn = m.irn.data();
  m.id.jcn = m.jcn.data();
  m.id.a = m.a.data();
  m.call(1);
  ++n_analyses_;
  m.factored = false;
  if (infog(m.id, 1) < 0)
    throw std::runtime_error("mumps: symbolic analysis failed (INFOG(1) = " + std::to_string(infog(m.id, 1)) +
                             ", INFOG(2) = " + std::to_string(infog(m.id, 2)) + ")");
}

bool MumpsSolver::factorize(const SymmetricCsc& A) {
  auto& m = *impl_;
  if (A.nnz() != static_cast<int>(m.a.size())) analyze(A);
  std::copy(A.values.begin(), A.values.end(), m.a.begin());
  m.id.a = m.a.data();
  // -8/-9: the working space estimated at analysis was too small (delayed pivots); grow it.
  for (int attempt = 0; attempt < 4; ++attempt) {
    m.call(2);
    const int info = infog(m.id, 1);
    if (info != -8 && info != -9) break;
    icntl(m.id, 14) *= 2;
  }
  m.factored = infog(m.id, 1) >= 0;
  return m.factored;
}

bool MumpsSolver::solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) {
  auto& m = *impl_;
  if (!m.factored) return false;
  x = b;
  m.id.rhs = x.data();
  m.id.nrhs = 1;
  m.id.lrhs = static_cast<int>(x.size());
  m.call(3);
  return infog(m.id, 1) >= 0 && x.allFinite();
}

int MumpsSolver::negative_pivots() const { return impl_->factored ? infog(impl_->id, 12) : 0; }

std::pair<int, int> MumpsSolver::error() const { return {infog(impl_->id, 1), infog(impl_->id, 2)}; }

}  // namespace myo::sim
