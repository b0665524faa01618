#include "myo/sim/fibre_field.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace myo::sim {
namespace {

// Distance (m) from X to the segment [A, B] (closest point clamped to the segment).
double segment_distance(const Vec3& X, const Vec3& A, const Vec3& B) {
  const Vec3 AB = B - A;
  const double s = std::clamp((X - A).dot(AB) / AB.squaredNorm(), 0.0, 1.0);
  return (X - (A + s * AB)).norm();
}

}  // namespace

FibreField::FibreField(const Vec3& direction) {
  const double n = direction.norm();
  if (!(n > 0.0) || !std::isfinite(n))
    throw std::invalid_argument("fibre: the direction is zero or not finite; expected a direction");
  direction_ = direction / n;
}

FibreField FibreField::curve(std::vector<Vec3> points, double blend_m) {
  if (points.size() < 2)
    throw std::invalid_argument("fibre.curve: " + std::to_string(points.size()) +
                                " point(s); expected at least 2");
  if (!(blend_m >= 0.0) || !std::isfinite(blend_m)) {
    std::ostringstream m;
    m << "fibre.blend: " << blend_m << " m is out of range; expected >= 0 m";
    throw std::invalid_argument(m.str());
  }
  FibreField f;
  for (size_t k = 0; k + 1 < points.size(); ++k) {
    const Vec3 d = points[k + 1] - points[k];
    if (!(d.norm() > 0.0) || !d.allFinite())
      throw std::invalid_argument("fibre.curve[" + std::to_string(k + 1) +
                                  "]: repeats the previous point (or is not finite); expected "
                                  "distinct consecutive points");
    f.tangents_.push_back(d.normalized());
  }
  f.points_ = std::move(points);
  f.direction_ = f.tangents_.front();
  f.blend_m_ = blend_m;
  return f;
}

Vec3 FibreField::at(const Vec3& X) const {
  if (uniform()) return direction_;
  const size_t n = tangents_.size();
  std::vector<double> d(n);
  for (size_t k = 0; k < n; ++k) d[k] = segment_distance(X, points_[k], points_[k + 1]);
  const size_t nearest = std::min_element(d.begin(), d.end()) - d.begin();
  if (blend_m_ == 0.0) return tangents_[nearest];
  Vec3 sum = Vec3::Zero();
  for (size_t k = 0; k < n; ++k) sum += std::exp(-(d[k] - d[nearest]) / blend_m_) * tangents_[k];
  // A hairpin can cancel the sum; a small norm would make the direction arbitrary.
  if (sum.norm() < 1e-6) return tangents_[nearest];
  return sum.normalized();
}

}  // namespace myo::sim
