#pragma once
// A rigid body's surface described exactly (not faceted): its signed distance, outward normal and
// the normal's gradient at a point. Devices (sphere, roller, punch, hook) implement this in
// models/; contact in sim/ only sees the interface.
#include "myo/sim/material.hpp"

namespace myo::sim {

/// Distance data at a point x (m), in the body's own frame.
struct SurfaceDistance {
  double g = 0.0;            ///< signed distance (m): > 0 outside the body, < 0 inside
  Vec3 n = Vec3::UnitZ();    ///< unit outward normal = grad g
  Mat3 dn_dx = Mat3::Zero(); ///< grad n = Hessian of g (1/m), symmetric
};

class RigidSurface {
 public:
  virtual ~RigidSurface() = default;
  virtual std::string name() const = 0;
  /// Distance data at x (m) in the body frame (origin at the device's reference point).
  virtual SurfaceDistance distance(const Vec3& x) const = 0;
  /// Point of the body nearest the tissue along -axis (m, body frame): the tip, where the device
  /// first touches a surface approached along `axis`. Used to place the device in a scenario.
  virtual Vec3 tip(const Vec3& axis) const = 0;
};

}  // namespace myo::sim
