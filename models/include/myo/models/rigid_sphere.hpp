#pragma once
// A rigid sphere (massage ball, lacrosse ball, algometer-free indenter) described exactly:
//   g(x) = |x| - R,   n = x / |x|,   grad n = (I - n (x) n) / |x|,
// with the body frame at the sphere's centre. Hertz (1882) gives its small-depth indentation of an
// elastic half-space: F = 4/3 E/(1 - nu^2) sqrt(R) d^(3/2), contact radius a = sqrt(R d).
#include "myo/sim/rigid_surface.hpp"

namespace myo::models {

class RigidSphere : public sim::RigidSurface {
 public:
  /// Throws std::invalid_argument ("diameter: ...") unless diameter_m > 0.
  explicit RigidSphere(double diameter_m);
  std::string name() const override { return "sphere"; }
  sim::SurfaceDistance distance(const sim::Vec3& x) const override;
  sim::Vec3 tip(const sim::Vec3& axis) const override { return R_m_ * axis.normalized(); }
  double radius() const { return R_m_; }

 private:
  double R_m_;
};

}  // namespace myo::models
