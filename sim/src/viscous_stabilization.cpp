#include "myo/sim/viscous_stabilization.hpp"

#include <cmath>

namespace myo::sim {

void ViscousStabilization::capture_tissue_diagonal(const SymmetricCsc& K) {
  if (!active()) return;
  captured_.resize(K.n);
  for (int e = 0; e < K.n; ++e) {
    const int k = K.find(e, e);
    captured_(e) = k >= 0 ? std::abs(K.values[k]) : 0.0;
  }
  if (D_.size() == 0) D_ = captured_;
}

void ViscousStabilization::add(const Eigen::VectorXd& u, double dt_s, const std::vector<int>& eq, int n_mesh_dofs,
                               SymmetricCsc* K, Eigen::VectorXd& R, double& energy) {
  // dt = 0 re-reads an accepted state (the output): the step's damping stands as it was.
  if (!active() || !(dt_s > 0.0) || D_.size() == 0) return;  // no scale before the first tangent
  force_norm_N_ = last_work_J_ = 0.0;
  if (u_n_.size() != u.size()) u_n_ = u;
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
    if (K) K->values[K->find(e, e)] += c;
  }
  force_norm_N_ = std::sqrt(f_sq);
}

void ViscousStabilization::commit(const Eigen::VectorXd& u) {
  if (!active()) return;
  dissipated_J_ += last_work_J_;
  u_n_ = u;
  if (captured_.size() > 0) D_ = captured_;
}

}  // namespace myo::sim
