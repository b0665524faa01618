#pragma once
// Artificial viscous damping of the tissue nodes, for quasi-static runs that pass a local
// instability (a skin fold at a device's rim, a node squeezed out of a crease) or that sit near
// one (a nearly singular tangent that lets Newton wander): Abaqus's automatic stabilization
// (Abaqus Analysis User's Guide, "Automatic stabilization of static problems", 7.1.1), with the
// damping proportional to the tangent's diagonal rather than to a unit-density mass so that it
// follows the tissue as it stiffens. Per free mesh dof i, with u^n the last converged state,
//     F_i = c_i (u_i - u_i^n),   c_i = s (dt_nominal / dt) D_ii,
// D the tissue tangent's diagonal at the last converged step (N/m; the material stiffness only:
// a contact penalty would damp the nodes a device drags along by the penalty's stiffness, and
// the device would push through the damping instead of the tissue), s >= 0 the factor. Its energy 1/2 sum c_i (u_i - u_i^n)^2 makes the
// step a proximal-point problem whose tangent K + diag(c) is definite once c outweighs the
// negative eigenvalues; the damping grows as a cut step shrinks dt. The forces are not physics:
// the run reports their peak share of the applied force and the energy they dissipate against
// the strain energy (Abaqus's ALLSD / ALLIE, to be kept to a few per cent).
#include <Eigen/Core>
#include <vector>

#include "myo/sim/symmetric_csc.hpp"

namespace myo::sim {

class ViscousStabilization {
 public:
  /// factor s (-, >= 0; 0 = off), dt_nominal (s, > 0: the scenario's time.end / time.steps).
  ViscousStabilization(double factor, double dt_nominal_s) : s_(factor), dt_nominal_s_(dt_nominal_s) {}
  bool active() const { return s_ > 0.0; }
  /// Keeps the diagonal of K (n_equations) as the tissue's: called with the tangent as the
  /// assembler left it, before loads, contact and this term are added.
  void capture_tissue_diagonal(const SymmetricCsc& K);
  /// Adds F (to R, n_dofs), its energy and, with K, diag(c) over the first n_mesh_dofs dofs
  /// (eq: the equation of every dof, -1 prescribed; a device's travel is not damped). Before the
  /// first commit D is the first captured diagonal (the first iterate's tissue).
  void add(const Eigen::VectorXd& u, double dt_s, const std::vector<int>& eq, int n_mesh_dofs, SymmetricCsc* K,
           Eigen::VectorXd& R, double& energy);
  /// An accepted step at u: the work F . (u - u^n) of the step is dissipated; u^n <- u, and D
  /// from the last captured tissue diagonal.
  void commit(const Eigen::VectorXd& u);
  /// |F|_2 (N) at the last add().
  double force_norm_N() const { return force_norm_N_; }
  /// Work the damping forces dissipated over the accepted steps (J).
  double dissipated_J() const { return dissipated_J_; }

 private:
  double s_ = 0.0;                ///< factor (-)
  double dt_nominal_s_ = 1.0;     ///< s
  Eigen::VectorXd D_;             ///< n_equations (N/m); empty before the first tangent
  Eigen::VectorXd captured_;      ///< n_equations: the last captured tissue diagonal (N/m)
  Eigen::VectorXd u_n_;           ///< n_dofs (m)
  double last_work_J_ = 0.0;      ///< F . (u - u^n) at the last add()
  double force_norm_N_ = 0.0;
  double dissipated_J_ = 0.0;
};

}  // namespace myo::sim
