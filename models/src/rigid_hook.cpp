#include "myo/models/rigid_hook.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "myo/models/distance_field.hpp"

namespace myo::models {

using sim::SurfaceDistance;
using sim::Vec3;

RigidHook::RigidHook(double tip_radius_m, double tip_width_m, double arm_bend_radius_m,
                     double approach_angle_rad, double arm_sweep_rad, double crease_fillet_m)
    : r_m_(tip_radius_m),
      half_segment_m_(0.5 * tip_width_m - tip_radius_m),
      bend_m_(arm_bend_radius_m),
      theta_(approach_angle_rad),
      sweep_(arm_sweep_rad),
      fillet_m_(crease_fillet_m),
      centre_(arm_bend_radius_m * Vec3(std::cos(approach_angle_rad), 0.0,
                                       std::sin(approach_angle_rad))) {
  if (!(tip_radius_m > 0.0)) throw std::invalid_argument("tip_radius: must be > 0");
  if (!(tip_width_m >= 2.0 * tip_radius_m))
    throw std::invalid_argument("tip_width: must be >= 2 tip_radius (the full width of the tip)");
  if (!(arm_bend_radius_m > tip_radius_m))
    throw std::invalid_argument("arm_bend_radius: must be > tip_radius");
  if (!(approach_angle_rad >= 0.0 && approach_angle_rad < 0.5 * std::numbers::pi))
    throw std::invalid_argument("approach_angle: must be >= 0 and < 90 deg");
  if (!(arm_sweep_rad > 0.0 && arm_sweep_rad <= std::numbers::pi))
    throw std::invalid_argument("arm_sweep: must be > 0 and <= 180 deg");
  if (!(crease_fillet_m >= 0.0 && crease_fillet_m <= tip_radius_m))
    throw std::invalid_argument("crease_fillet: must be >= 0 and <= tip_radius");
}

Vec3 RigidHook::arc_point(double beta) const {
  return centre_ + bend_m_ * Vec3(std::cos(beta), 0.0, std::sin(beta));
}

double RigidHook::from_middle(double beta) const {
  const double two_pi = 2.0 * std::numbers::pi;
  double d = std::fmod(beta - (std::numbers::pi + theta_ - 0.5 * sweep_), two_pi);
  if (d > std::numbers::pi) d -= two_pi;
  if (d <= -std::numbers::pi) d += two_pi;
  return d;
}

SurfaceDistance RigidHook::tip_distance(const Vec3& x) const {
  const double t = std::clamp(x.y(), -half_segment_m_, half_segment_m_);
  if (t == x.y() && half_segment_m_ > 0.0)
    return field::offset(field::distance_to_axis(x, Vec3::Zero(), Vec3::UnitY()), r_m_);
  return field::offset(field::distance_to_point(x, t * Vec3::UnitY()), r_m_);
}

SurfaceDistance RigidHook::arm_distance(const Vec3& x) const {
  const Vec3 q = x - centre_;
  const bool on_axis = q.x() == 0.0 && q.z() == 0.0;
  if (!on_axis && std::abs(from_middle(std::atan2(q.z(), q.x()))) <= 0.5 * sweep_) {
    const SurfaceDistance rho = field::distance_to_axis(x, centre_, Vec3::UnitY());
    const SurfaceDistance y = field::along_axis(x, centre_, Vec3::UnitY());
    const field::Vec2 uv(rho.g - bend_m_, y.g);
    return field::offset(field::compose(field::point_profile(uv, field::Vec2::Zero()), rho, y),
                         r_m_);
  }
  const double tip_end = std::numbers::pi + theta_;
  return field::offset(field::nearer(field::distance_to_point(x, arc_point(tip_end)),
                                     field::distance_to_point(x, arc_point(tip_end - sweep_))),
                       r_m_);
}

SurfaceDistance RigidHook::distance(const Vec3& x) const {
  return field::smooth_union(tip_distance(x), arm_distance(x), fillet_m_);
}

Vec3 RigidHook::tip(const Vec3& axis) const {
  const Vec3 d = axis.normalized();
  // Support of the capsule: the end of the segment along d (its middle if d is across y).
  const double sign_y = d.y() > 0 ? 1.0 : d.y() < 0 ? -1.0 : 0.0;
  const Vec3 tip_core = sign_y * half_segment_m_ * Vec3::UnitY();
  // Support of the arc: the point of polar angle atan2(d_z, d_x) if it lies on the arc, else
  // the better end.
  const double tip_end = std::numbers::pi + theta_;
  Vec3 arm_core = arc_point(tip_end);
  if (d.dot(arc_point(tip_end - sweep_)) > d.dot(arm_core)) arm_core = arc_point(tip_end - sweep_);
  if ((d.x() != 0.0 || d.z() != 0.0) &&
      std::abs(from_middle(std::atan2(d.z(), d.x()))) <= 0.5 * sweep_)
    arm_core = arc_point(std::atan2(d.z(), d.x()));
  const Vec3 core = d.dot(arm_core) > d.dot(tip_core) ? arm_core : tip_core;
  return core + r_m_ * d;
}

}  // namespace myo::models
