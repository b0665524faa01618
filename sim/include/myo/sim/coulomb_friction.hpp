#pragma once
// Penalty-regularised Coulomb friction at one contact point, by a return map (Wriggers 2006,
// Computational Contact Mechanics, 2nd ed., ch. 5.2 and 6.3; Laursen 2002, ch. 5; as Abaqus'
// penalty friction and FEBio's sliding-elastic contact with friction).
//
// Each contact point remembers, from the last accepted step, a stick anchor x_a (fixed to the
// device: it travels and turns with it) and the normal n_a there. The trial slip is the motion of
// the point away from its anchor within the frozen tangent plane,
//     s = T_a (x - x_a),   T_a = I - n_a n_a^T,
// and with the normal pressure p_N = K <-g>_+ (Pa) the tangential traction t_T (Pa, of the tissue
// on the device; the tissue feels -t_T) is
//     stick, K_t |s| <= mu p_N:  t_T = K_t s,            E_t = K_t/2 |s|^2,
//     slip,  K_t |s| >  mu p_N:  t_T = mu p_N e, e = s/|s|, E_t = mu p_N (|s| - mu p_N / (2 K_t)).
// K_t (Pa/m) is the tangential penalty: the elastic slip allowed before sliding is mu p_N / K_t.
// Because T_a is frozen, the stick branch is a true energy (t_T = dE_t/dx, symmetric tangent);
// E_t is continuous across the cone, and in slip its gradient at fixed p_N is t_T again (the line
// search only needs a merit value). The exact derivatives, with dp_N/dx = -K n (n the current
// normal, dg/dx = n):
//     stick: dt_T/dx = K_t T_a,
//     slip:  dt_T/dx = (mu p_N / |s|) (T_a - e e^T) - mu K e n^T.
// The last term is not symmetric (friction is not conservative); Cholesky needs a symmetric
// matrix, so the assembled tangent takes the symmetric part of dt_T/dx, and Newton converges
// linearly rather than quadratically while points slip.
#include "myo/sim/material.hpp"

namespace myo::sim {

struct FrictionPoint {
  Vec3 traction = Vec3::Zero();     ///< t_T (Pa): of the tissue on the device, tangential
  Mat3 d_traction_dx = Mat3::Zero();///< exact dt_T/dx (Pa/m), not symmetric in slip
  double energy = 0.0;              ///< E_t (J/m^2): the merit value above
  bool slip = false;
};

/// Return map at a point in contact (p_N > 0): s trial slip (m), T = I - n_a n_a^T, n current
/// unit normal, p_N = K <-g>_+ (Pa), K normal and K_t tangential penalty (Pa/m), mu >= 0.
FrictionPoint coulomb_return_map(const Vec3& s, const Mat3& T, const Vec3& n, double p_N, double K,
                                 double mu, double K_t);

}  // namespace myo::sim
