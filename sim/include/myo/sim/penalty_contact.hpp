#pragma once
// Penalty contact of a tissue face set with a rigid surface; its normal part is the energy
//     E_c = K/2 int_{Gamma_0} <g(x)>_-^2 dA_0,   x = X + u,   <g>_- = min(g, 0)
// over the reference surface (as the FEniCSx peer of shared/reference/peers, problem B), so that
// the residual and its tangent are exact derivatives:
//     r_a = int K <g>_- n N_a dA_0,
//     K_ab = int N_a N_b K [H(-g) n (x) n + <g>_- grad n] dA_0.
// The contact pressure is p = K <-g>_+ (Pa); the penalty K (Pa/m) sets how far the tip may sink
// into the surface: for a pressure p the penetration is p / K.
// Optional smoothing (eps > 0): the pressure's onset is made C1 over -eps < g < eps,
//     p(g) = K (eps - g)^2 / (4 eps) there, K (-g) below, 0 above,
// so the tangent no longer jumps from 0 to K where a point at the edge of the contact zone crosses
// g = 0 (Newton then cycles between the two sides at half the residual per iteration). The energy
// density is int_g^eps p = K (eps - g)^3 / (12 eps) in the band and K g^2 / 2 + K eps^2 / 6 below;
// every formula below takes p(g) and dp/dg in place of K <-g>_+ and -K H(-g).
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
// A prescribed slide may be added: o = origin + w d + s(t) e_s (a stroke along the skin).
//
// Optional Coulomb friction (coefficient mu > 0; coulomb_friction.hpp has the return map): each
// quadrature point keeps a stick anchor y_a and normal n_a in the body frame, so the anchor
// x_a = o + Q y_a travels with the device. The tangential traction t_T(s) of the trial slip
// s = T_a (x - x_a) adds t_T dA_0 to the point's force f, and with A = df/dx (the point's 3 x 3
// block: the normal part above plus dt_T/dx dA_0; B = [I, -d] maps (dx, dw) to the motion of x
// relative to the device)
//     d(r_x, r_w)/d(x, w) = B^T A B,   r_w = -d . sum f.
// The assembled tangent leaves out the pressure coupling of A in slip (coulomb_friction.hpp);
// exact_jacobian() gives the full one for tests.
// commit() updates the anchors at an accepted state: a point in contact keeps as elastic slip the
// returned traction turned into its new tangent plane (n its current normal), x_a = x - t'/K_t,
// t' = |t_T| T(n) t_T / |T(n) t_T| (in slip this moves the anchor so that K_t |s| = mu p_N, and
// n_a = n); a point out of contact takes its current body-frame
// position, so a point touching during a step sticks from where it was at the step's start (a
// device resting on the skin at t = 0 sticks from the first step; one arriving mid-step has that
// step's tangential approach counted as elastic slip, bounded by the cone).
#include <Eigen/Core>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "myo/sim/mesh.hpp"
#include "myo/sim/rigid_surface.hpp"
#include "myo/sim/time_table.hpp"

