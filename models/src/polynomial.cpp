#include "myo/models/polynomial.hpp"

#include "myo/models/param_helpers.hpp"

namespace myo::models {

Polynomial::Polynomial(const PolynomialCoefficients& c) : c_(c) {
  require_in_range(c.C10 > 0.0, "C10", c.C10, "Pa", "> 0 Pa", "polynomial coefficient C10");
  require_in_range(c.C01 >= 0.0, "C01", c.C01, "Pa", ">= 0 Pa", "polynomial coefficient C01");
  require_in_range(c.C20 >= 0.0, "C20", c.C20, "Pa", ">= 0 Pa", "polynomial coefficient C20");
  require_in_range(c.C11 >= 0.0, "C11", c.C11, "Pa", ">= 0 Pa", "polynomial coefficient C11");
  require_in_range(c.C02 >= 0.0, "C02", c.C02, "Pa", ">= 0 Pa", "polynomial coefficient C02");
}

void Polynomial::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  const sim::IsochoricInvariants inv = sim::isochoric_invariants(point.F);
  const double a = inv.I1 - 3.0, b = inv.I2 - 3.0;
  out.W = c_.C10 * a + c_.C01 * b + c_.C20 * a * a + c_.C11 * a * b + c_.C02 * b * b;
  sim::InvariantDerivatives d;
  d.W_1 = c_.C10 + 2.0 * c_.C20 * a + c_.C11 * b;
  d.W_2 = c_.C01 + c_.C11 * a + 2.0 * c_.C02 * b;
  d.W_11 = 2.0 * c_.C20;
  d.W_12 = c_.C11;
  d.W_22 = 2.0 * c_.C02;
  sim::invariant_isochoric(point.F, inv, d, out.S, out.CC);
}

}  // namespace myo::models
