#pragma once
// A rigid sphere-capped cone (a blunt tip), described exactly. Body frame: axis along body z, the
// cone opening upward; its sharp apex at the origin, so the lowest point is (0, 0, -r_t).
// Parameters: included angle 2 alpha (0 < alpha < pi/2), tip radius r_t > 0, length H > r_t (the
// slant length of the sharp cone). The body is the spherical sector
//     S = { p : |p| <= H, angle(p, e_z) <= alpha }
// grown by a ball of radius r_t: a cone of half-angle alpha offset by r_t, capped at the bottom by
// the sphere of radius r_t about the apex (tangent to the cone: the usual sphere-capped cone) and
// at the top by a sphere of radius H + r_t about the apex (finite, so that tip() exists for every
// direction). With q = (rho, z), rho = sqrt(x^2 + y^2), c = (sin alpha, cos alpha) (generator),
// m = (cos alpha, -sin alpha) (its outward normal), w = m.q, s = c.q:
//   w <= 0 (within the angle):  f = |q| - H if |q| > H,  else max(w, |q| - H) (inside),
//   w > 0:  f = |q| (s <= 0, the apex),  |q - H c| (s >= H, the rim: a torus),  w (otherwise),
//   g = f - r_t.
// f is the exact signed distance to S (its profile is a circular sector, symmetric about the
// axis), so g is exact outside and within r_t of the surface.
#include "myo/sim/rigid_surface.hpp"

namespace myo::models {

class RigidCone : public sim::RigidSurface {
 public:
  /// included_angle_rad in (0, pi); lengths in m. Throws std::invalid_argument naming the key
  /// unless tip_radius > 0 and length > tip_radius.
  RigidCone(double included_angle_rad, double tip_radius_m, double length_m);
  std::string name() const override { return "cone"; }
  sim::SurfaceDistance distance(const sim::Vec3& x) const override;
  sim::Vec3 tip(const sim::Vec3& axis) const override;

 private:
  double alpha_, tip_radius_m_, length_m_;
};

}  // namespace myo::models
