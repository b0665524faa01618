#include "myo/sim/tangled_cells.hpp"

#include <Eigen/LU>
#include <array>
#include <vector>

#include "myo/sim/element_geometry.hpp"

namespace myo::sim {
namespace {

/// The natural derivatives of the shape functions at each corner (nodes_per_cell x dim each):
/// the same for every cell of a mesh, so computed once.
std::vector<Eigen::MatrixXd> corner_derivatives(const Mesh& mesh) {
  const int nn = mesh.nodes_per_cell(), dim = mesh.dim();
  // The corners' natural coordinates in the node order of hex8 (0-3 bottom ring, 4-7 top) and quad4.
  static const std::array<std::array<double, 3>, 8> kCorner = {
      {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1}, {-1, -1, 1}, {1, -1, 1}, {1, 1, 1}, {-1, 1, 1}}};
  std::vector<Eigen::MatrixXd> out;
  for (int a = 0; a < nn; ++a) {
    Eigen::Matrix<double, 8, 1> N;
    Eigen::Matrix<double, 8, 3> dN_dxi;
    shape_functions(mesh.cell_type, kCorner[a], N, dN_dxi);
    out.push_back(dN_dxi.topLeftCorner(nn, dim));
  }
  return out;
}

}  // namespace

int count_tangled_cells(const Mesh& mesh, const Eigen::VectorXd& u) {
  const int dim = mesh.dim(), nn = mesh.nodes_per_cell();
  const std::vector<Eigen::MatrixXd> dN = corner_derivatives(mesh);
  Eigen::MatrixXd xe(nn, dim);
  int tangled = 0;
  for (int c = 0; c < mesh.n_cells(); ++c) {
    for (int a = 0; a < nn; ++a) {
      const int node = mesh.cells(c, a);
      for (int i = 0; i < dim; ++i) xe(a, i) = mesh.X(node, i) + u(dim * node + i);
    }
    for (int a = 0; a < nn; ++a)
      if (!((xe.transpose() * dN[a]).determinant() > 0.0)) {  // dx/dxi at the corner
        ++tangled;
        break;
      }
  }
  return tangled;
}

}  // namespace myo::sim
