#include "myo/sim/coulomb_friction.hpp"

namespace myo::sim {

FrictionPoint coulomb_return_map(const Vec3& s, const Mat3& T, double p_N, double mu, double K_t) {
  FrictionPoint fp;
  const double norm_s = s.norm(), limit = mu * p_N;  // Pa
  if (K_t * norm_s <= limit) {
    fp.traction = K_t * s;
    fp.d_traction_dx = K_t * T;
    fp.energy = 0.5 * K_t * norm_s * norm_s;
    return fp;
  }
  const Vec3 e = s / norm_s;
  fp.slip = true;
  fp.traction = limit * e;
  fp.d_traction_dx = (limit / norm_s) * (T - e * e.transpose());
  fp.d_traction_dp = mu * e;
  fp.energy = limit * (norm_s - 0.5 * limit / K_t);
  return fp;
}

}  // namespace myo::sim
