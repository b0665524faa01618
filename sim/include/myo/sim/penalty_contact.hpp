#pragma once
// Frictionless penalty contact of a tissue face set with a rigid surface, written as the energy
//     E_c = K/2 int_{Gamma_0} <g(x)>_-^2 dA_0,   x = X + u,   <g>_- = min(g, 0)
// over the reference surface (as the FEniCSx peer of shared/reference/peers, problem B), so that
// the residual and its tangent are exact derivatives:
//     r_a = int K <g>_- n N_a dA_0,
//     K_ab = int N_a N_b K [H(-g) n (x) n + <g>_- grad n] dA_0.
// The contact pressure is p = K <-g>_+ (Pa); the penalty K (Pa/m) sets how far the tip may sink
// into the surface: for a pressure p the penetration is p / K.
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
  TimeTable depth;                          ///< travel along direction (m) vs time
  double penalty_Pa_per_m = 1e10;           ///< K
  int quadrature = 5;                       ///< Gauss points per face direction
};

/// Per-evaluation results of one contact, for output.
struct ContactState {
  double force_N = 0.0;          ///< force of the tissue on the device, along -direction (> 0 pushing back)
  double depth_m = 0.0;          ///< prescribed travel at this time
  double peak_pressure_Pa = 0.0; ///< largest K <-g>_+ at a quadrature point
  double area_m2 = 0.0;          ///< reference area where g < 0
};

class PenaltyContact {
 public:
  PenaltyContact(const Mesh& mesh, ContactSpec spec);
  const ContactSpec& spec() const { return spec_; }
  /// Adds dE_c/du to R (n_dofs) and returns E_c (J); the tangent contributions go to `entries`
  /// as (dof_i, dof_j, value) for the caller to scatter. Fills `state`.
  double add(const Eigen::VectorXd& u, double time_s, bool want_K, Eigen::VectorXd& R,
             std::vector<std::tuple<int, int, double>>* entries, ContactState& state) const;
  /// Device origin at time t (m).
  Vec3 origin(double time_s) const { return spec_.origin + spec_.depth(time_s) * spec_.direction; }

 private:
  const Mesh& mesh_;
  ContactSpec spec_;
  const std::vector<Face>* faces_ = nullptr;
};

}  // namespace myo::sim
