#include "myo/models/neo_hookean.hpp"

#include <Eigen/LU>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace myo::models {

NeoHookean::NeoHookean(double mu_Pa) : mu_Pa_(mu_Pa) {
  if (!(mu_Pa > 0.0) || !std::isfinite(mu_Pa)) {
    std::ostringstream message;
    message << "mu: " << mu_Pa << " Pa is out of range; expected > 0 Pa (shear modulus)";
    throw std::invalid_argument(message.str());
  }
}

void NeoHookean::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  const sim::Mat3& F = point.F;
  const double J = F.determinant();
  const sim::Mat3 C_bar = std::pow(J, -2.0 / 3.0) * (F.transpose() * F);
  const double I1_bar = C_bar.trace();

  out.W = 0.5 * mu_Pa_ * (I1_bar - 3.0);
  // W_iso is linear in C_bar: S_bar = 2 dW/dC_bar = mu I and CC_bar = 0.
  const sim::Mat3 S_bar = mu_Pa_ * sim::Mat3::Identity();
  sim::project_isochoric(F, S_bar, sim::Mat6::Zero(), out.S, out.CC);
}

}  // namespace myo::models
