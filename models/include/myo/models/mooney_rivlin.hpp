#pragma once
// Uncoupled Mooney-Rivlin solid (Mooney 1940, J. Appl. Phys. 11:582; Rivlin 1948, Phil. Trans.
// R. Soc. A 241:379; uncoupled form as FEBio's "Mooney-Rivlin", Maas et al. 2012):
//
//     W(C) = W_iso(C_bar) + U(J),
//     W_iso = c1 (I1_bar - 3) + c2 (I2_bar - 3),   I1_bar = tr C_bar,
//     I2_bar = 1/2 (I1_bar^2 - tr(C_bar^2)),
//
// c1, c2 in Pa; the small-strain shear modulus is mu = 2 (c1 + c2). W in J/m^3, stresses in Pa.
// U(J) (bulk modulus kappa, Pa) is held by the base class, see sim::VolumetricLaw.
#include "myo/sim/material.hpp"

namespace myo::models {

class MooneyRivlin : public sim::Material {
 public:
  /// Throws std::invalid_argument ("c1: ..." / "c2: ...") unless c1 > 0 and c2 >= 0, which keeps
  /// the energy polyconvex and mu = 2 (c1 + c2) > 0.
  MooneyRivlin(double c1_Pa, double c2_Pa);

  std::string name() const override { return "mooney_rivlin"; }
  void isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const override;
  double shear_modulus() const override { return 2.0 * (c1_Pa_ + c2_Pa_); }

 private:
  double c1_Pa_;
  double c2_Pa_;
};

}  // namespace myo::models
