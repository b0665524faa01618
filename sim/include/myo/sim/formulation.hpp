#pragma once
#include <string>

namespace myo::sim {

/// How the volumetric energy U(J) enters the element.
enum class Formulation {
  /// Plain displacement, full Gauss integration: U(J) at every Gauss point. Locks for nearly
  /// incompressible tissue; kept because it reproduces CalculiX C3D8 / FEniCSx Q1 to the digit.
  displacement,
  /// Three-field Q1/P0 (Simo, Taylor & Pister 1985), condensed per cell: the dilatation
  /// theta = (1/V0) int J dV and the pressure p = U'(theta) are constant in each cell. Free of
  /// volumetric locking; equal to the FEniCSx two-field u/p (DG0) form for U = kappa/2 (J-1)^2.
  q1p0,
};

Formulation parse_formulation(const std::string& name);  ///< "displacement" or "q1p0"
std::string to_string(Formulation f);

}  // namespace myo::sim
