#include "myo/models/veronda_westmann.hpp"

#include <Eigen/LU>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace myo::models {

VerondaWestmann::VerondaWestmann(double C1_Pa, double C2) : C1_Pa_(C1_Pa), C2_(C2) {
  if (!(C1_Pa > 0.0) || !std::isfinite(C1_Pa)) {
    std::ostringstream message;
    message << "C1: " << C1_Pa << " Pa is out of range; expected > 0 Pa (Veronda-Westmann C1)";
    throw std::invalid_argument(message.str());
  }
  if (!(C2 > 0.0) || !std::isfinite(C2)) {
    std::ostringstream message;
    message << "C2: " << C2 << " is out of range; expected > 0 (Veronda-Westmann exponent)";
    throw std::invalid_argument(message.str());
  }
}

void VerondaWestmann::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  const sim::Mat3& F = point.F;
  const sim::Mat3 I = sim::Mat3::Identity();
  const double J = F.determinant();
  const sim::Mat3 C_bar = std::pow(J, -2.0 / 3.0) * (F.transpose() * F);
  const double I1_bar = C_bar.trace();
  const double I2_bar = 0.5 * (I1_bar * I1_bar - (C_bar * C_bar).trace());
  // The exponent is capped so that a wild Newton iterate gives a huge but finite stress, which the
  // line search rejects, instead of inf. Past the cap (C2 (I1_bar - 3) > 500, never a physical
  // state) W no longer grows and is not the integral of S.
  const double x = std::min(C2_ * (I1_bar - 3.0), kMaxExponent);

  // W_1 = dW/dI1, W_11 = d2W/dI1^2, W_2 = dW/dI2 (constant).
  const double W_1 = C1_Pa_ * C2_ * std::exp(x);
  const double W_11 = C2_ * W_1;
  const double W_2 = -0.5 * C1_Pa_ * C2_;
  out.W = C1_Pa_ * std::expm1(x) + W_2 * (I2_bar - 3.0);
  // dI1/dC = I, dI2/dC = I1 I - C and d(I1 I - C)/dC = I (x) I - II (Holzapfel 2000, eq. 6.193).
  const sim::Mat3 S_bar = 2.0 * (W_1 + W_2 * I1_bar) * I - 2.0 * W_2 * C_bar;
  const sim::Mat6 CC_bar = 4.0 * W_11 * sim::outer_voigt(I, I) +
                           4.0 * W_2 * (sim::outer_voigt(I, I) - sim::sym_product_voigt(I, I));
  sim::project_isochoric(F, S_bar, CC_bar, out.S, out.CC);
}

}  // namespace myo::models
