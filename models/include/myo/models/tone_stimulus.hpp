#pragma once
// What a quadrature point of the tone model felt at the end of a step (tone_dynamics.hpp), and
// how it is measured from the deformation and the stress.
#include "myo/sim/material.hpp"

namespace myo::models {

/// What the point felt at the end of the last accepted step; drives the next step (staggered).
struct ToneStimulus {
  double compression = 0.0;        ///< e_c, log compressive strain across the fibres beyond a pure fibre stretch (-)
  double compressive_stress_Pa = 0.0;  ///< sigma_c = max(0, -smallest principal Cauchy stress) (Pa)
  double injury_strain = 0.0;      ///< eps = max(1 - lambda_min, lambda_max - 1), principal stretches (-)
  double fibre_stretch = 1.0;      ///< lambda_f (-)
  double fibre_rate_per_s = 0.0;   ///< |d lambda_f / dt| over the last step (1/s)
};

/// The stimulus at deformation F (3 x 3) with unit reference fibre a0 (3), isochoric stress S_iso
/// (3 x 3 second Piola-Kirchhoff, Pa) and pressure p = U'(J) (Pa, tension positive), after a step
/// of dt_s >= 0 from the state that felt `old` (the fibre rate keeps old's value when dt_s = 0).
/// Compression across the fibres: with c_min the smallest eigenvalue of C_bar restricted to the
/// plane normal to a0 (squared stretch of the most shortened cross-fibre line),
///     e_c = max(0, -ln(sqrt(c_min) sqrt(lambda_f))),
/// which is zero in any isochoric stretch or shortening along the fibre (the cross-section then
/// scales by lambda_f^(-1/2) in every direction) and -ln(lambda) under a transverse squeeze
/// lambda at constant fibre length. Why a strain and not a stress for release: a device deforms
/// the tissue it presses, while hydrostatic pressure in near-incompressible tissue deforms nothing,
/// and a strain measure that ignores fibre stretch keeps stretching from releasing tone.
/// The compressive stress (for the pressure-time exposure) is an internal stress, compared with
/// thresholds measured as applied pressures (comparable near the surface under a device); in the
/// uncoupled (deviatoric) form of the muscle the tonic fibre stress sigma_max a adds a lateral
/// -sigma_max a / 3 at F = I (about 1 kPa at the default tone, well below the 9 kPa threshold).
ToneStimulus measure_tone_stimulus(const sim::Mat3& F, const sim::Vec3& a0, const sim::Mat3& S_iso,
                                   double pressure_Pa, const ToneStimulus& old, double dt_s);

}  // namespace myo::models
