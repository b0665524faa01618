#pragma once
// Frictionless penalty contact of a tissue face set with a rigid surface, written as the energy
//     E_c = K/2 int_{Gamma_0} <g(x)>_-^2 dA_0,   x = X + u,   <g>_- = min(g, 0)
// over the reference surface (as the FEniCSx peer of shared/reference/peers, problem B), so that
// the residual and its tangent are exact derivatives:
//     r_a = int K <g>_- n N_a dA_0,
//     K_ab = int N_a N_b K [H(-g) n (x) n + <g>_- grad n] dA_0.
// The contact pressure is p = K <-g>_+ (Pa); the penalty K (Pa/m) sets how far the tip may sink
// into the surface: for a pressure p the penetration is p / K.
//
// The device is a rigid body with one degree of freedom, its travel w (m) along `direction`:
// the body point y = Q^T (x - o - w d) (Q = rotation, body -> world), so g(x, w) = g_b(y),
// n = Q n_b, grad n = Q grad n_b Q^T, and with dg/dw = -n.d,
//     dE_c/dw = int K <g>_- (-n.d) dA_0 = the force of the tissue on the device along -d,
//     d2E_c/dw2 = int K [H(-g) (n.d)^2 + <g>_- d.grad n d] dA_0,
//     d2E_c/dx_a dw = -int N_a K [H(-g) (n.d) n + <g>_- grad n d] dA_0.
// Under depth control w is prescribed (w = depth(t), its residual is the reaction); under force
// control it is free and loaded by the applied force F(t) (N, along d), so the tip sinks until
// the tissue pushes back with F: the monolithic rigid-body coupling of FEBio's rigid indenters.
#include <Eigen/Core>
#include <memory>
#include <string>
#include <vector>

#include "myo/sim/mesh.hpp"
#include "myo/sim/rigid_surface.hpp"
#include "myo/sim/time_table.hpp"

namespace myo::sim {

struct ContactSpec {
  std::string name;                         ///< label in the history and summary ("indenter")
  std::string face_set;                     ///< tissue surface that may touch
  std::shared_ptr<const RigidSurface> surface;
  Vec3 origin = Vec3::Zero();               ///< body-frame origin at t = 0 (m)
  Vec3 direction = -Vec3::UnitZ();          ///< unit direction of travel
  Mat3 rotation = Mat3::Identity();         ///< body -> world; body -z is the way the device presses
  enum class Control { depth, force };
  Control control = Control::depth;
  TimeTable depth;                          ///< travel along direction (m) vs time (depth control)
  TimeTable force;                          ///< applied force along direction (N) vs time (force control)
  double penalty_Pa_per_m = 1e10;           ///< K
  int quadrature = 5;                       ///< Gauss points per face direction
};

/// Per-evaluation results of one contact, for output.
struct ContactState {
  double force_N = 0.0;          ///< force of the tissue on the device, along -direction (> 0 pushing back)
  double depth_m = 0.0;          ///< travel w of the device at this state (m)
  double peak_pressure_Pa = 0.0; ///< largest K <-g>_+ at a quadrature point
  double area_m2 = 0.0;          ///< reference area where g < 0
  double mean_pressure_Pa = 0.0; ///< int p dA_0 / area (Pa)
};

class PenaltyContact {
 public:
  /// device_dof: index of the travel w in u (the Model appends one per contact after the mesh
  /// dofs); -1 for a contact used alone, whose travel is then spec.depth(t).
  PenaltyContact(const Mesh& mesh, ContactSpec spec, int device_dof = -1);
  const ContactSpec& spec() const { return spec_; }
  int device_dof() const { return device_dof_; }
  /// Adds dE_c/du to R (n_dofs, incl. R(device_dof) = dE_c/dw) and returns E_c (J); the tangent
  /// contributions go to `entries` as (dof_i, dof_j, value) for the caller to scatter.
  double add(const Eigen::VectorXd& u, double time_s, bool want_K, Eigen::VectorXd& R,
             std::vector<std::tuple<int, int, double>>* entries, ContactState& state) const;
  /// Travel w (m) at state u and time t.
  double travel(const Eigen::VectorXd& u, double time_s) const;
  /// Nodes of the contact surface (sorted, unique): the dofs the device couples to.
  std::vector<int> surface_nodes() const;
  /// Contact pressure K <-g>_+ (Pa) at each node of the contact surface, evaluated at the node
  /// (n_nodes, zero off the surface): the pressure map written with each step.
  Eigen::VectorXd nodal_pressure(const Eigen::VectorXd& u, double time_s) const;

 private:
  SurfaceDistance world_distance(const Vec3& x, const Vec3& o) const;

  const Mesh& mesh_;
  ContactSpec spec_;
  int device_dof_ = -1;
  const std::vector<Face>* faces_ = nullptr;
};

}  // namespace myo::sim
