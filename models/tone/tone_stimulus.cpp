#include "myo/models/tone_stimulus.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

namespace myo::models {

ToneStimulus measure_tone_stimulus(const sim::Mat3& F, const sim::Vec3& a0, const sim::Mat3& S_iso,
                                   double pressure_Pa, const ToneStimulus& old, double dt_s) {
  const double J = F.determinant();
  const sim::Mat3 C_bar = std::pow(J, -2.0 / 3.0) * (F.transpose() * F);
  ToneStimulus s;
  s.fibre_stretch = std::sqrt(a0.dot(C_bar * a0));
  s.fibre_rate_per_s = dt_s > 0.0 ? std::abs(s.fibre_stretch - old.fibre_stretch) / dt_s : old.fibre_rate_per_s;

  // Orthonormal basis (b1, b2) of the plane normal to a0.
  const sim::Vec3 helper = std::abs(a0.x()) < 0.9 ? sim::Vec3::UnitX() : sim::Vec3::UnitY();
  const sim::Vec3 b1 = a0.cross(helper).normalized();
  const sim::Vec3 b2 = a0.cross(b1);
  Eigen::Matrix2d M;
  M << b1.dot(C_bar * b1), b1.dot(C_bar * b2), b2.dot(C_bar * b1), b2.dot(C_bar * b2);
  const double c_min = Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(M, Eigen::EigenvaluesOnly).eigenvalues()(0);
  s.compression = std::max(0.0, -0.5 * std::log(c_min) - 0.5 * std::log(s.fibre_stretch));

  const Eigen::Vector3d c = Eigen::SelfAdjointEigenSolver<sim::Mat3>(C_bar, Eigen::EigenvaluesOnly).eigenvalues();
  s.injury_strain = std::max(1.0 - std::sqrt(c(0)), std::sqrt(c(2)) - 1.0);

  const sim::Mat3 sigma = F * S_iso * F.transpose() / J + pressure_Pa * sim::Mat3::Identity();
  const double sigma_min = Eigen::SelfAdjointEigenSolver<sim::Mat3>(sigma, Eigen::EigenvaluesOnly).eigenvalues()(0);
  s.compressive_stress_Pa = std::max(0.0, -sigma_min);
  return s;
}

}  // namespace myo::models
