#include "myo/models/veronda_westmann.hpp"

#include <algorithm>
#include <cmath>

#include "myo/models/param_helpers.hpp"

namespace myo::models {

VerondaWestmann::VerondaWestmann(double C1_Pa, double C2) : C1_Pa_(C1_Pa), C2_(C2) {
  require_in_range(C1_Pa > 0.0, "C1", C1_Pa, "Pa", "> 0 Pa", "Veronda-Westmann C1");
  require_in_range(C2 > 0.0, "C2", C2, "", "> 0", "Veronda-Westmann exponent");
}

void VerondaWestmann::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  const sim::IsochoricInvariants inv = sim::isochoric_invariants(point.F);
  // Capped (kMaxExponent) so that a wild Newton iterate gets a huge finite stress, which the line
  // search rejects, instead of inf; never reached in a physical state.
  const double x = std::min(C2_ * (inv.I1 - 3.0), kMaxExponent);
  const double W_1 = C1_Pa_ * C2_ * std::exp(x);  // dW/dI1
  const double W_2 = -0.5 * C1_Pa_ * C2_;          // dW/dI2, constant
  out.W = C1_Pa_ * std::expm1(x) + W_2 * (inv.I2 - 3.0);
  sim::invariant_isochoric(point.F, inv, {W_1, W_2, C2_ * W_1}, out.S, out.CC);
}

}  // namespace myo::models
