#include "myo/models/ogden.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace myo::models {

namespace {

// Divided difference (s(a) - s(b)) / (a - b) of s(e) = k e^p for a, b > 0, written with
// a, b = m (1 +- x) as k m^(p-1) (1 - x^2)^(p/2) sinh(p atanh x) / x, which has no cancellation
// as a -> b and tends to s'(m) = k p m^(p-1) at x = 0 (the L'Hopital limit of the spin terms).
double power_divided_difference(double k, double p, double a, double b) {
  const double m = 0.5 * (a + b);
  const double x = (a - b) / (a + b);
  const double sinh_ratio = x == 0.0 ? p : std::sinh(p * std::atanh(x)) / x;
  return k * std::pow(m, p - 1.0) * std::pow(1.0 - x * x, 0.5 * p) * sinh_ratio;
}

sim::Mat3 sym_dyad(const sim::Vec3& a, const sim::Vec3& b) {
  return 0.5 * (a * b.transpose() + b * a.transpose());
}

}  // namespace

Ogden::Ogden(double mu_Pa, double alpha) : Ogden(std::vector<OgdenTerm>{{mu_Pa, alpha}}) {}

Ogden::Ogden(std::vector<OgdenTerm> terms) : terms_(std::move(terms)) {
  if (terms_.empty() || terms_.size() > 3) {
    throw std::invalid_argument("ogden: " + std::to_string(terms_.size()) +
                                " terms; expected 1 to 3");
  }
  for (std::size_t i = 0; i < terms_.size(); ++i) {
    const std::string suffix = i == 0 ? "" : std::to_string(i + 1);
    const OgdenTerm& t = terms_[i];
    if (!(t.mu_Pa > 0.0) || !std::isfinite(t.mu_Pa)) {
      std::ostringstream message;
      message << "mu" << suffix << ": " << t.mu_Pa
              << " Pa is out of range; expected > 0 Pa (shear modulus of the term)";
      throw std::invalid_argument(message.str());
    }
    if (!(std::abs(t.alpha) >= kMinAbsAlpha) || !std::isfinite(t.alpha)) {
      std::ostringstream message;
      message << "alpha" << suffix << ": " << t.alpha
              << " is not allowed; expected a nonzero exponent with |alpha| >= " << kMinAbsAlpha
              << " (the Ogden energy 2 mu/alpha^2 (sum lambda_bar^alpha - 3) is undefined at "
              << "alpha = 0)";
      throw std::invalid_argument(message.str());
    }
    shear_modulus_Pa_ += t.mu_Pa;
  }
}

void Ogden::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  const sim::Mat3& F = point.F;
  const double J = F.determinant();
  const sim::Mat3 C_bar = std::pow(J, -2.0 / 3.0) * (F.transpose() * F);
  const Eigen::SelfAdjointEigenSolver<sim::Mat3> eigen(C_bar);
  const sim::Vec3 e = eigen.eigenvalues();  // lambda_a_bar^2
  const sim::Mat3 N = eigen.eigenvectors();

  // The terms only change the scalar coefficients of each principal mode; the dyads (the costly
  // part) are built once per mode, however many terms there are.
  out.W = 0.0;
  sim::Vec3 s_a = sim::Vec3::Zero(), ds_a = sim::Vec3::Zero();  // S_bar_a = s(e_a) and s'(e_a)
  sim::Vec3 spin = sim::Vec3::Zero();  // (s(e_a) - s(e_b)) / (e_a - e_b) for (a, b) = (0,1), (0,2), (1,2)
  for (const OgdenTerm& term : terms_) {
    // With e = lambda_bar^2 the term's principal fictitious stress is s(e) = k e^p.
    const double k = 2.0 * term.mu_Pa / term.alpha;
    const double p = 0.5 * term.alpha - 1.0;
    for (int a = 0; a < 3; ++a) {
      // expm1 keeps W accurate at small strain, where lambda^alpha - 1 cancels.
      out.W += 2.0 * term.mu_Pa / (term.alpha * term.alpha) *
               std::expm1(0.5 * term.alpha * std::log(e(a)));
      s_a(a) += k * std::pow(e(a), p);
      ds_a(a) += k * p * std::pow(e(a), p - 1.0);
    }
    spin(0) += power_divided_difference(k, p, e(0), e(1));
    spin(1) += power_divided_difference(k, p, e(0), e(2));
    spin(2) += power_divided_difference(k, p, e(1), e(2));
  }
  sim::Mat3 S_bar = sim::Mat3::Zero();
  sim::Mat6 CC_bar = sim::Mat6::Zero();
  for (int a = 0; a < 3; ++a) {
    const sim::Mat3 M_a = N.col(a) * N.col(a).transpose();
    S_bar += s_a(a) * M_a;
    CC_bar += 2.0 * ds_a(a) * sim::outer_voigt(M_a, M_a);
  }
  const int pairs[3][2] = {{0, 1}, {0, 2}, {1, 2}};
  for (int q = 0; q < 3; ++q) {
    const sim::Mat3 M_ab = sym_dyad(N.col(pairs[q][0]), N.col(pairs[q][1]));
    CC_bar += 4.0 * spin(q) * sim::outer_voigt(M_ab, M_ab);
  }
  sim::project_isochoric(F, S_bar, CC_bar, out.S, out.CC);
}

}  // namespace myo::models
