#pragma once
// A rigid flat-ended cylindrical punch (thumb pad, 1 cm^2 algometer disc) with a filleted edge,
// described exactly. Body frame: axis along body z, the flat face at z = 0 facing -z, the body
// above it (0 <= z <= height). Radius a, fillet radius rf (0 < rf < a, 2 rf < height): the face
// is a disc of radius a - rf, its edge a torus of tube radius rf; the top is rounded the same way
// so that the body is closed and tip() exists for every direction. With c = (0, 0, height/2):
//     u = |z - height/2| - (height/2 - rf),  v = sqrt(x^2 + y^2) - (a - rf),
//     g = |(u, v)| - rf (u > 0, v > 0: fillet torus),  u - rf (u > 0 >= v: flat face),
//         v - rf (v > 0 >= u: side),  max(u, v) - rf (inside the core).
// Exact outside and within rf of the surface.
//
// Sneddon 1965 (Int. J. Eng. Sci. 3:47, after Boussinesq 1885; also Johnson 1985, Contact
// Mechanics): a rigid flat punch of radius a pressed a depth d into an elastic
// half-space needs F = 2 E* a d, E* = E / (1 - nu^2), i.e. F = 4 mu a d / (1 - nu) = 8 mu a d for
// an incompressible solid; the pressure p(r) = F / (2 pi a sqrt(a^2 - r^2)) is singular at the
// edge, which the fillet rounds off.
#include "myo/sim/rigid_surface.hpp"

namespace myo::models {

class RigidFlatPunch : public sim::RigidSurface {
 public:
  /// Lengths in m. Throws std::invalid_argument naming the key unless radius > 0,
  /// 0 < fillet < radius and height > 2 fillet.
  RigidFlatPunch(double radius_m, double fillet_m, double height_m);
  std::string name() const override { return "flat_punch"; }
  sim::SurfaceDistance distance(const sim::Vec3& x) const override;
  sim::Vec3 tip(const sim::Vec3& axis) const override;
  double radius() const { return a_m_; }

 private:
  sim::Vec3 centre() const { return sim::Vec3(0.0, 0.0, half_height_m_); }
  double a_m_, fillet_m_, half_height_m_;
};

}  // namespace myo::models
