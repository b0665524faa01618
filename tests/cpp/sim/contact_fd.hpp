#pragma once
// Finite-difference check of a penalty contact: the residual against the energy's central
// differences, the tangent against the residual's, both relative to their largest entry.
#include <Eigen/Core>
#include <algorithm>
#include <tuple>
#include <vector>

#include "myo/sim/penalty_contact.hpp"

namespace myo::test {

struct ContactFd {
  Eigen::VectorXd R;        ///< residual at u (u.size())
  Eigen::MatrixXd K;        ///< assembled tangent at u (dense, u.size() squared)
  sim::ContactState state;  ///< at u
  double residual_error = 0.0;
  double tangent_error = 0.0;
};

/// u: every dof the contact reads (mesh dofs, then the device's travel if it has one).
inline ContactFd contact_fd(const sim::PenaltyContact& contact, const Eigen::VectorXd& u, double t,
                            double h = 1e-9) {
  const int n = static_cast<int>(u.size());
  ContactFd out;
  out.R = Eigen::VectorXd::Zero(n);
  std::vector<std::tuple<int, int, double>> entries;
  contact.add(u, t, true, out.R, &entries, out.state);
  out.K = Eigen::MatrixXd::Zero(n, n);
  for (const auto& [i, j, v] : entries) out.K(i, j) += v;
  const double R_scale = out.R.cwiseAbs().maxCoeff(), K_scale = out.K.cwiseAbs().maxCoeff();
  for (int j = 0; j < n; ++j) {
    Eigen::VectorXd up = u, um = u, Rp = Eigen::VectorXd::Zero(n), Rm = Eigen::VectorXd::Zero(n);
    up(j) += h;
    um(j) -= h;
    sim::ContactState s;
    const double Ep = contact.add(up, t, false, Rp, nullptr, s);
    const double Em = contact.add(um, t, false, Rm, nullptr, s);
    out.residual_error = std::max(out.residual_error, std::abs((Ep - Em) / (2 * h) - out.R(j)) / R_scale);
    out.tangent_error = std::max(out.tangent_error, ((Rp - Rm) / (2 * h) - out.K.col(j)).cwiseAbs().maxCoeff() / K_scale);
  }
  return out;
}

}  // namespace myo::test
