#include "myo/models/blemker_muscle.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "myo/models/param_helpers.hpp"

namespace myo::models {

namespace {

// Kinks of the active force-length curve (in l = lambda_f / lambda_ofl).
constexpr double kActiveLow = 0.4;
constexpr double kActiveRiseEnd = 0.6;
constexpr double kActiveFallStart = 1.4;
constexpr double kActiveHigh = 1.6;

// Antiderivative of f_active, zero at l <= 0.4 (f_active is piecewise quadratic).
double active_integral(double l) {
  const auto rise = [](double x) { return 3.0 * std::pow(x - kActiveLow, 3); };
  const auto plateau = [](double x) { return x + 4.0 / 3.0 * std::pow(1.0 - x, 3); };
  const auto fall = [](double x) { return 3.0 * std::pow(x - kActiveHigh, 3); };
  const double at_rise_end = rise(kActiveRiseEnd);
  const double at_fall_start = at_rise_end + plateau(kActiveFallStart) - plateau(kActiveRiseEnd);
  if (l <= kActiveLow) return 0.0;
  if (l <= kActiveRiseEnd) return rise(l);
  if (l <= kActiveFallStart) return at_rise_end + plateau(l) - plateau(kActiveRiseEnd);
  const double lc = std::min(l, kActiveHigh);
  return at_fall_start + fall(lc) - fall(kActiveFallStart);
}

double active_slope(double l) {
  if (l <= kActiveLow || l >= kActiveHigh) return 0.0;
  if (l <= kActiveRiseEnd) return 18.0 * (l - kActiveLow);
  if (l >= kActiveFallStart) return 18.0 * (l - kActiveHigh);
  return 8.0 * (1.0 - l);
}

// f(x) = acosh(1 + x)^2 and its first two derivatives. Near x = 0 (w = 1: no cross-fibre shear,
// e.g. F = I or uniaxial fibre stretch) acosh has a square-root branch point but its square is
// analytic, so the Taylor series (exact rational coefficients) replaces the closed forms, whose
// derivatives cancel there. |x| < 1e-2 keeps the truncation below 1e-20 relative.
struct ShearFunction {
  double f, df, d2f;
};

ShearFunction cross_fibre_shear(double w) {
  const double x = w - 1.0;
  if (std::abs(x) < 1e-2) {
    static const double c[] = {2.0,           -1.0 / 3.0,     4.0 / 45.0,      -1.0 / 35.0,
                               16.0 / 1575.0, -8.0 / 2079.0, 32.0 / 21021.0, -4.0 / 6435.0};
    constexpr int n = 8;
    double f = 0.0, df = 0.0, d2f = 0.0;
    for (int k = n; k >= 1; --k) {  // Horner for sum_k c_k x^k and its derivatives
      f = f * x + c[k - 1];
      df = df * x + k * c[k - 1];
      if (k >= 2) d2f = d2f * x + k * (k - 1) * c[k - 1];
    }
    return {f * x, df, d2f};
  }
  const double s = std::sqrt(x * (2.0 + x));  // sqrt(w^2 - 1)
  const double b = std::log1p(x + s);         // acosh(w)
  const double beta = b / s;
  return {b * b, 2.0 * beta, 2.0 * (1.0 - w * beta) / (s * s)};
}

}  // namespace

BlemkerMuscleParams BlemkerMuscleParams::from_values(const sim::ParamValues& values) {
  BlemkerMuscleParams p;
  p.G1_Pa = values.at("G1");
  p.G2_Pa = values.at("G2");
  p.P1 = values.at("P1");
  p.P2 = values.at("P2");
  p.lambda_ofl = values.at("lambda_ofl");
  p.lambda_star = values.at("lambda_star");
  p.sigma_max_Pa = values.at("sigma_max");
  const auto optional = [&](const char* key, double fallback) {
    const auto it = values.find(key);
    return it == values.end() ? fallback : it->second;
  };
  p.activation = optional("activation", 0.0);
  p.matrix_mu_Pa = optional("matrix_mu", 0.0);
  p.matrix_alpha = optional("matrix_alpha", 2.0);
  return p;
}

BlemkerMuscle::BlemkerMuscle(const BlemkerMuscleParams& p) : p_(p) {
  require_in_range(p.G1_Pa > 0.0, "G1", p.G1_Pa, "Pa", "> 0 Pa", "along-fibre shear modulus");
  require_in_range(p.G2_Pa > 0.0, "G2", p.G2_Pa, "Pa", "> 0 Pa", "cross-fibre shear modulus");
  require_in_range(p.P1 >= 0.0, "P1", p.P1, "", ">= 0", "passive fibre stress scale");
  require_in_range(p.P2 > 0.0, "P2", p.P2, "", "> 0", "passive fibre exponential rate");
  require_in_range(p.lambda_ofl > 0.0, "lambda_ofl", p.lambda_ofl, "", "> 0",
          "fibre stretch at optimal fibre length");
  require_in_range(p.sigma_max_Pa >= 0.0, "sigma_max", p.sigma_max_Pa, "Pa", ">= 0 Pa",
          "maximum isometric stress");
  require_in_range(p.activation >= 0.0 && p.activation <= 1.0, "activation", p.activation, "", "in [0, 1]",
          "activation");
  require_in_range(p.matrix_mu_Pa >= 0.0, "matrix_mu", p.matrix_mu_Pa, "Pa", ">= 0 Pa",
          "shear modulus of the ground matrix");
  require_in_range(p.matrix_alpha != 0.0, "matrix_alpha", p.matrix_alpha, "", "nonzero",
          "Ogden exponent of the ground matrix");
  if (p.matrix_mu_Pa > 0.0) matrix_.emplace(p.matrix_mu_Pa, p.matrix_alpha);
  if (!(p.lambda_star > p.lambda_ofl) || !std::isfinite(p.lambda_star)) {
    std::ostringstream message;
    message << "lambda_star: " << p.lambda_star << " is not allowed; expected > lambda_ofl = "
            << p.lambda_ofl << " (the passive fibre curve is exponential between them)";
    throw std::invalid_argument(message.str());
  }
}

double BlemkerMuscle::shear_modulus() const {
  return 2.0 * std::max(p_.G1_Pa, p_.G2_Pa) + p_.matrix_mu_Pa;
}

double BlemkerMuscle::f_active(double l) {
  if (l <= kActiveLow || l >= kActiveHigh) return 0.0;
  if (l <= kActiveRiseEnd) return 9.0 * (l - kActiveLow) * (l - kActiveLow);
  if (l >= kActiveFallStart) return 9.0 * (l - kActiveHigh) * (l - kActiveHigh);
  return 1.0 - 4.0 * (1.0 - l) * (1.0 - l);
}

double BlemkerMuscle::f_passive(double l) const {
  const double l_star = p_.lambda_star / p_.lambda_ofl;
  if (l <= 1.0) return 0.0;
  if (l < l_star) return p_.P1 * std::expm1(p_.P2 * (l - 1.0));
  const double P3 = p_.P1 * p_.P2 * std::exp(p_.P2 * (l_star - 1.0));
  const double P4 = p_.P1 * std::expm1(p_.P2 * (l_star - 1.0)) - P3 * l_star;
  return P3 * l + P4;
}

void BlemkerMuscle::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  isochoric_at(point, p_.activation, 1.0, out);
}

