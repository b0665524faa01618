#include "myo/sim/element_geometry.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace myo::sim {
namespace {
// Node signs in natural coordinates, VTK / C3D8 order and counter-clockwise quad4.
constexpr double kHexSign[8][3] = {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1},
                                   {-1, -1, 1},  {1, -1, 1},  {1, 1, 1},  {-1, 1, 1}};
constexpr double kQuadSign[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
}  // namespace

int gauss_points_per_cell(CellType type) { return type == CellType::hex8 ? 8 : 4; }

void gauss_rule(CellType type, std::vector<std::array<double, 3>>& xi, std::vector<double>& w) {
  const double g = 1.0 / std::sqrt(3.0);
  xi.clear();
  w.clear();
  if (type == CellType::hex8) {
    for (const auto& s : kHexSign) {
      xi.push_back({g * s[0], g * s[1], g * s[2]});
      w.push_back(1.0);
    }
  } else {
    for (const auto& s : kQuadSign) {
      xi.push_back({g * s[0], g * s[1], 0.0});
      w.push_back(1.0);
    }
  }
}

void shape_functions(CellType type, const std::array<double, 3>& xi,
                     Eigen::Matrix<double, 8, 1>& N, Eigen::Matrix<double, 8, 3>& dN_dxi) {
  N.setZero();
  dN_dxi.setZero();
  if (type == CellType::hex8) {
    for (int a = 0; a < 8; ++a) {
      const double* s = kHexSign[a];
      const double f0 = 1 + s[0] * xi[0], f1 = 1 + s[1] * xi[1], f2 = 1 + s[2] * xi[2];
      N(a) = 0.125 * f0 * f1 * f2;
      dN_dxi(a, 0) = 0.125 * s[0] * f1 * f2;
      dN_dxi(a, 1) = 0.125 * f0 * s[1] * f2;
      dN_dxi(a, 2) = 0.125 * f0 * f1 * s[2];
    }
  } else {
    for (int a = 0; a < 4; ++a) {
      const double* s = kQuadSign[a];
      const double f0 = 1 + s[0] * xi[0], f1 = 1 + s[1] * xi[1];
      N(a) = 0.25 * f0 * f1;
      dN_dxi(a, 0) = 0.25 * s[0] * f1;
      dN_dxi(a, 1) = 0.25 * f0 * s[1];
    }
  }
}

std::vector<GaussPointGeometry> compute_gauss_geometry(const Mesh& mesh) {
  const CellType type = mesh.cell_type;
  const int dim = mesh.dim(), nn = mesh.nodes_per_cell();
  std::vector<std::array<double, 3>> xi;
  std::vector<double> w;
  gauss_rule(type, xi, w);
  const int ngp = static_cast<int>(w.size());
  std::vector<GaussPointGeometry> out(static_cast<size_t>(mesh.n_cells()) * ngp);
  for (int c = 0; c < mesh.n_cells(); ++c) {
    Eigen::MatrixXd Xe(nn, dim);
    for (int a = 0; a < nn; ++a) Xe.row(a) = mesh.X.row(mesh.cells(c, a));
    for (int q = 0; q < ngp; ++q) {
      Eigen::Matrix<double, 8, 1> N;
      Eigen::Matrix<double, 8, 3> dN_dxi;
      shape_functions(type, xi[q], N, dN_dxi);
      const Eigen::MatrixXd dXdxi = Xe.transpose() * dN_dxi.topLeftCorner(nn, dim);  // dim x dim
      const double detJ = dXdxi.determinant();
      if (!(detJ > 0.0))
        throw std::invalid_argument("mesh: cell " + std::to_string(c) +
                                    " is inverted or degenerate (reference det J = " +
                                    std::to_string(detJ) + ")");
      GaussPointGeometry& g = out[static_cast<size_t>(c) * ngp + q];
      g.N = N;
      g.dN_dX.topLeftCorner(nn, dim) = dN_dxi.topLeftCorner(nn, dim) * dXdxi.inverse();
      g.dV = w[q] * detJ;
      g.X.head(dim) = Xe.transpose() * N.head(nn);
      if (mesh.axisymmetric()) {
        g.R = N.head(nn).dot(Xe.col(0));
        g.dV *= 2.0 * std::numbers::pi * g.R;
      }
    }
  }
  return out;
}

}  // namespace myo::sim
