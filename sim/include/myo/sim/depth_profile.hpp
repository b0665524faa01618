#pragma once
// Stress along a line into the tissue: the device axis, from the point where the tip first
// touches, down to where the line leaves the mesh. Each sample takes the cell-averaged stress of
// the reference cell that contains it (a piecewise-constant profile, as the cell fields); a
// sample on a face, edge or node shared by cells takes the mean stress of those cells, so that
// round-off (a rotated or rescaled mesh) cannot decide which side it reads.
#include <Eigen/Core>
#include <vector>

#include "myo/sim/assembler.hpp"
#include "myo/sim/mesh.hpp"

namespace myo::sim {

class DepthProfile {
 public:
  /// start: reference point on the surface (m); direction: unit direction into the tissue.
  /// n_points samples from the surface to the far side of the mesh along the line.
  DepthProfile(const Mesh& mesh, const Vec3& start, const Vec3& direction, int n_points = 25);
  /// Depth of each sample below the start point (n_points, m).
  const Eigen::VectorXd& depths() const { return depth_; }
  /// Compression along the line, -d.sigma d (n_points, Pa; NaN where the line is outside the mesh).
  Eigen::VectorXd axial_compression(const CellFields& fields) const;
  /// Largest principal compression, max(0, -sigma_min) (n_points, Pa).
  Eigen::VectorXd compression(const CellFields& fields) const;

 private:
  Vec3 direction_;
  Eigen::VectorXd depth_;
  /// Mean Cauchy stress (Pa) of the cells of sample k; false outside the mesh.
  bool stress(const CellFields& fields, int k, Mat3& sigma) const;
  std::vector<std::vector<int>> cells_;  ///< containing cells of each sample (several on a shared face), none outside
};

}  // namespace myo::sim
