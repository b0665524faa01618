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
// The last term, the pressure coupling, is not symmetric (friction is not conservative). The
// solvers factor symmetric matrices, and its symmetric part -mu K (e n^T + n e^T)/2 is indefinite
// (eigenvalues +-mu K/2 in the (e, n) plane, comparable to the normal penalty): with it Newton
// failed on a sliding flat. So the assembled tangent is dt_T/dx at fixed p_N, the first term,
// symmetric and positive semidefinite, and Newton converges linearly rather than quadratically
// while points slip (a lagged-pressure Newton, as in Wriggers 2006, ch. 6.3).
#include "myo/sim/material.hpp"

namespace myo::sim {

struct FrictionPoint {
  Vec3 traction = Vec3::Zero();     ///< t_T (Pa): of the tissue on the device, tangential
  Mat3 d_traction_dx = Mat3::Zero();///< dt_T/dx at fixed p_N (Pa/m): symmetric
  Vec3 d_traction_dp = Vec3::Zero();///< dt_T/dp_N (-): mu e in slip, 0 in stick
  double energy = 0.0;              ///< E_t (J/m^2): the merit value above
  bool slip = false;
};

/// Return map at a point in contact (p_N > 0): s trial slip (m), T = I - n_a n_a^T,
/// p_N = K <-g>_+ (Pa), K_t tangential penalty (Pa/m), mu >= 0. The caller adds the pressure
/// coupling d_traction_dp (dp_N/dx)^T where it wants the exact derivative.
FrictionPoint coulomb_return_map(const Vec3& s, const Mat3& T, double p_N, double mu, double K_t);

}  // namespace myo::sim
