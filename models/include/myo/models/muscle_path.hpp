#pragma once
// A muscle path: a polyline of via points fixed in segment frames, some of them conditional
// (present only while a joint coordinate lies in a range: gait2392's stand-in for wrapping, e.g.
// iliacus/psoas over the pelvic brim for hip flexion -90..45 deg).
//
//     L(q)      = sum_k |P_k+1 - P_k|                            (3D; z fixed, motion sagittal)
//     dL/dq_j   = sum_k u_k . (dP_k+1/dq_j - dP_k/dq_j),  u_k = (P_k+1 - P_k)/|P_k+1 - P_k|
//     r_j       = -dL/dq_j                                        moment arm (m)
// A point rotates with q_j only if its segment lies above joint j, so only the path segments that
// cross joint j contribute, and each contributes the perpendicular distance of its line from the
// joint axis (projected): the geometric moment arm. A conditional point's switch makes L jump;
// r is exact away from the switch (test_muscle_path.cpp checks it against finite differences).
#include <string>
#include <vector>

#include <Eigen/Core>

#include "myo/models/pelvis_segments.hpp"

namespace myo::models {

struct PathPoint {
  Segment segment = Segment::pelvis;
  Eigen::Vector3d local_m = Eigen::Vector3d::Zero();  ///< (x, y, z) in the segment frame (m)
  bool conditional = false;
  Joint joint = Joint::hip;  ///< the coordinate that switches a conditional point
  double min_rad = 0.0;      ///< present while min <= q_joint <= max (rad)
  double max_rad = 0.0;
};

class MusclePath {
 public:
  explicit MusclePath(std::vector<PathPoint> points);

  /// The points present in this pose, global 3D positions (m), n x 3.
  std::vector<Eigen::Vector3d> active_points(const SagittalPose& pose) const;
  double length(const SagittalPose& pose) const;  ///< L (m)
  /// r_j = -dL/dq_j (m), 4 x 1 in joint order (ankle, knee, hip, lumbar).
  Eigen::Vector4d moment_arms(const SagittalPose& pose) const;
  /// Whether the path crosses joint j (has points on both sides of it).
  bool crosses(Joint j) const;

 private:
  std::vector<PathPoint> points_;
  std::vector<const PathPoint*> present(const SagittalPose& pose) const;
};

}  // namespace myo::models
