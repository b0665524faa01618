#include "myo/sim/viscous_stabilization.hpp"

#include <cmath>

namespace myo::sim {

double ViscousStabilization::diagonal(const SymmetricCsc& K, int e) const {
  const int k = K.find(e, e);
  return k >= 0 ? K.values[k] : 0.0;
}

void ViscousStabilization::add(const Eigen::VectorXd& u, double dt_s, const std::vector<int>& eq, int n_mesh_dofs,
                               SymmetricCsc* K,
                               Eigen::VectorXd& R, double& energy) {
  // dt = 0 re-reads an accepted state (the output): the step's damping stands as it was.
  if (!active() || !(dt_s > 0.0)) return;
  force_norm_N_ = last_work_J_ = 0.0;
  const int n_eq = K ? K->n : static_cast<int>(D_.size());
  if (D_.size() == 0) {
    if (!K) return;  // no scale yet: the first evaluation without a tangent is undamped
    D_.resize(n_eq);
    for (int e = 0; e < n_eq; ++e) D_(e) = std::abs(diagonal(*K, e));
  }
  if (u_n_.size() != u.size()) u_n_ = u;
  if (K) c_added_.setZero(n_eq);
  const double scale = s_ * dt_nominal_s_ / dt_s;
  double f_sq = 0.0;
  for (int i = 0; i < n_mesh_dofs; ++i) {
    const int e = eq[i];
    if (e < 0) continue;
    const double c = scale * D_(e), du = u(i) - u_n_(i), f = c * du;
    R(i) += f;
    energy += 0.5 * f * du;
    last_work_J_ += f * du;
    f_sq += f * f;
    if (K) {
      K->values[K->find(e, e)] += c;
      c_added_(e) = c;
    }
  }
  force_norm_N_ = std::sqrt(f_sq);
}

void ViscousStabilization::commit(const Eigen::VectorXd& u, const std::vector<int>& eq, int n_mesh_dofs,
                                  const SymmetricCsc& K) {
  if (!active()) return;
  dissipated_J_ += last_work_J_;
  u_n_ = u;
  if (D_.size() != K.n) D_.setZero(K.n);
  for (int i = 0; i < n_mesh_dofs; ++i) {
    const int e = eq[i];
    if (e < 0) continue;
    const double added = c_added_.size() == K.n ? c_added_(e) : 0.0;
    D_(e) = std::abs(diagonal(K, e) - added);
  }
}

}  // namespace myo::sim
