#pragma once
// Artificial viscous damping of the tissue nodes, for quasi-static runs that pass a local
// instability (a skin fold at a device's rim, a node squeezed out of a crease) or that sit near
// one (a nearly singular tangent that lets Newton wander): Abaqus's automatic stabilization with
// a dissipated energy fraction (Abaqus Analysis User's Guide 7.1.1, "Automatic stabilization of
// unstable problems"; default fraction 2e-4). Per free mesh dof i, with u^n the last converged
// state and V_i the node's lumped reference volume (m^3; an artificial mass of unit density),
//     F_i = c_i (u_i - u_i^n),   c_i = xi V_i (dt_nominal / dt),
// and xi (N/m^4) set after every accepted step that stored strain energy, so that the step would
// have dissipated the fraction s of the strain energy it added:
//     xi = s (E_strain - E_strain^n) / sum_i V_i (u_i - u_i^n)^2
// (Abaqus sets it from the first increment only; here it follows the tissue as it stiffens: fixed
// at the first millimetre of the oblique hook's press, at s = 2e-4 and 2e-3, the press stalled
// exactly as undamped, at 37.95 mm and 96.4 N). A step that stores less than kCalibrationShare of
// the strain energy (a hold, a creep) keeps xi: there the formula is the ratio of two vanishing
// numbers, about F / |du|, which grew without bound as the motion slowed; the oblique hook held at
// 150 N then had its damping carry 6 % of the load 0.1 s into the hold.
// A damping proportional to the tangent's diagonal instead would carry the load: the diagonal of
// nearly incompressible tissue is its bulk modulus, a thousand times its shear stiffness.
// The energy 1/2 sum c_i (u_i - u_i^n)^2 makes each step a proximal-point problem whose tangent
// K + diag(c) is definite once c outweighs the negative eigenvalues; c grows as a cut step
// shrinks dt, and in a hold the damping decays. It is not physics: the run reports its peak
// share of the load and the energy it dissipated against the strain energy (ALLSD / ALLIE).
#include <Eigen/Core>
#include <vector>

#include "myo/sim/symmetric_csc.hpp"

namespace myo::sim {

class ViscousStabilization {
 public:
  /// The share of the strain energy a step must store to recalibrate xi (-).
  static constexpr double kCalibrationShare = 1e-3;

  /// Dissipated energy fraction s (-, >= 0; 0 = off), the nominal step dt_nominal (s, > 0), and
  /// the lumped reference volume of every mesh dof's node (m^3; one entry per mesh dof).
  ViscousStabilization(double fraction, double dt_nominal_s, Eigen::VectorXd dof_volume_m3 = {})
      : s_(fraction), dt_nominal_s_(dt_nominal_s), volume_(std::move(dof_volume_m3)) {}
  bool active() const { return s_ > 0.0; }
  /// Adds F (to R, n_dofs), its energy and, with K, diag(c) over the mesh dofs (eq: the
  /// equation of every dof, -1 prescribed; a device's travel is not damped). Nothing before xi
  /// is set.
  void add(const Eigen::VectorXd& u, double dt_s, const std::vector<int>& eq, SymmetricCsc* K, Eigen::VectorXd& R,
           double& energy);
  /// An accepted step at u with strain energy E (J): sets xi from the step (its free mesh dofs,
  /// eq as in add()) if it stored energy, counts the step's damping work F . (u - u^n) as
  /// dissipated, and moves u^n to u.
  void commit(const Eigen::VectorXd& u, const std::vector<int>& eq, double strain_energy_J);
  /// xi (N/m^4): 0 until a step stored energy.
  double coefficient() const { return xi_; }
  /// |F|_2 (N) at the last add() with dt > 0.
  double force_norm_N() const { return force_norm_N_; }
  /// Work the damping forces dissipated over the accepted steps (J).
  double dissipated_J() const { return dissipated_J_; }

 private:
  double s_ = 0.0;             ///< dissipated energy fraction (-)
  double dt_nominal_s_ = 1.0;  ///< s
  Eigen::VectorXd volume_;     ///< n_mesh_dofs (m^3)
  double xi_ = 0.0;            ///< N/m^4
  double strain_energy_n_J_ = 0.0;  ///< at u^n
  Eigen::VectorXd u_n_;        ///< n_dofs (m): the last accepted state (zero before the first)
  double last_work_J_ = 0.0;   ///< F . (u - u^n) at the last add()
  double force_norm_N_ = 0.0;
  double dissipated_J_ = 0.0;
};

}  // namespace myo::sim
