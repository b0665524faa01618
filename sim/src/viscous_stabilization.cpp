#include "myo/sim/viscous_stabilization.hpp"

#include <cmath>

namespace myo::sim {

void ViscousStabilization::add(const Eigen::VectorXd& u, double dt_s, const std::vector<int>& eq, SymmetricCsc* K,
                               Eigen::VectorXd& R, double& energy) {
  // dt = 0 re-reads an accepted state (the output): the step's damping stands as it was.
  if (!active() || !(dt_s > 0.0) || xi_ == 0.0) return;
  force_norm_N_ = last_work_J_ = 0.0;
  const double scale = xi_ * dt_nominal_s_ / dt_s;
  double f_sq = 0.0;
  for (Eigen::Index i = 0; i < volume_.size(); ++i) {
    const int e = eq[i];
    if (e < 0) continue;
    const double c = scale * volume_(i), du = u(i) - u_n_(i), f = c * du;
    R(i) += f;
    energy += 0.5 * f * du;
    last_work_J_ += f * du;
    f_sq += f * f;
    if (K) K->values[K->find(e, e)] += c;
  }
  force_norm_N_ = std::sqrt(f_sq);
}

void ViscousStabilization::commit(const Eigen::VectorXd& u, const std::vector<int>& eq, double strain_energy_J) {
  if (!active()) return;
  if (u_n_.size() != u.size()) u_n_ = Eigen::VectorXd::Zero(u.size());
  double moved = 0.0;  // sum V_i (u_i - u_i^n)^2 over the free mesh dofs (m^5)
  for (Eigen::Index i = 0; i < volume_.size(); ++i)
    if (eq[i] >= 0) moved += volume_(i) * (u(i) - u_n_(i)) * (u(i) - u_n_(i));
  const double gained = strain_energy_J - strain_energy_n_J_;
  if (gained > kCalibrationShare * strain_energy_J && moved > 0.0) xi_ = s_ * gained / moved;
  strain_energy_n_J_ = strain_energy_J;
  dissipated_J_ += last_work_J_;
  last_work_J_ = 0.0;
  u_n_ = u;
}

}  // namespace myo::sim
