#pragma once
// One-term uncoupled Ogden solid (Ogden 1972, "Large deformation isotropic elasticity - on the
// correlation of theory and experiment for incompressible rubberlike solids", Proc. R. Soc.
// Lond. A 326:565-584), normalised so that mu is the small-strain shear modulus for any alpha:
//
//     W(C) = W_iso(C_bar) + U(J),
//     W_iso = 2 mu / alpha^2 (lambda1_bar^alpha + lambda2_bar^alpha + lambda3_bar^alpha - 3),
//
// lambda_a_bar: principal stretches of C_bar = J^(-2/3) C; mu in Pa, alpha dimensionless and
// nonzero (alpha = 2 is the neo-Hookean solid). W in J/m^3, stresses in Pa. U(J) (bulk modulus
// kappa, Pa) is held by the base class, see sim::VolumetricLaw.
//
// S_bar and CC_bar come from the spectral decomposition of C_bar (Holzapfel 2000, sec. 6.6,
// eq. 6.196). The spin terms use an exact, cancellation-free divided difference of the principal
// stress function, so equal and nearly equal stretches (F = I, uniaxial, equibiaxial) need no
// special case and no eigenvalue perturbation.
#include "myo/sim/material.hpp"

namespace myo::models {

class Ogden : public sim::Material {
 public:
  /// Smallest |alpha| accepted: the energy is undefined at alpha = 0.
  static constexpr double kMinAbsAlpha = 1e-6;

  /// Throws std::invalid_argument ("mu: ..." / "alpha: ...") unless mu_Pa > 0 and
  /// |alpha| >= kMinAbsAlpha.
  Ogden(double mu_Pa, double alpha);

  std::string name() const override { return "ogden"; }
  void isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const override;
  double shear_modulus() const override { return mu_Pa_; }

 private:
  double mu_Pa_;
  double alpha_;
};

}  // namespace myo::models
