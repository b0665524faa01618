#pragma once
// Cells turned inside out at a corner. The solver checks det F at the Gauss points, and a cell
// crushed under a device can keep those positive while a corner folds through the opposite face
// (a bow-tie): the mesh then no longer follows the tissue, and a press "converges" to a tangled
// state whose force falls (the oblique hook past 99 N, README Anatomy). The corner Jacobian of
// a trilinear hex (bilinear quad) is the determinant of its edge vectors at that corner:
//     J_a = det[ s_xi (x_a - x_b), s_eta (x_a - x_c), s_zeta (x_a - x_d) ],
// b, c, d the corner's neighbours along xi, eta, zeta and s its natural coordinates (+-1).
#include <Eigen/Core>

#include "myo/sim/mesh.hpp"

namespace myo::sim {

/// Cells with a corner Jacobian <= 0 at u (n_dofs or more, m; the mesh dofs first).
int count_tangled_cells(const Mesh& mesh, const Eigen::VectorXd& u);

}  // namespace myo::sim
