#include "myo/models/polynomial.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace myo::models {

namespace {

void require(bool ok, const char* key, double value, const char* expected) {
  if (ok && std::isfinite(value)) return;
  std::ostringstream message;
  message << key << ": " << value << " Pa is out of range; expected " << expected
          << " (polynomial coefficient " << key << ")";
  throw std::invalid_argument(message.str());
}

}  // namespace

Polynomial::Polynomial(const PolynomialCoefficients& c) : c_(c) {
  require(c.C10 > 0.0, "C10", c.C10, "> 0 Pa");
  require(c.C01 >= 0.0, "C01", c.C01, ">= 0 Pa");
  require(c.C20 >= 0.0, "C20", c.C20, ">= 0 Pa");
  require(c.C11 >= 0.0, "C11", c.C11, ">= 0 Pa");
  require(c.C02 >= 0.0, "C02", c.C02, ">= 0 Pa");
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
