#include "myo/sim/target_region.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace myo::sim {
namespace {

Vec3 reference_point(const Mesh& mesh, int node) {
  Vec3 X = Vec3::Zero();
  for (int i = 0; i < mesh.dim(); ++i) X(i) = mesh.X(node, i);
  return X;
}

double distance_to_axis(const Vec3& p, const Vec3& a, const Vec3& d) {
  const Vec3 r = p - a;
  return (r - r.dot(d) * d).norm();
}

}  // namespace

TargetRegion::TargetRegion(const Mesh& mesh, TargetSpec spec, const Vec3& axis_point, const Vec3& direction)
    : mesh_(mesh), spec_(std::move(spec)), direction_(direction.normalized()) {
  auto it = mesh_.regions.find(spec_.region);
  if (it == mesh_.regions.end())
    throw std::invalid_argument("output.target.region: \"" + spec_.region + "\" is not a region of the mesh");
  const int nn = mesh_.nodes_per_cell();
  std::vector<char> in_region(mesh_.n_cells(), 0);
  for (int c : it->second) in_region[c] = 1;
  for (int c : it->second) {
    Vec3 centroid = Vec3::Zero();
    for (int a = 0; a < nn; ++a) centroid += reference_point(mesh_, mesh_.cells(c, a)) / nn;
    if (spec_.radius_m <= 0.0 || distance_to_axis(centroid, axis_point, direction_) <= spec_.radius_m)
      cells_.push_back(c);
  }
  if (cells_.empty())
    throw std::invalid_argument("output.target.radius: " + std::to_string(spec_.radius_m * 1e3) +
                                " mm selects no cell of region \"" + spec_.region + "\" around the device axis");
  // Nodes of the target that other regions' cells also hold, within the radius if there is one.
  std::vector<char> in_target(mesh_.n_nodes(), 0), in_other(mesh_.n_nodes(), 0);
  for (int c : cells_)
    for (int a = 0; a < nn; ++a) in_target[mesh_.cells(c, a)] = 1;
  for (int c = 0; c < mesh_.n_cells(); ++c)
    if (!in_region[c])
      for (int a = 0; a < nn; ++a) in_other[mesh_.cells(c, a)] = 1;
  for (int n = 0; n < mesh_.n_nodes(); ++n)
    if (in_target[n] && in_other[n] &&
        (spec_.radius_m <= 0.0 ||
         distance_to_axis(reference_point(mesh_, n), axis_point, direction_) <= spec_.radius_m * (1 + 1e-12)))
      interface_nodes_.push_back(n);
}

TargetState TargetRegion::evaluate(const Assembler& assembler, const CellFields& fields, const Eigen::VectorXd& u,
                                   double time_s) const {
  TargetState s;
  double volume = 0.0;
  for (int c : cells_) {
    Mat3 sigma, E;
    for (int k = 0; k < 9; ++k) {
      sigma(k / 3, k % 3) = fields.cauchy_stress(c, k);
      E(k / 3, k % 3) = fields.green_lagrange(c, k);
    }
    const double sigma_min = Eigen::SelfAdjointEigenSolver<Mat3>(sigma, Eigen::EigenvaluesOnly).eigenvalues()(0);
    const double E_min = Eigen::SelfAdjointEigenSolver<Mat3>(E, Eigen::EigenvaluesOnly).eigenvalues()(0);
    const double compression = std::max(0.0, -sigma_min);
    const double V = assembler.cell_volume(c);
    volume += V;
    s.mean_compressive_stress_Pa += compression * V;
    s.mean_axial_stress_Pa += -direction_.dot(sigma * direction_) * V;
    s.peak_compressive_stress_Pa = std::max(s.peak_compressive_stress_Pa, compression);
    s.peak_compressive_strain = std::max(s.peak_compressive_strain, 1.0 - std::sqrt(std::max(0.0, 1.0 + 2.0 * E_min)));
  }
  s.mean_compressive_stress_Pa /= volume;
  s.mean_axial_stress_Pa /= volume;
  const Eigen::VectorXd f = assembler.internal_force(u, time_s, cells_);
  const int dim = mesh_.dim();
  for (int n : interface_nodes_)
    for (int i = 0; i < dim; ++i) s.force_N += f(dim * n + i) * direction_(i);
  return s;
}

}  // namespace myo::sim
