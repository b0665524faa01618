#include "myo/models/pelvis_segments.hpp"

#include <cmath>

namespace myo::models {

Eigen::Vector2d rotate_cw(const Eigen::Vector2d& v, double alpha_rad) {
  const double c = std::cos(alpha_rad), s = std::sin(alpha_rad);
  return {c * v.x() + s * v.y(), -s * v.x() + c * v.y()};
}

double SegmentParams::mass_kg(Segment s) const {
  switch (s) {
    case Segment::foot: return foot_fraction * body_mass_kg;
    case Segment::shank: return shank_fraction * body_mass_kg;
    case Segment::thigh: return thigh_fraction * body_mass_kg;
    case Segment::pelvis: return pelvis_fraction * body_mass_kg;
    case Segment::trunk: return hat_fraction * body_mass_kg;
  }
  return 0.0;
}

SagittalPose::SagittalPose(const SegmentParams& params, const Eigen::Vector4d& q_rad, double alpha_foot_rad)
    : p_(params), q_(q_rad) {
  const int foot = 0, shank = 1, thigh = 2, pelvis = 3, trunk = 4;
  alpha_[foot] = alpha_foot_rad;
  alpha_[shank] = alpha_[foot] + q_(0);
  alpha_[thigh] = alpha_[shank] - q_(1);
  alpha_[pelvis] = alpha_[thigh] + q_(2);
  alpha_[trunk] = alpha_[pelvis] - q_(3);
  // The toe-heel sole rests on y = 0 when the foot is flat; the ankle sits above it.
  const Eigen::Vector2d ankle(0.0, -p_.foot_heel.y());
  origin_[foot] = ankle;
  origin_[shank] = ankle - rotate_cw(p_.shank_ankle, alpha_[shank]);  // knee
  origin_[thigh] = origin_[shank] - rotate_cw(p_.thigh_knee, alpha_[thigh]);  // hip
  origin_[pelvis] = origin_[thigh] - rotate_cw(p_.pelvis_hip, alpha_[pelvis]);  // ASIS mid-point
  origin_[trunk] = origin_[pelvis] + rotate_cw(p_.pelvis_lumbar, alpha_[pelvis]);  // L5-S1
  joint_ = {origin_[foot], origin_[shank], origin_[thigh], origin_[trunk]};
}

Eigen::Vector2d SagittalPose::world(Segment s, const Eigen::Vector2d& p) const {
  const int i = static_cast<int>(s);
  return origin_[i] + rotate_cw(p, alpha_[i]);
}

Eigen::Vector2d SagittalPose::dworld_dq(Segment s, const Eigen::Vector2d& x, Joint j) const {
  // Segment s is above joint j when its index exceeds the joint's (foot = 0 is the root).
  if (static_cast<int>(s) <= static_cast<int>(j)) return Eigen::Vector2d::Zero();
  const Eigen::Vector2d r = x - joint_centre(j);
  // d/d alpha of a clockwise rotation: (r_y, -r_x).
  return kJointSign[static_cast<int>(j)] * Eigen::Vector2d(r.y(), -r.x());
}

double SagittalPose::frame_z(Segment s) const {
  return static_cast<int>(s) <= static_cast<int>(Segment::thigh) ? p_.hip_z_m : 0.0;
}

double SagittalPose::pelvic_tilt() const {
  const Eigen::Vector2d psis_to_asis = rotate_cw(p_.pelvis_asis - p_.pelvis_psis, alpha_[3]);
  return std::atan2(-psis_to_asis.y(), psis_to_asis.x());
}

}  // namespace myo::models
