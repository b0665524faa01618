#include "myo/models/rigid_cone.hpp"

#include <algorithm>
#include <Eigen/Geometry>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "myo/models/distance_field.hpp"

namespace myo::models {

using field::Vec2;

RigidCone::RigidCone(double included_angle_rad, double tip_radius_m, double length_m)
    : alpha_(0.5 * included_angle_rad), tip_radius_m_(tip_radius_m), length_m_(length_m) {
  if (!(included_angle_rad > 0.0 && included_angle_rad < std::numbers::pi))
    throw std::invalid_argument("included_angle: must be > 0 and < 180 deg");
  if (!(tip_radius_m > 0.0)) throw std::invalid_argument("tip_radius: must be > 0");
  if (!(length_m > tip_radius_m)) throw std::invalid_argument("length: must be > tip_radius");
}

sim::SurfaceDistance RigidCone::distance(const sim::Vec3& x) const {
  const sim::Vec3 o = sim::Vec3::Zero(), ez = sim::Vec3::UnitZ();
  const sim::SurfaceDistance rho = field::distance_to_axis(x, o, ez), z = field::along_axis(x, o, ez);
  const Vec2 q(rho.g, z.g), c(std::sin(alpha_), std::cos(alpha_)), m(c(1), -c(0));
  const double w = m.dot(q), s = c.dot(q), H = length_m_;
  // The apex and the top sphere are computed in 3D: exact also on the axis, where the
  // chain rule through rho is singular.
  const sim::SurfaceDistance apex = field::distance_to_point(x, o);
  sim::SurfaceDistance f;
  if (w <= 0.0) {
    // Within the angle the sector is bounded by the top sphere and the cone side: the signed
    // distance is the larger of the two (outside the top sphere, w <= 0 < |q| - H).
    const sim::SurfaceDistance top = field::offset(apex, H);
    const sim::SurfaceDistance side = field::compose(field::linear_profile(q, m), rho, z);
    f = top.g >= side.g ? top : side;
  } else if (s <= 0.0) {
    f = apex;
  } else if (s >= H) {
    f = field::compose(field::point_profile(q, H * c), rho, z);
  } else {
    f = field::compose(field::linear_profile(q, m), rho, z);
  }
  return field::offset(f, tip_radius_m_);
}

sim::Vec3 RigidCone::tip(const sim::Vec3& axis) const {
  const sim::Vec3 d = axis.normalized(), ez = sim::Vec3::UnitZ();
  // Support point of the sector: on its spherical top if d is within alpha of e_z, else on the
  // rim circle nearest d, unless the apex lies further along d.
  sim::Vec3 best = d;
  if (std::acos(std::clamp(d.z(), -1.0, 1.0)) > alpha_) {
    const sim::Vec3 across = d - d.z() * ez;
    const sim::Vec3 e = across.norm() > 0.0 ? across.normalized() : ez.unitOrthogonal();
    best = std::sin(alpha_) * e + std::cos(alpha_) * ez;
  }
  const sim::Vec3 sector = d.dot(best) > 0.0 ? sim::Vec3(length_m_ * best) : sim::Vec3::Zero();
  return sector + tip_radius_m_ * d;
}

}  // namespace myo::models
