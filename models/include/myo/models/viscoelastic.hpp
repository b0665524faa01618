#pragma once
// Finite-strain viscoelasticity for any elastic material: a Prony series on the isochoric part
// with internal (non-equilibrium) stresses Q_i, after Simo 1987 ("On a fully three-dimensional
// finite-strain viscoelastic damage model: formulation and computational aspects", Comput.
// Methods Appl. Mech. Engrg. 60:153-173) in the form of Holzapfel 2000 ("Nonlinear Solid
// Mechanics", Wiley, sec. 6.10), as FEBio's "viscoelastic" material wraps an elastic one.
//
// Free energy (Holzapfel 2000, sec. 6.10, with the special choice Upsilon_i = beta_i W_iso):
//
//     Psi = U(J) + W_iso(C_bar) + sum_i Upsilon_i(C_bar, Gamma_i),
//
// W_iso: the isochoric energy of the elastic base (the equilibrium, long-term branch), beta_i (-)
// the free-energy factors of the Maxwell branches and tau_i (s) their relaxation times. Stress and
// evolution of the internal variables Q_i (2nd Piola-Kirchhoff, reference configuration, Pa):
//
//     S = S_vol + S_iso^inf + sum_i Q_i,   dQ_i/dt + Q_i / tau_i = beta_i dS_iso^inf/dt,
//
// S_iso^inf = the base's isochoric stress. Under a step of isochoric strain held from t = 0 the
// isochoric stress relaxes as S_iso(t) = S_iso^inf (1 + sum_i beta_i exp(-t/tau_i)): short-term
// (1 + sum beta_i) times the elastic response, long-term the elastic response.
//
// Algorithm (Holzapfel 2000, sec. 6.10, algorithmic update; midpoint rule for the convolution),
// with xi_i = exp(-dt/(2 tau_i)) over a step t_n -> t_n+1 = t_n + dt:
//
//     Q_i,n+1 = xi_i^2 Q_i,n + beta_i xi_i (S_iso,n+1^inf - S_iso,n^inf),
//     S_iso,n+1 = S_iso,n+1^inf + sum_i Q_i,n+1,
//     CC_iso,n+1 = (1 + sum_i beta_i xi_i) CC_iso,n+1^inf    (the algorithmic tangent, exact
//                                                             at fixed history and dt).
// Held strain is integrated exactly (Q_i decays by exp(-dt/tau_i) per step, for any dt); a strain
// that changes within a step is integrated with error O(dt^2).
//
// Quasi-static steps (dt_s = 0): the formulas are used as they stand, which is the limit dt -> 0
// (xi_i = 1): the response is instantaneous, Q_i jumps by beta_i (S_iso,n+1^inf - S_iso,n^inf) and
// the tangent is (1 + sum beta_i) CC_iso^inf. A load applied in dt = 0 steps therefore reaches
// the short-term state; relaxation happens only in steps with dt > 0. Re-evaluating an accepted
// state with dt = 0 (for output, after commit) reproduces its stress exactly.
//
// History per quadrature point, 6 (1 + n_terms) doubles in Voigt order (xx, yy, zz, xy, yz, xz):
// [S_iso,n^inf (6), Q_1,n (6), ..., Q_m,n (6)], read from history_old and written to history_new;
// the assembler commits new -> old once per accepted step. Initial history is zero (the base is
// stress-free at F = I, as every hyperelastic base is). A point without history (history_old ==
// nullptr, e.g. total_response in a test) is treated as the initial state; without history_new
// the new state is not written.
//
// Notes:
//  - Only the isochoric part relaxes; the volumetric law U(J) is the wrapper's own (copied from
//    the base at construction, replaceable by set_volumetric); the base's U(J) is never used.
//  - As in Holzapfel 2000, S_iso + sum Q_i is not re-projected onto the deviator at C_n+1 (Simo
//    1987 projected the fictitious stresses), so at finite strain it is not exactly deviatoric
//    with respect to C_n+1; the elastic base's S_iso^inf is.
//  - FEBio's "viscoelastic" wraps the total elastic stress ("uncoupled viscoelastic" the
//    deviatoric part, as here) and weights the increment with (1 - exp(-dt/tau)) tau/dt instead of
//    xi_i (exact for a stress linear in time within the step; also O(dt^2), and also exact for
//    held strain). Its tangent at dt = 0 is the base's; here it is the limit (1 + sum beta_i) CC.
//  - W returned by isochoric() is the equilibrium energy W_iso^inf of the base: the configurational
//    free energies Upsilon_i of the Maxwell branches are not tracked by this algorithm.
//  - shear_modulus() is the instantaneous (short-term) one, (1 + sum beta_i) mu_base: the
//    stiffest response, which is what penalties and stable-step estimates must scale with.
//  - The base must be elastic (n_history() == 0); a base with its own history (tone) will need
//    its history appended to this layout, which is not done yet.
//
// Registration: the registry takes double parameters only, so each combination is registered
// under its own name, "viscoelastic_<base>" with the base's parameters plus beta1, tau1, beta2,
// tau2: every elastic base has one (viscoelastic_neo_hookean, viscoelastic_mooney_rivlin,
// viscoelastic_ogden, viscoelastic_blemker_muscle; add_with_viscoelastic in register_builtin.cpp),
// until the scenario parser accepts a nested material ("viscoelastic: {base: {...}, terms:
// [...]}"). For the muscle, the whole isochoric stress relaxes, the active fibre stress included
// (as FEBio's "uncoupled viscoelastic" around "muscle material"): switching the activation on
// in a dt = 0 step gives (1 + sum beta_i) times the active stress at first.
#include <memory>
#include <vector>

#include "myo/sim/material.hpp"

namespace myo::models {

class Viscoelastic : public sim::Material {
 public:
  /// One Prony term (Maxwell branch).
  struct Term {
    double beta = 0.0;   ///< free-energy factor (-), >= 0: relaxing / equilibrium stiffness
    double tau_s = 0.0;  ///< relaxation time (s), > 0
  };

  /// Throws std::invalid_argument ("base: ..." / "beta<k>: ..." / "tau<k>: ...", k = 1-based
  /// term number) unless base is set and elastic (n_history() == 0), every beta_k >= 0 and
  /// every tau_k > 0 (all finite). Copies the base's volumetric law.
  Viscoelastic(std::shared_ptr<const sim::Material> base, std::vector<Term> terms);

  /// "viscoelastic_" + the base's name, e.g. "viscoelastic_neo_hookean".
  std::string name() const override { return "viscoelastic_" + base_->name(); }
  /// Requires point.dt_s >= 0 (0: quasi-static, instantaneous response; see above).
  void isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const override;
  int n_history() const override { return 6 * (1 + static_cast<int>(terms_.size())); }
  void init_history(double* history) const override;
  /// Instantaneous shear modulus (1 + sum beta_i) mu_base (Pa).
  double shear_modulus() const override;

  const sim::Material& base() const { return *base_; }
  const std::vector<Term>& terms() const { return terms_; }

 private:
  std::shared_ptr<const sim::Material> base_;
  std::vector<Term> terms_;
};

}  // namespace myo::models
