#pragma once
// Uncoupled second-order polynomial (Rivlin) solid (Rivlin & Saunders 1951, Phil. Trans. R. Soc.
// A 243:251; uncoupled form as FEBio's "uncoupled polynomial"), the form of Hendriks 2005's in
// vivo skin (C10 (I1 - 3) + C11 (I1 - 3)(I2 - 3); PhD thesis, Eindhoven):
//
//     W(C) = W_iso(C_bar) + U(J),
//     W_iso = C10 a + C01 b + C20 a^2 + C11 a b + C02 b^2,   a = I1_bar - 3, b = I2_bar - 3,
//
// I1_bar = tr C_bar, I2_bar = 1/2 (I1_bar^2 - tr(C_bar^2)); all C_ij in Pa. The small-strain
// shear modulus is mu = 2 (C10 + C01); C20, C11, C02 stiffen the solid with strain (C10 + C01
// alone is Mooney-Rivlin, C10 + C20 Yeoh's second order). W in J/m^3, stresses in Pa. U(J) (bulk
// modulus kappa, Pa) is held by the base class, see sim::VolumetricLaw.
#include "myo/sim/material.hpp"

namespace myo::models {

/// The five coefficients of W_iso, Pa.
struct PolynomialCoefficients {
  double C10 = 0.0, C01 = 0.0, C20 = 0.0, C11 = 0.0, C02 = 0.0;
};

class Polynomial : public sim::Material {
 public:
  /// Throws std::invalid_argument naming the key ("C10: ...") unless C10 > 0 and the others >= 0:
  /// then mu > 0 and W_iso grows with a, b >= 0 (I1_bar, I2_bar >= 3 for every C_bar).
  explicit Polynomial(const PolynomialCoefficients& c);

  std::string name() const override { return "polynomial"; }
  void isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const override;
  double shear_modulus() const override { return 2.0 * (c_.C10 + c_.C01); }

 private:
  PolynomialCoefficients c_;
};

}  // namespace myo::models
