#include "myo/sim/depth_profile.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace myo::sim {
namespace {

Mat3 cell_stress(const CellFields& f, int c) {
  Mat3 sigma;
  for (int k = 0; k < 9; ++k) sigma(k / 3, k % 3) = f.cauchy_stress(c, k);
  return sigma;
}

}  // namespace

DepthProfile::DepthProfile(const Mesh& mesh, const Vec3& start, const Vec3& direction, int n_points)
    : direction_(direction.normalized()) {
  if (n_points < 2) throw std::invalid_argument("depth profile: at least 2 points");
  const int dim = mesh.dim(), nn = mesh.nodes_per_cell();
  double length = 0.0;
  for (int n = 0; n < mesh.n_nodes(); ++n) {
    Vec3 X = Vec3::Zero();
    X.head(dim) = mesh.X.row(n).transpose();
    length = std::max(length, (X - start).dot(direction_));
  }
  depth_ = Eigen::VectorXd::LinSpaced(n_points, 0.0, length);
  // A structured mesh's cells are nearly boxes: take the nearest centroid among the cells
  // whose bounding box holds the point.
  std::vector<Vec3> lo(mesh.n_cells()), hi(mesh.n_cells()), centre(mesh.n_cells());
  for (int c = 0; c < mesh.n_cells(); ++c) {
    lo[c] = Vec3::Constant(std::numeric_limits<double>::infinity());
    hi[c] = -lo[c];
    centre[c] = Vec3::Zero();
    for (int a = 0; a < nn; ++a) {
      Vec3 X = Vec3::Zero();
      X.head(dim) = mesh.X.row(mesh.cells(c, a)).transpose();
      lo[c] = lo[c].cwiseMin(X), hi[c] = hi[c].cwiseMax(X), centre[c] += X / nn;
    }
  }
  const double tol = 1e-9 * std::max(length, 1e-12);
  cells_.assign(n_points, {});
  std::vector<double> distance(mesh.n_cells());
  for (int k = 0; k < n_points; ++k) {
    const Vec3 p = start + depth_(k) * direction_;
    double best = std::numeric_limits<double>::infinity();
    for (int c = 0; c < mesh.n_cells(); ++c) {
      distance[c] = std::numeric_limits<double>::infinity();
      if (((p - lo[c]).array() < -tol).any() || ((hi[c] - p).array() < -tol).any()) continue;
      distance[c] = (p - centre[c]).norm();
      best = std::min(best, distance[c]);
    }
    // Every cell as near as the nearest, to round-off: the cells that share the face (edge, node).
    for (int c = 0; c < mesh.n_cells(); ++c)
      if (distance[c] <= best + tol) cells_[k].push_back(c);
  }
}

bool DepthProfile::stress(const CellFields& fields, int k, Mat3& sigma) const {
  if (cells_[k].empty()) return false;
  sigma.setZero();
  for (int c : cells_[k]) sigma += cell_stress(fields, c);
  sigma /= static_cast<double>(cells_[k].size());
  return true;
}

Eigen::VectorXd DepthProfile::axial_compression(const CellFields& fields) const {
  Eigen::VectorXd out(depth_.size());
  Mat3 sigma;
  for (int k = 0; k < depth_.size(); ++k)
    out(k) = stress(fields, k, sigma) ? -direction_.dot(sigma * direction_) : std::numeric_limits<double>::quiet_NaN();
  return out;
}

Eigen::VectorXd DepthProfile::compression(const CellFields& fields) const {
  Eigen::VectorXd out(depth_.size());
  Mat3 sigma;
  for (int k = 0; k < depth_.size(); ++k)
    out(k) = stress(fields, k, sigma)
                 ? std::max(0.0, -Eigen::SelfAdjointEigenSolver<Mat3>(sigma, Eigen::EigenvaluesOnly).eigenvalues()(0))
                 : std::numeric_limits<double>::quiet_NaN();
  return out;
}

}  // namespace myo::sim
