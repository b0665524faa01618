#pragma once
// Uncoupled Ogden solid with one to three terms (Ogden 1972, "Large deformation isotropic
// elasticity - on the correlation of theory and experiment for incompressible rubberlike solids",
// Proc. R. Soc. Lond. A 326:565-584), each term normalised so that mu_i is its share of the
// small-strain shear modulus for any alpha_i:
//
//     W(C) = W_iso(C_bar) + U(J),
//     W_iso = sum_i 2 mu_i / alpha_i^2 (lambda1_bar^alpha_i + lambda2_bar^alpha_i + lambda3_bar^alpha_i - 3),
//
// lambda_a_bar: principal stretches of C_bar = J^(-2/3) C; mu_i in Pa (> 0, so every term is
// stable), alpha_i dimensionless and nonzero (alpha = 2 is the neo-Hookean solid); the shear
// modulus at rest is sum_i mu_i. A soft term with a small alpha plus a stiff one with a large alpha
// gives the strain stiffening of soft tissue in compression (Bosboom et al. 2001, J Biomech
// 34:1365: rat muscle in vivo, one term, mu 15.6 kPa, alpha 21.4). W in J/m^3, stresses in Pa.
// U(J) (bulk modulus kappa, Pa) is held by the base class, see sim::VolumetricLaw.
//
// S_bar and CC_bar come from the spectral decomposition of C_bar (Holzapfel 2000, sec. 6.6,
// eq. 6.196). The spin terms use an exact, cancellation-free divided difference of the principal
// stress function, so equal and nearly equal stretches (F = I, uniaxial, equibiaxial) need no
// special case and no eigenvalue perturbation.
#include <vector>

#include "myo/sim/material.hpp"

namespace myo::models {

/// One Ogden term: 2 mu / alpha^2 (sum_a lambda_a_bar^alpha - 3).
struct OgdenTerm {
  double mu_Pa;  ///< its share of the small-strain shear modulus, Pa (> 0)
  double alpha;  ///< its exponent, - (nonzero)
};

class Ogden : public sim::Material {
 public:
  /// Smallest |alpha| accepted: the energy is undefined at alpha = 0.
  static constexpr double kMinAbsAlpha = 1e-6;

  /// One term. Throws std::invalid_argument ("mu: ..." / "alpha: ...") unless mu_Pa > 0 and
  /// |alpha| >= kMinAbsAlpha.
  Ogden(double mu_Pa, double alpha);
  /// One to three terms; the errors name the term's keys (mu, alpha; mu2, alpha2; mu3, alpha3).
  explicit Ogden(std::vector<OgdenTerm> terms);

  std::string name() const override { return "ogden"; }
  void isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const override;
  double shear_modulus() const override { return shear_modulus_Pa_; }
  const std::vector<OgdenTerm>& terms() const { return terms_; }

 private:
  std::vector<OgdenTerm> terms_;
  double shear_modulus_Pa_ = 0.0;  ///< sum of the terms' mu, Pa
};

}  // namespace myo::models