namespace myo::sim {

struct ContactSpec {
  std::string name;                         ///< label in the history and summary ("indenter")
  std::string face_set;                     ///< tissue surface that may touch
  std::string key_path;                     ///< "contact[0]": where the scenario gave it, for messages
  std::shared_ptr<const RigidSurface> surface;
  Vec3 origin = Vec3::Zero();               ///< body-frame origin at t = 0 (m)
  Vec3 direction = -Vec3::UnitZ();          ///< unit direction of travel
  Mat3 rotation = Mat3::Identity();         ///< body -> world; body -z is the way the device presses
  enum class Control { depth, force };
  Control control = Control::depth;
  TimeTable depth;                          ///< travel along direction (m) vs time (depth control)
  TimeTable force;                          ///< applied force along direction (N) vs time (force control)
  double penalty_Pa_per_m = 1e10;           ///< K; <= 0: auto, set per face (auto_penalty.hpp)
  double penalty_factor = 300.0;            ///< alpha of the auto penalty K_f = alpha mu_f / h_f (-)
  double friction = 0.0;                    ///< Coulomb coefficient mu (-); 0: frictionless
  double friction_penalty_Pa_per_m = 0.0;   ///< K_t; 0: equal to K (face by face)
  Vec3 slide_direction = Vec3::UnitX();     ///< unit direction of the prescribed slide
  TimeTable slide = TimeTable::constant(0.0);  ///< slide s(t) along slide_direction (m)
  int quadrature = 5;                       ///< Gauss points per face direction
  double smoothing_m = 0.0;                 ///< eps: width of the C1 onset of the pressure (m); 0: none
};

/// Per-evaluation results of one contact, for output.
struct ContactState {
  double force_N = 0.0;          ///< force of the tissue on the device, along -direction (> 0 pushing back)
  double normal_force_N = 0.0;   ///< the part of force_N from the normal pressure alone
  double pressure_force_N = 0.0; ///< int p dA_0 (N): the normal load, summed without direction
  Vec3 device_force_N = Vec3::Zero();   ///< total force of the tissue on the device (N, world)
  Vec3 friction_force_N = Vec3::Zero(); ///< its tangential part, int t_T dA_0 (N, world)
  double stick_area_m2 = 0.0;    ///< reference area in contact and sticking (friction only)
  double slip_area_m2 = 0.0;     ///< reference area in contact and slipping (friction only)
  double depth_m = 0.0;          ///< travel w of the device at this state (m)
  double peak_pressure_Pa = 0.0; ///< largest K <-g>_+ at a quadrature point
  double area_m2 = 0.0;          ///< reference area where g < 0
  double mean_pressure_Pa = 0.0; ///< int p dA_0 / area (Pa)
  double max_penetration_m = 0.0;   ///< largest -g at a point in contact (m)
  double touched_face_size_m = 0.0; ///< largest in-plane size of a face in contact (m; edge or sqrt(area))
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
  /// The exact derivative of the residual as (i, j, value) entries, not symmetric in slip; without
  /// the pressure coupling it is the assembled tangent (tests).
  void exact_jacobian(const Eigen::VectorXd& u, double time_s,
                      std::vector<std::tuple<int, int, double>>& entries, bool pressure_coupling = true) const;
  /// Moves the friction anchors to the accepted state u at time t (nothing without friction).
  void commit(const Eigen::VectorXd& u, double time_s);
  /// While on, friction sticks whatever the slip (mu = infinity): a predictor for a step that
  /// fails from a start where every point lies far outside the cone.
  void set_stick_predictor(bool on) { stick_predictor_ = on; }
  /// The contact surface.
  const std::vector<Face>& faces() const { return *faces_; }
  /// True if the penalty is `auto`: set_face_penalties() gives it, face by face.
  bool auto_penalty() const { return auto_penalty_; }
  /// The normal penalty K_f of each face (Pa/m, faces().size()); K_t follows it unless given.
  void set_face_penalties(const std::vector<double>& K);
  const std::vector<double>& face_penalties() const { return face_K_; }
  /// Nodes of the contact surface (sorted, unique): the dofs the device couples to.
  std::vector<int> surface_nodes() const;
  /// Contact pressure K <-g>_+ (Pa) at each node of the contact surface (n_nodes, zero off the
  /// surface): the quadrature-point pressures projected onto the nodes (lumped L2), so that its
  /// integral with the face shape functions is the contact force. The map written with each step.
  Eigen::VectorXd nodal_pressure(const Eigen::VectorXd& u, double time_s) const;

 private:
  /// Stick anchor of one quadrature point, body frame (friction only).
  struct Anchor {
    Vec3 y = Vec3::Zero();  ///< anchor position (m)
    Vec3 n = Vec3::UnitZ(); ///< unit normal there
  };
  /// One quadrature point of the contact surface at state u.
  struct Point {
    int index = 0;       ///< face * points per face + q: the anchor's index
    int face = 0;        ///< index into faces()
    int nodes[4] = {};
    double N[4] = {};
    int nf = 0;          ///< nodes of the face (4, or 2 on an axisymmetric edge)
    Vec3 x = Vec3::Zero();  ///< current position (m)
    double dA0 = 0.0;    ///< reference area weight (m^2)
  };
  enum class Jacobian { none, assembled, exact };
  template <class F>
  void for_each_point(const Eigen::VectorXd& u, F&& visit) const;
  double assemble(const Eigen::VectorXd& u, double time_s, Jacobian jacobian, Eigen::VectorXd& R,
                  std::vector<std::tuple<int, int, double>>* entries, ContactState& state) const;
  Vec3 device_origin(const Eigen::VectorXd& u, double time_s) const;
  SurfaceDistance world_distance(const Vec3& x, const Vec3& o) const;
  bool frictional() const { return spec_.friction > 0.0; }
  std::vector<Anchor> anchors_;
  bool stick_predictor_ = false;
  bool auto_penalty_ = false;
  bool auto_friction_penalty_ = false;  ///< K_t not given: K_t = K_f
  std::vector<double> face_size_m_;  ///< in-plane size of each face (m): its edge (axisymmetric) or sqrt(area)
  std::vector<double> face_K_;   ///< Pa/m, normal penalty per face
  std::vector<double> face_Kt_;  ///< Pa/m, tangential penalty per face

  const Mesh& mesh_;
  ContactSpec spec_;
  int device_dof_ = -1;
  const std::vector<Face>* faces_ = nullptr;
};

}  // namespace myo::sim
