#pragma once
// Cells turned inside out at a corner. The solver checks det F at the Gauss points, and a cell
// crushed under a device can keep those positive while a corner folds through the opposite face
// (a bow-tie): the mesh then no longer follows the tissue, and a press "converges" to a tangled
// state whose force falls (the oblique hook past 99 N, README Anatomy). The corner Jacobian
// det(dx/dxi) of a trilinear hex (bilinear quad) at a corner is that of its three (two) edges
// from the corner, up to a positive factor; it is evaluated with the element's own shape
// functions (element_geometry.hpp) at the corner's natural coordinates.
#include <Eigen/Core>

#include "myo/sim/mesh.hpp"

namespace myo::sim {

/// Cells with a corner Jacobian <= 0 at u (n_dofs or more, m; the mesh dofs first).
int count_tangled_cells(const Mesh& mesh, const Eigen::VectorXd& u);

}  // namespace myo::sim
