#include "myo/sim/gauss_legendre.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace myo::sim {

void gauss_legendre_rule(int n, std::vector<double>& x, std::vector<double>& w) {
  if (n < 1 || n > 64)
    throw std::invalid_argument("gauss_legendre_rule: " + std::to_string(n) + " points; expected 1 to 64");
  x.assign(n, 0.0);
  w.assign(n, 0.0);
  for (int i = 0; i < (n + 1) / 2; ++i) {
    // Root i of P_n from the Chebyshev-like first guess, refined by Newton's method.
    double z = std::cos(std::numbers::pi * (i + 0.75) / (n + 0.5)), dp = 1.0;
    for (int it = 0; it < 100; ++it) {
      double p0 = 1.0, p1 = 0.0;
      for (int j = 1; j <= n; ++j) {  // three-term recurrence: p0 = P_j(z), p1 = P_{j-1}(z)
        const double p2 = p1;
        p1 = p0;
        p0 = ((2.0 * j - 1.0) * z * p1 - (j - 1.0) * p2) / j;
      }
      dp = n * (z * p0 - p1) / (z * z - 1.0);
      const double dz = p0 / dp;
      z -= dz;
      if (std::abs(dz) < 1e-16) break;
    }
    x[i] = -z, x[n - 1 - i] = z;
    w[i] = w[n - 1 - i] = 2.0 / ((1.0 - z * z) * dp * dp);
  }
}

}  // namespace myo::sim
