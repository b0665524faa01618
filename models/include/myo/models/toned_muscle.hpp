#pragma once
// Muscle with tone that builds and releases: the transversely isotropic active muscle of
// Blemker, Pinsky & Delp 2005 (J Biomech 38:657; blemker_muscle.hpp, energy function there) whose
// activation is the tone a(X, t) of a phenomenological tone model (tone_dynamics.hpp) and whose
// optimal fibre stretch is lambda_ofl rho(t), rho the resting-length factor:
//
//     W_iso = G1 B1^2 + G2 B2^2 + W_fibre(lambda_f; a, rho),
//     lambda_f dW_fibre/dlambda_f = sigma_max (f_passive(l) + a f_active(l)) l,
//     l = lambda_f / (lambda_ofl rho).
//
// The knot's extra stiffness is its raised tone: the active fibre tension sigma_max a adds to the
// along-fibre shear modulus 2 G1 (a tensed string resists a transverse deflection), and the knot
// peak default is calibrated so that a knot is 18 % stiffer than the muscle around it
// (MyotonPRO figures, literature.md; test_tone_calibration.cpp).
//
// Time integration is staggered (tone_dynamics.hpp): a step of dt first advances the tone states
// from the history of the last accepted step (exact exponentials), then evaluates the Blemker
// response at that fixed tone -- so S and CC are exactly those of blemker_muscle with activation
// a and length factor rho (FD-checkable) -- and finally records the stimulus of the new state
// (compression across the fibres, compressive stress, strain, fibre stretch and rate) and the
// exposure integrals in the history for the next step.
//
// With zero tone (a_b = a_k = 0) and rho = 1 the stress is zero at F = I; with tone the muscle
// carries its tonic fibre stress sigma_max a at F = I (an isometric muscle held between its
// attachments), so a toned region must be held at its fibre ends.
//
// History per point: ToneState::kSize doubles (tone_state.hpp). Outputs (Material::outputs):
// tone, rest_shear_modulus (Pa), resting_length_factor, released_fraction, thixotropic_tone, cross_fibre_compression,
// compressive_stress (Pa), pressure_damage, strain_damage, pressure_time (Pa s), strain_time (s),
// injury_flag (1 where a hold has been unsafe).
#include "myo/models/blemker_muscle.hpp"
#include "myo/models/tone_dynamics.hpp"

namespace myo::models {

class TonedMuscle : public sim::Material {
 public:
  /// muscle.activation is not used (the tone replaces it). Throws std::invalid_argument naming
  /// the parameter when a muscle or tone parameter is out of range.
  TonedMuscle(const BlemkerMuscleParams& muscle, const ToneParams& tone);

  std::string name() const override { return "toned_muscle"; }
  /// Requires point.dt_s >= 0; without history_old the point starts from initial_state() (the
  /// initial_* parameters; rested by default), as init_history writes it.
  void isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const override;
  int n_history() const override { return ToneState::kSize; }
  void init_history(double* history) const override;
  /// 2 max(G1, G2) (Pa), the passive small-strain shear modulus.
  double shear_modulus() const override { return muscle_.shear_modulus(); }
  std::vector<sim::MaterialOutput> outputs() const override;
  void output_values(const double* history, double* values) const override;

  /// The along-fibre shear modulus at the reference configuration (Pa) with tone a and length
  /// factor rho: 2 G1 plus the fibre tension sigma_fibre(lambda_f = 1) (a string's tension adds to
  /// its transverse stiffness) -- the stiffness a myotonometer or a shear wave along the fibres
  /// sees at rest, and the measure the knot and release defaults are calibrated against.
  double rest_shear_modulus(double a, double rho) const;

  const BlemkerMuscle& muscle() const { return muscle_; }
  const ToneDynamics& dynamics() const { return dynamics_; }

 private:
  BlemkerMuscle muscle_;
  ToneDynamics dynamics_;
};

}  // namespace myo::models