void BlemkerMuscle::isochoric_at(const sim::MaterialPoint& point, double activation,
                                 double length_factor, sim::IsochoricResponse& out) const {
  const double fibre_norm = point.fibre.norm();
  if (!(fibre_norm > 0.0) || !std::isfinite(fibre_norm)) {
    throw std::invalid_argument("blemker_muscle: the fibre direction is zero or not finite");
  }
  const sim::Vec3 a0 = point.fibre / fibre_norm;
  const sim::Mat3& F = point.F;
  const double J = F.determinant();
  const sim::Mat3 C_bar = std::pow(J, -2.0 / 3.0) * (F.transpose() * F);
  const sim::Mat3 I = sim::Mat3::Identity();

  // ---- invariants and their first derivatives w.r.t. C_bar ----
  const sim::Vec3 Ca0 = C_bar * a0;
  const double I1 = C_bar.trace();
  const double I4 = a0.dot(Ca0);
  const double I5 = Ca0.squaredNorm();
  const sim::Mat3 A0 = a0 * a0.transpose();
  const sim::Mat3 dI5 = a0 * Ca0.transpose() + Ca0 * a0.transpose();
  const double lambda = std::sqrt(I4);

  // W(I1, I4, I5): gradient g = (W_1, W_4, W_5) and Hessian H, in this index order.
  Eigen::Vector3d g = Eigen::Vector3d::Zero();
  Eigen::Matrix3d H = Eigen::Matrix3d::Zero();

  // Along-fibre shear: G1 B1^2 = G1 (I5 / I4^2 - 1). Since a0 is a unit vector,
  // I5 - I4^2 = |C_bar a0 - I4 a0|^2 (the part of C_bar a0 normal to a0), which has no
  // cancellation at small shear and is never negative.
  const double I4_2 = I4 * I4, I4_3 = I4_2 * I4;
  out.W = p_.G1_Pa * (Ca0 - I4 * a0).squaredNorm() / I4_2;
  g(1) += -2.0 * p_.G1_Pa * I5 / I4_3;
  g(2) += p_.G1_Pa / I4_2;
  H(1, 1) += 6.0 * p_.G1_Pa * I5 / (I4_3 * I4);
  H(1, 2) += -2.0 * p_.G1_Pa / I4_3;

  // Cross-fibre shear: G2 B2^2 = G2 f(w), w = (I1 I4 - I5) / (2 sqrt(I4)).
  const double r = lambda;  // sqrt(I4)
  const double w = 0.5 * (I1 * I4 - I5) / r;
  const Eigen::Vector3d dw(0.5 * r, 0.25 * I1 / r + 0.25 * I5 / (I4 * r), -0.5 / r);
  Eigen::Matrix3d d2w = Eigen::Matrix3d::Zero();
  d2w(0, 1) = 0.25 / r;
  d2w(1, 1) = -0.125 * I1 / (I4 * r) - 0.375 * I5 / (I4_2 * r);
  d2w(1, 2) = 0.25 / (I4 * r);
  const ShearFunction B2 = cross_fibre_shear(w);
  out.W += p_.G2_Pa * B2.f;
  g += p_.G2_Pa * B2.df * dw;
  H += p_.G2_Pa * (B2.d2f * dw * dw.transpose() + B2.df * d2w);

  // Fibre: W_fibre(lambda) = sigma_max (Phi(l) - Phi(1/lambda_ofl)), Phi' = f_passive + a f_active.
  const double l_star = p_.lambda_star / p_.lambda_ofl;
  const double P3 = p_.P1 * p_.P2 * std::exp(p_.P2 * (l_star - 1.0));
  const double P4 = p_.P1 * std::expm1(p_.P2 * (l_star - 1.0)) - P3 * l_star;
  const auto passive_integral = [&](double l) {
    const auto exp_part = [&](double x) {
      return p_.P1 * (std::expm1(p_.P2 * (x - 1.0)) / p_.P2 - (x - 1.0));
    };
    if (l <= 1.0) return 0.0;
    if (l < l_star) return exp_part(l);
    return exp_part(l_star) + 0.5 * P3 * (l * l - l_star * l_star) + P4 * (l - l_star);
  };
  const auto passive_slope = [&](double l) {
    if (l <= 1.0) return 0.0;
    if (l < l_star) return p_.P1 * p_.P2 * std::exp(p_.P2 * (l - 1.0));
    return P3;
  };
  const double a = activation;
  const double lambda_ofl = p_.lambda_ofl * length_factor;
  const double l = lambda / lambda_ofl;
  const double l_ref = 1.0 / lambda_ofl;
  out.W += p_.sigma_max_Pa * (passive_integral(l) - passive_integral(l_ref) +
                              a * (active_integral(l) - active_integral(l_ref)));
  // dW/dlambda and d2W/dlambda2, then the chain rule through lambda = sqrt(I4).
  const double dW_dl = p_.sigma_max_Pa * (f_passive(l) + a * f_active(l)) / lambda_ofl;
  const double d2W_dl2 =
      p_.sigma_max_Pa * (passive_slope(l) + a * active_slope(l)) / (lambda_ofl * lambda_ofl);
  g(1) += 0.5 * dW_dl / lambda;
  H(1, 1) += 0.25 * (d2W_dl2 - dW_dl / lambda) / I4;

  H(1, 0) = H(0, 1);
  H(2, 0) = H(0, 2);
  H(2, 1) = H(1, 2);

  // ---- fictitious stress and tangent, then the deviatoric projection ----
  // S_bar = 2 sum_i W_i dI_i/dC_bar;
  // CC_bar = 4 (sum_ij W_ij dI_i/dC_bar (x) dI_j/dC_bar + W_5 d2I5/dC_bar dC_bar),
  // d2I5/dC_bar dC_bar = A0 (.) I + I (.) A0.
  const sim::Mat3 dI[3] = {I, A0, dI5};
  sim::Mat3 S_bar = sim::Mat3::Zero();
  sim::Mat6 CC_bar = sim::Mat6::Zero();
  for (int i = 0; i < 3; ++i) {
    S_bar += 2.0 * g(i) * dI[i];
    for (int j = 0; j < 3; ++j) CC_bar += 4.0 * H(i, j) * sim::outer_voigt(dI[i], dI[j]);
  }
  CC_bar += 4.0 * g(2) * (sim::sym_product_voigt(A0, I) + sim::sym_product_voigt(I, A0));
  sim::project_isochoric(F, S_bar, CC_bar, out.S, out.CC);
  if (matrix_) {
    sim::IsochoricResponse m;
    matrix_->isochoric(point, m);
    out.W += m.W;
    out.S += m.S;
    out.CC += m.CC;
  }
}

}  // namespace myo::models
