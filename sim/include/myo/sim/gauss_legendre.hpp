#pragma once
// Gauss-Legendre quadrature on [-1, 1], computed (Newton iteration on the Legendre polynomial P_n,
// as Numerical Recipes' gauleg) rather than tabulated, so any order is available.
#include <vector>

namespace myo::sim {

/// Points x (n, ascending) and weights w (n) of the n-point rule, exact for polynomials of degree
/// 2n - 1. Throws std::invalid_argument unless 1 <= n <= 64.
void gauss_legendre_rule(int n, std::vector<double>& x, std::vector<double>& w);

}  // namespace myo::sim
