#pragma once
// Uncoupled compressible neo-Hookean solid (Treloar 1943, "The elasticity of a network of
// long-chain molecules"; uncoupled form as in Simo & Taylor 1991 and Holzapfel 2000, sec. 6.5):
//
//     W(C) = W_iso(C_bar) + U(J),   W_iso = mu/2 (I1_bar - 3),   I1_bar = tr C_bar,
//
// mu: small-strain shear modulus (Pa). W in J/m^3, stresses in Pa. The volumetric energy U(J)
// (bulk modulus kappa, Pa) is held by the base class, see sim::VolumetricLaw.
#include "myo/sim/material.hpp"

namespace myo::models {

class NeoHookean : public sim::Material {
 public:
  /// Throws std::invalid_argument ("mu: ...") unless mu_Pa > 0.
  explicit NeoHookean(double mu_Pa);

  std::string name() const override { return "neo_hookean"; }
  void isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const override;
  double shear_modulus() const override { return mu_Pa_; }

 private:
  double mu_Pa_;
};

}  // namespace myo::models
