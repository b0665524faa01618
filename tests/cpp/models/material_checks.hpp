// Finite-difference and random-state helpers shared by the material tests
// (test_materials.cpp, test_blemker_muscle.cpp, test_viscoelastic.cpp).
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <functional>
#include <random>

#include "myo/sim/material.hpp"

namespace myo::test {

// Central-difference step on the components of F (dimensionless; relative to |F| ~ 1, it balances
// truncation and roundoff).
constexpr double kFdStep = 1e-6;

// Uniformly distributed random rotation (3 x 3, orthogonal, det = +1) from a normalized Gaussian
// quaternion.
inline sim::Mat3 random_rotation(std::mt19937& rng) {
  std::normal_distribution<double> normal;
  Eigen::Quaterniond q(normal(rng), normal(rng), normal(rng), normal(rng));
  return q.normalized().toRotationMatrix();
}

// Random deformation gradient Q1 diag(lambda) Q2^T (3 x 3, det > 0) with principal stretches
// drawn uniformly from [lo, hi] (dimensionless).
inline sim::Mat3 random_deformation(std::mt19937& rng, double lo, double hi) {
  std::uniform_real_distribution<double> stretch(lo, hi);
  const sim::Vec3 lambda(stretch(rng), stretch(rng), stretch(rng));
  return random_rotation(rng) * lambda.asDiagonal() * random_rotation(rng).transpose();
}

// Symmetric 3 x 3 basis tensor of Voigt slot b in 0..5 (order 11, 22, 33, 12, 23, 13; dimensionless),
// scaled so that its strain-Voigt vector is e_b.
inline sim::Mat3 voigt_basis(int b) {
  static const int pairs[6][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {1, 2}, {0, 2}};
  sim::Mat3 E = sim::Mat3::Zero();
  E(pairs[b][0], pairs[b][1]) += 0.5;
  E(pairs[b][1], pairs[b][0]) += 0.5;
  return E;
}

// First Piola stress P = F S (3 x 3, Pa) against central differences of the energy density W
// (Pa, a function of the 3 x 3 deformation gradient F) w.r.t. every component of F. S is the
// second Piola-Kirchhoff stress at F (3 x 3, Pa). Returns the relative error
// |P_fd - P| / max(|P|, scale) (Frobenius norms; `scale` in Pa guards against P ~ 0).
inline double energy_fd_error(const std::function<double(const sim::Mat3&)>& W,
                              const sim::Mat3& F, const sim::Mat3& S, double scale) {
  sim::Mat3 P_fd;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      sim::Mat3 dF = sim::Mat3::Zero();
      dF(i, j) = kFdStep;
      P_fd(i, j) = (W(F + dF) - W(F - dF)) / (2.0 * kFdStep);
    }
  }
  const sim::Mat3 P = F * S;
  return (P_fd - P).norm() / std::max(P.norm(), scale);
}

// Material tangent CC = dS/dE (6 x 6 Voigt, Pa) against central differences of the stress S
// (3 x 3 second Piola-Kirchhoff, Pa, a function of F) along dF = F^-T dE, so that
// dE = sym(F^T dF) is each Voigt basis strain and column b of the difference quotient is CC(:, b).
// Returns the relative error |CC_fd - CC| / |CC| (Frobenius norms).
inline double tangent_fd_error(const std::function<sim::Mat3(const sim::Mat3&)>& S,
                               const sim::Mat3& F, const sim::Mat6& CC) {
  const sim::Mat3 F_inv_T = F.inverse().transpose();
  sim::Mat6 CC_fd;
  for (int b = 0; b < 6; ++b) {
    const sim::Mat3 dF = kFdStep * F_inv_T * voigt_basis(b);
    CC_fd.col(b) = sim::to_voigt(S(F + dF) - S(F - dF)) / (2.0 * kFdStep);
  }
  return (CC_fd - CC).norm() / CC.norm();
}

}  // namespace myo::test
