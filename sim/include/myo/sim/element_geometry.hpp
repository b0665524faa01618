#pragma once
// Reference-configuration geometry of the Lagrange cells at their Gauss points:
// shape functions N_a, their reference gradients dN_a/dX and the integration weight dV.
// Computed once per mesh (total Lagrangian formulation), reused by every Newton iteration.
#include <Eigen/Core>
#include <array>
#include <vector>

#include "myo/sim/mesh.hpp"

namespace myo::sim {

/// Geometry of one Gauss point of one cell.
///  dN_dX: nodes_per_cell x dim reference gradients (1/m);
///  N:     nodes_per_cell shape-function values (-);
///  R:     radius of the point (m), axisymmetric cells only (0 in 3D);
///  dV:    Gauss weight x det(dX/dxi) (m^3), times 2 pi R for axisymmetric cells (full ring);
///  X:     reference position of the point (m), so that fields over space can be evaluated.
struct GaussPointGeometry {
  Eigen::Matrix<double, 8, 3> dN_dX = Eigen::Matrix<double, 8, 3>::Zero();
  Eigen::Matrix<double, 8, 1> N = Eigen::Matrix<double, 8, 1>::Zero();
  double R = 0.0;
  double dV = 0.0;
  Eigen::Vector3d X = Eigen::Vector3d::Zero();  ///< reference position (m); axisymmetric: (R, Z, 0)
};

/// Gauss points per cell: 8 (2x2x2) for hex8, 4 (2x2) for quad4.
int gauss_points_per_cell(CellType type);

/// Natural coordinates (xi in [-1, 1]^dim) and weights of the full-integration Gauss rule.
/// Returns n_gp x 3 points (unused coordinates 0) and n_gp weights.
void gauss_rule(CellType type, std::vector<std::array<double, 3>>& xi, std::vector<double>& w);

/// Shape functions (nodes_per_cell) and natural derivatives (nodes_per_cell x dim) at xi.
void shape_functions(CellType type, const std::array<double, 3>& xi,
                     Eigen::Matrix<double, 8, 1>& N, Eigen::Matrix<double, 8, 3>& dN_dxi);

/// Geometry of all Gauss points of all cells: (n_cells * gauss_points_per_cell), cell-major.
/// Throws std::invalid_argument naming the cell if a reference Jacobian is not positive.
std::vector<GaussPointGeometry> compute_gauss_geometry(const Mesh& mesh);

}  // namespace myo::sim
