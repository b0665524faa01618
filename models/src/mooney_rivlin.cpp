#include "myo/models/mooney_rivlin.hpp"

#include "myo/models/param_helpers.hpp"

namespace myo::models {

MooneyRivlin::MooneyRivlin(double c1_Pa, double c2_Pa) : c1_Pa_(c1_Pa), c2_Pa_(c2_Pa) {
  require_in_range(c1_Pa > 0.0, "c1", c1_Pa, "Pa", "> 0 Pa", "Mooney-Rivlin c1");
  require_in_range(c2_Pa >= 0.0, "c2", c2_Pa, "Pa", ">= 0 Pa", "Mooney-Rivlin c2");
}

void MooneyRivlin::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  const sim::IsochoricInvariants inv = sim::isochoric_invariants(point.F);
  out.W = c1_Pa_ * (inv.I1 - 3.0) + c2_Pa_ * (inv.I2 - 3.0);
  sim::invariant_isochoric(point.F, inv, {c1_Pa_, c2_Pa_}, out.S, out.CC);
}

}  // namespace myo::models
