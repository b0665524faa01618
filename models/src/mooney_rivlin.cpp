#include "myo/models/mooney_rivlin.hpp"

#include <Eigen/LU>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace myo::models {

MooneyRivlin::MooneyRivlin(double c1_Pa, double c2_Pa) : c1_Pa_(c1_Pa), c2_Pa_(c2_Pa) {
  if (!(c1_Pa > 0.0) || !std::isfinite(c1_Pa)) {
    std::ostringstream message;
    message << "c1: " << c1_Pa << " Pa is out of range; expected > 0 Pa (Mooney-Rivlin c1)";
    throw std::invalid_argument(message.str());
  }
  if (!(c2_Pa >= 0.0) || !std::isfinite(c2_Pa)) {
    std::ostringstream message;
    message << "c2: " << c2_Pa << " Pa is out of range; expected >= 0 Pa (Mooney-Rivlin c2)";
    throw std::invalid_argument(message.str());
  }
}

void MooneyRivlin::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  const sim::Mat3& F = point.F;
  const sim::Mat3 I = sim::Mat3::Identity();
  const double J = F.determinant();
  const sim::Mat3 C_bar = std::pow(J, -2.0 / 3.0) * (F.transpose() * F);
  const double I1_bar = C_bar.trace();
  const double I2_bar = 0.5 * (I1_bar * I1_bar - (C_bar * C_bar).trace());

  out.W = c1_Pa_ * (I1_bar - 3.0) + c2_Pa_ * (I2_bar - 3.0);
  // dI1/dC = I, dI2/dC = I1 I - C and d(I1 I - C)/dC = I (x) I - II (Holzapfel 2000, eq. 6.193).
  const sim::Mat3 S_bar = 2.0 * (c1_Pa_ + c2_Pa_ * I1_bar) * I - 2.0 * c2_Pa_ * C_bar;
  const sim::Mat6 CC_bar =
      4.0 * c2_Pa_ * (sim::outer_voigt(I, I) - sim::sym_product_voigt(I, I));
  sim::project_isochoric(F, S_bar, CC_bar, out.S, out.CC);
}

}  // namespace myo::models
