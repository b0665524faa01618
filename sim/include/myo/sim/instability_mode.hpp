#pragma once
// Where an indefinite tangent is unstable. When Newton stalls on a tangent with a few negative
// eigenvalues (MUMPS's inertia), the eigenmode nearest zero says what gives way: one node of the
// skin at the rim of a device (a contact artefact or a wrinkle), a crushed cell, or a whole
// layer buckling. Lanczos on K^-1 with the factorization Newton already holds costs a few dozen
// solves, no factorization.
#include <Eigen/Core>
#include <string>

#include "myo/sim/linear_solver.hpp"
#include "myo/sim/model.hpp"

namespace myo::sim {

struct InstabilityMode {
  bool found = false;
  double eigenvalue_N_per_m = 0.0;  ///< Ritz estimate (N/m): the negative eigenvalue nearest zero, or
                                    ///< the smallest positive one if none is negative
  int node = -1;                    ///< the mesh node where the mode is largest
  Eigen::Vector3d x_m = Eigen::Vector3d::Zero();  ///< that node's current position (m)
  std::string regions;              ///< the regions of the cells around that node, comma separated
  double share_within_5mm = 0.0;    ///< share of the mode's |v|^2 on nodes within 5 mm of it
  double travel_share = 0.0;        ///< share of |v|^2 on the devices' travel dofs
};

/// `iterations` Lanczos steps on K^-1, `factored` holding K (n_equations of `model`), from a
/// fixed start vector; u (n_dofs, m) places the nodes. found = false if a solve fails.
InstabilityMode nearest_zero_mode(const Model& model, LinearSolver& factored, const Eigen::VectorXd& u,
                                  int iterations = 40);

/// One sentence for a failure message: "the mode of eigenvalue -3.1 N/m is largest at node 812
/// (70.2, 50.0, 85.1 mm; skin), 64 % of it within 5 mm".
std::string describe(const InstabilityMode& mode);

}  // namespace myo::sim
