#include "myo/models/muscle_path.hpp"

#include <stdexcept>
#include <utility>

namespace myo::models {

MusclePath::MusclePath(std::vector<PathPoint> points) : points_(std::move(points)) {
  if (points_.size() < 2) throw std::invalid_argument("MusclePath: needs at least two points");
  if (points_.front().conditional || points_.back().conditional)
    throw std::invalid_argument("MusclePath: origin and insertion cannot be conditional");
}

std::vector<const PathPoint*> MusclePath::present(const SagittalPose& pose) const {
  std::vector<const PathPoint*> out;
  for (const PathPoint& p : points_) {
    const double q = pose.q()(static_cast<int>(p.joint));
    if (!p.conditional || (q >= p.min_rad && q <= p.max_rad)) out.push_back(&p);
  }
  return out;
}

namespace {
Eigen::Vector3d global3(const SagittalPose& pose, const PathPoint& p) {
  const Eigen::Vector2d xy = pose.world(p.segment, p.local_m.head<2>());
  return {xy.x(), xy.y(), pose.frame_z(p.segment) + p.local_m.z()};
}
}  // namespace

std::vector<Eigen::Vector3d> MusclePath::active_points(const SagittalPose& pose) const {
  std::vector<Eigen::Vector3d> out;
  for (const PathPoint* p : present(pose)) out.push_back(global3(pose, *p));
  return out;
}

double MusclePath::length(const SagittalPose& pose) const {
  const std::vector<Eigen::Vector3d> x = active_points(pose);
  double L = 0.0;
  for (std::size_t k = 0; k + 1 < x.size(); ++k) L += (x[k + 1] - x[k]).norm();
  return L;
}

Eigen::Vector4d MusclePath::moment_arms(const SagittalPose& pose) const {
  const std::vector<const PathPoint*> pts = present(pose);
  Eigen::Vector4d r = Eigen::Vector4d::Zero();
  for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
    const Eigen::Vector3d a = global3(pose, *pts[k]), b = global3(pose, *pts[k + 1]);
    const Eigen::Vector3d u = (b - a).normalized();
    for (int j = 0; j < kJoints; ++j) {
      const Joint joint = static_cast<Joint>(j);
      const Eigen::Vector2d d = pose.dworld_dq(pts[k + 1]->segment, b.head<2>(), joint) -
                                pose.dworld_dq(pts[k]->segment, a.head<2>(), joint);
      r(j) -= u.head<2>().dot(d);
    }
  }
  return r;
}

bool MusclePath::crosses(Joint j) const {
  const int joint = static_cast<int>(j);
  bool below = false, above = false;
  for (const PathPoint& p : points_) (static_cast<int>(p.segment) <= joint ? below : above) = true;
  return below && above;
}

}  // namespace myo::models
