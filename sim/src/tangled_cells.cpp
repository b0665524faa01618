#include "myo/sim/tangled_cells.hpp"

#include <Eigen/LU>
#include <array>

namespace myo::sim {
namespace {

// Natural coordinates of the hex8 corners (0-3 bottom ring, 4-7 top ring) and of the quad4's.
constexpr std::array<std::array<int, 3>, 8> kHexCorner = {
    {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1}, {-1, -1, 1}, {1, -1, 1}, {1, 1, 1}, {-1, 1, 1}}};
constexpr std::array<std::array<int, 2>, 4> kQuadCorner = {{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}};

// The corner with the natural coordinate `axis` flipped.
int hex_flip(int a, int axis) {
  std::array<int, 3> s = kHexCorner[a];
  s[axis] = -s[axis];
  for (int b = 0; b < 8; ++b)
    if (kHexCorner[b] == s) return b;
  return a;
}

int quad_flip(int a, int axis) {
  std::array<int, 2> s = kQuadCorner[a];
  s[axis] = -s[axis];
  for (int b = 0; b < 4; ++b)
    if (kQuadCorner[b] == s) return b;
  return a;
}

}  // namespace

int count_tangled_cells(const Mesh& mesh, const Eigen::VectorXd& u) {
  const int dim = mesh.dim(), nn = mesh.nodes_per_cell();
  auto x = [&](int c, int a) {
    const int node = mesh.cells(c, a);
    Eigen::Vector3d p = Eigen::Vector3d::Zero();
    for (int i = 0; i < dim; ++i) p(i) = mesh.X(node, i) + u(dim * node + i);
    return p;
  };
  int tangled = 0;
  for (int c = 0; c < mesh.n_cells(); ++c) {
    for (int a = 0; a < nn; ++a) {
      double J;
      if (dim == 3) {
        Eigen::Matrix3d E;
        for (int k = 0; k < 3; ++k) E.col(k) = kHexCorner[a][k] * (x(c, a) - x(c, hex_flip(a, k)));
        J = E.determinant();
      } else {
        const Eigen::Vector3d e0 = kQuadCorner[a][0] * (x(c, a) - x(c, quad_flip(a, 0)));
        const Eigen::Vector3d e1 = kQuadCorner[a][1] * (x(c, a) - x(c, quad_flip(a, 1)));
        J = e0(0) * e1(1) - e0(1) * e1(0);
      }
      if (!(J > 0.0)) {
        ++tangled;
        break;
      }
    }
  }
  return tangled;
}

}  // namespace myo::sim
