#pragma once
// A rigid finite cylinder (foam roller) with rounded edges, described exactly. Body frame: centre
// at the origin, axis along body x; diameter D = 2R, length L, edge radius e (the circular edges
// of the two end faces are rounded by a torus of radius e, 0 < e < min(R, L/2), so that n and its
// gradient exist everywhere on the surface):
//     u = |x| - (L/2 - e),  v = sqrt(y^2 + z^2) - (R - e),
//     g = |(u, v)| - e (u > 0, v > 0: the rounded edge, a torus),
//         u - e (u > 0 >= v: end face),  v - e (v > 0 >= u: the side, g = rho - R),
//         max(u, v) - e (inside the core; correct sign, C0 across the crease u = v).
// Exact outside and within e of the surface; n = grad g and dn_dx from the chain rule
// (distance_field.hpp). On its side the roller is a cylinder of radius R (line contact with an
// elastic half-space: Hertz 2D, Johnson 1985, Contact Mechanics); the rounded ends spread the
// edge pressure that a sharp-edged roller would concentrate.
#include "myo/sim/rigid_surface.hpp"

namespace myo::models {

class RigidCylinder : public sim::RigidSurface {
 public:
  /// Lengths in m. Throws std::invalid_argument naming the key unless diameter, length > 0 and
  /// 0 < edge_radius < min(diameter/2, length/2).
  RigidCylinder(double diameter_m, double length_m, double edge_radius_m);
  std::string name() const override { return "cylinder"; }
  sim::SurfaceDistance distance(const sim::Vec3& x) const override;
  sim::Vec3 tip(const sim::Vec3& axis) const override;

 private:
  double R_m_, half_length_m_, edge_m_;
};

}  // namespace myo::models
