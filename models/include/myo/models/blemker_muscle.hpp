#pragma once
// Transversely isotropic, active skeletal muscle after Blemker, Pinsky & Delp 2005, "A 3D model
// of muscle reveals the causes of nonuniform strains in the biceps brachii", J Biomech 38:657-665,
// in the uncoupled form of FEBio's "muscle material" (FEMuscleMaterial; FEBio theory manual) with
// the shear invariants of Criscione, Douglas & Hunter 2001 (J Mech Phys Solids 49:871):
//
//     W(C) = W_iso(C_bar) + U(J),
//     W_iso = G1 B1^2 + G2 B2^2 + W_fibre(lambda_f) + W_matrix(C_bar),
//
// with a0 the unit reference fibre direction (MaterialPoint::fibre) and the invariants of C_bar:
//     I1 = tr C_bar,  I4 = a0 . C_bar a0 = lambda_f^2,  I5 = a0 . C_bar^2 a0,
//     B1^2 = I5 / I4^2 - 1                                  (along-fibre shear),
//     B2   = acosh(w),  w = (I1 I4 - I5) / (2 sqrt(I4)) >= 1  (cross-fibre shear).
// Simple shear gamma along the fibre gives B1 = gamma; across the fibres, B2 = 2 asinh(gamma/2).
// As in the paper and in FEBio, there is no factor 1/2: the small-strain along- and cross-fibre
// shear moduli are 2 G1 and 2 G2 (simple shear gives tau = 2 G1 gamma, 2 G2 gamma to first order;
// tested in test_blemker_muscle.cpp). Checked against FEBio's source (FEBioMech/
// FEMuscleMaterial.cpp, DevStress): W_5 = g1 / I4^2 and W_1 = g2 beta sqrt(I4), beta =
// B2 / sqrt(w^2 - 1), are the derivatives of g1 B1^2 + g2 B2^2, so FEBio's "g1", "g2" (which its
// header calls the along- and cross-fiber "shear modulus") are these G1, G2, and FEBio's
// small-strain moduli are 2 g1, 2 g2 as well. FEBio's optional third term g3 (9/16 g3 ln(I4)^2,
// "proposed to fix the zero-stress problem") is not included (FEBio's default g3 = 0).
//
// The fibre term carries the paper's along-fibre stress
//     lambda_f dW_fibre/dlambda_f = sigma_fibre = sigma_max (f_passive(l) + a f_active(l)) l,
//     l = lambda_f / lambda_ofl,
//     f_passive = 0                                  for l <= 1,
//               = P1 (exp(P2 (l - 1)) - 1)           for 1 < l < l*,  l* = lambda_star / lambda_ofl,
//               = P3 l + P4                          for l >= l*  (C1-continuous linear extension),
//     f_active  = 9 (l - 0.4)^2 on [0.4, 0.6],  1 - 4 (1 - l)^2 on [0.6, 1.4],
//                 9 (l - 1.6)^2 on [1.4, 1.6],  0 outside [0.4, 1.6] (FEBio's cut-off).
// Both are integrated in closed form, so W_fibre = sigma_max (Phi(l) - Phi(1/lambda_ofl)),
// Phi' = f_passive + a f_active, is a true energy (W = 0 at F = I) and S, CC derive from it.
// P1 is dimensionless (a fraction of sigma_max), as in the paper and FEBio.
// In homogeneous uniaxial fibre stretch B1 = B2 = 0 and, with the lateral stress zero, the
// along-fibre Cauchy stress is sigma_fibre(lambda_f_bar) / J (exactly sigma_fibre when J = 1).
//
// Parameter defaults (see the registration, models/src/register_builtin.cpp): sigma_max = 0.3 MPa,
// lambda_star = 1.4, lambda_ofl = 1.0, P1 = 0.05, P2 = 6.6 and G1 = G2 = 500 Pa are Blemker et
// al. 2005 values seen only in secondary sources (FEBio, ArtiSynth; shared literature.md tag [S]);
// the active force-length curve's shape is likewise [S]. Activation a defaults to 0 (passive).
// W in J/m^3, stresses in Pa. U(J) (bulk modulus kappa, Pa) is held by the base class.
//
// W_matrix is an optional isotropic ground matrix that stiffens in compression (not in the paper,
// whose G1, G2 terms are the only matrix): a one-term Ogden solid (Ogden 1972; as models::Ogden)
//     W_matrix = 2 mu_m / alpha_m^2 (lambda1_bar^alpha_m + lambda2_bar^alpha_m + lambda3_bar^alpha_m - 3),
// mu_m = matrix_mu (Pa, default 0: none), alpha_m = matrix_alpha (-), so that the muscle can carry
// the in vivo transverse compression data (Isogai et al. 2022, J Phys Ther Sci 34:777) that the
// Blemker matrix, a constant 1 kPa shear modulus, cannot.
//
// Note: with a = 0 and lambda_f <= lambda_ofl the fibre term is zero, and the isochoric fibre
// stretch mode (B1 = B2 = 0) then has no stiffness; the paper's model behaves the same way.
#include <optional>

