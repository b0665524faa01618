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
  cell_.assign(n_points, -1);
  for (int k = 0; k < n_points; ++k) {
    const Vec3 p = start + depth_(k) * direction_;
    double best = std::numeric_limits<double>::infinity();
    for (int c = 0; c < mesh.n_cells(); ++c) {
      if (((p - lo[c]).array() < -tol).any() || ((hi[c] - p).array() < -tol).any()) continue;
      const double d = (p - centre[c]).norm();
      if (d < best) best = d, cell_[k] = c;
    }
  }
}

Eigen::VectorXd DepthProfile::axial_compression(const CellFields& fields) const {
  Eigen::VectorXd out(depth_.size());
  for (int k = 0; k < depth_.size(); ++k)
    out(k) = cell_[k] < 0 ? std::numeric_limits<double>::quiet_NaN()
                          : -direction_.dot(cell_stress(fields, cell_[k]) * direction_);
  return out;
}

Eigen::VectorXd DepthProfile::compression(const CellFields& fields) const {
  Eigen::VectorXd out(depth_.size());
  for (int k = 0; k < depth_.size(); ++k) {
    if (cell_[k] < 0) {
      out(k) = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    const Mat3 sigma = cell_stress(fields, cell_[k]);
    out(k) = std::max(0.0, -Eigen::SelfAdjointEigenSolver<Mat3>(sigma, Eigen::EigenvaluesOnly).eigenvalues()(0));
  }
  return out;
}

}  // namespace myo::sim
