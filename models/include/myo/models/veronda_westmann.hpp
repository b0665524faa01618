#pragma once
// Uncoupled Veronda-Westmann solid (Veronda & Westmann 1970, "Mechanical characterization of skin -
// finite deformations", J Biomech 3:111-124; uncoupled form as FEBio's "Veronda-Westmann", Maas et
// al. 2012): an exponential law in I1 that stiffens steeply, used for skin, fat and liver,
//
//     W(C) = W_iso(C_bar) + U(J),
//     W_iso = C1 (exp(C2 (I1_bar - 3)) - 1) - C1 C2 / 2 (I2_bar - 3),
//
// I1_bar = tr C_bar, I2_bar = 1/2 (I1_bar^2 - tr(C_bar^2)); C1 in Pa (> 0), C2 dimensionless
// (> 0). The small-strain shear modulus is mu = 2 (W_1 + W_2) at C_bar = I, = C1 C2. The I2 term
// is the one that makes mu = C1 C2; it is not polyconvex, so very large strains can lose
// ellipticity (as in FEBio). W in J/m^3, stresses in Pa. U(J) (bulk modulus kappa, Pa) is held by
// the base class, see sim::VolumetricLaw.
#include "myo/sim/material.hpp"

namespace myo::models {

class VerondaWestmann : public sim::Material {
 public:
  /// Cap on the exponent C2 (I1_bar - 3): beyond it exp() would overflow, so a wild iterate gets a
  /// huge finite stress instead of inf (and W, capped too, is no longer the integral of S there).
  static constexpr double kMaxExponent = 500.0;

  /// Throws std::invalid_argument ("C1: ..." / "C2: ...") unless C1 > 0 and C2 > 0.
  VerondaWestmann(double C1_Pa, double C2);

  std::string name() const override { return "veronda_westmann"; }
  void isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const override;
  double shear_modulus() const override { return C1_Pa_ * C2_; }

 private:
  double C1_Pa_;
  double C2_;
};

}  // namespace myo::models