#include "myo/models/ogden.hpp"
#include "myo/sim/material.hpp"
#include "myo/sim/model_spec.hpp"

namespace myo::models {

struct BlemkerMuscleParams {
  double G1_Pa = 500.0;          ///< along-fibre shear coefficient (Pa); modulus 2 G1
  double G2_Pa = 500.0;          ///< cross-fibre shear coefficient (Pa); modulus 2 G2
  double P1 = 0.05;              ///< passive fibre stress scale, fraction of sigma_max (-)
  double P2 = 6.6;               ///< passive fibre exponential rate (-)
  double lambda_ofl = 1.0;       ///< fibre stretch at optimal fibre length (-)
  double lambda_star = 1.4;      ///< stretch where the passive curve turns linear (-)
  double sigma_max_Pa = 3.0e5;   ///< maximum isometric active stress (Pa)
  double activation = 0.0;       ///< activation a in [0, 1] (-)
  double matrix_mu_Pa = 0.0;     ///< shear modulus of the Ogden ground matrix (Pa); 0: none
  double matrix_alpha = 2.0;     ///< its exponent (-), nonzero

  /// From registry values keyed as in the "blemker_muscle" spec (G1, G2, P1, P2, lambda_ofl,
  /// lambda_star, sigma_max; activation, matrix_mu, matrix_alpha if present, else their defaults).
  /// Throws std::out_of_range if another key is missing.
  static BlemkerMuscleParams from_values(const sim::ParamValues& values);
};

class BlemkerMuscle : public sim::Material {
 public:
  /// Throws std::invalid_argument ("G1: ...", "lambda_star: ...", ...) unless G1, G2, P2,
  /// lambda_ofl > 0, P1, sigma_max, matrix_mu >= 0, 0 <= activation <= 1, lambda_star >
  /// lambda_ofl and matrix_alpha != 0.
  explicit BlemkerMuscle(const BlemkerMuscleParams& params);

  std::string name() const override { return "blemker_muscle"; }
  /// Throws std::invalid_argument if point.fibre is zero or not finite (it is normalised).
  void isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const override;
  /// The same response with activation `activation` in [0, 1] in place of params().activation and
  /// the optimal fibre stretch (and lambda_star with it) multiplied by `length_factor` > 0: the
  /// whole fibre curve moves to a shorter (< 1) or longer resting length. Used by materials
  /// whose activation and resting length vary in space and time (toned_muscle).
  void isochoric_at(const sim::MaterialPoint& point, double activation, double length_factor,
                    sim::IsochoricResponse& out) const;
  /// The larger of the small-strain shear moduli, 2 max(G1, G2) + matrix_mu.
  double shear_modulus() const override;

  const BlemkerMuscleParams& params() const { return p_; }

  /// Dimensionless fibre curves of the paper, at l = lambda_f / lambda_ofl (for tests and plots).
  double f_passive(double l) const;
  static double f_active(double l);

 private:
  BlemkerMuscleParams p_;
  std::optional<Ogden> matrix_;  ///< the ground matrix, if matrix_mu > 0
};

}  // namespace myo::models
