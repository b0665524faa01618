#pragma once
// A field of unit directions over the reference configuration, for anisotropic materials: either
// uniform, or following a polyline (a fibre bundle that curves, such as a muscle wrapping over a
// bone). Evaluated once per quadrature point when the assembler is built (the field lives in the
// reference configuration and never changes).
//
// Curve field: P_0 ... P_n (m), segments s_k = [P_k, P_k+1] with unit tangents t_k. At a point X
// with distances d_k (m) to the segments (closest point clamped to the segment):
//   blend length l = 0:  a(X) = t_k of the nearest segment (ties: the first),
//   l > 0:               a(X) = normalize(sum_k w_k t_k),  w_k = exp(-(d_k - min_j d_j) / l),
// which is continuous in X (each d_k is) and equals the nearest tangent where one segment is much
// closer than the others (d_k - d_min >> l). Where the weighted sum vanishes (a hairpin whose two
// legs are equally near) the nearest tangent is used.
#include <vector>

#include "myo/sim/material.hpp"

namespace myo::sim {

class FibreField {
 public:
  /// Uniform along +x.
  FibreField() = default;
  /// Uniform field along `direction` (normalised). Implicit: a bare direction is a uniform field.
  /// Throws std::invalid_argument if direction is zero or not finite.
  FibreField(const Vec3& direction);  // NOLINT(google-explicit-constructor)
  /// The same from any Eigen 3-vector expression (Vec3::UnitZ(), -a, ...).
  template <class Derived>
  FibreField(const Eigen::MatrixBase<Derived>& direction)  // NOLINT(google-explicit-constructor)
      : FibreField(Vec3(direction)) {}
  /// Polyline field through `points` (>= 2 points, m; consecutive points distinct) with blend
  /// length `blend_m` >= 0 (m). Throws std::invalid_argument naming the offending point.
  static FibreField curve(std::vector<Vec3> points, double blend_m = 0.0);

  /// Unit direction (3) at reference position X (3, m).
  Vec3 at(const Vec3& X) const;

  bool uniform() const { return points_.empty(); }
  /// The uniform direction (meaningful when uniform()).
  const Vec3& direction() const { return direction_; }
  /// Polyline points (m), n x 3 as a list; empty for a uniform field.
  const std::vector<Vec3>& points() const { return points_; }
  double blend_m() const { return blend_m_; }

 private:
  Vec3 direction_ = Vec3::UnitX();
  std::vector<Vec3> points_;
  std::vector<Vec3> tangents_;  ///< unit tangent of each segment
  double blend_m_ = 0.0;
};

}  // namespace myo::sim
