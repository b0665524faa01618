#pragma once
// The discrete boundary-value problem: assembler + boundary conditions + loads.
// Residual R(u, t) = f_int(u) - f_ext(u, t) (N, n_dofs) and its tangent dR/du over the free
// equations. Prescribed dofs are eliminated: they carry their value, their residual entries are
// the reaction forces.
#include <Eigen/Core>
#include <memory>
#include <optional>
#include <vector>

#include "myo/sim/assembler.hpp"
#include "myo/sim/auto_penalty.hpp"
#include "myo/sim/loads.hpp"
#include "myo/sim/phase_times.hpp"
#include "myo/sim/penalty_contact.hpp"
#include "myo/sim/surface_pair_contact.hpp"
#include "myo/sim/viscous_stabilization.hpp"

namespace myo::sim {

struct ModelLoads {
  std::vector<DirichletBC> dirichlet;
  std::vector<NodalForce> nodal_forces;
  std::vector<SurfaceLoad> surface_loads;
  std::vector<BodyForce> body_forces;
  std::vector<ContactSpec> contacts;
  std::vector<PairContactSpec> pair_contacts;  ///< between two deformable bodies of the mesh
  std::vector<TiedForce> tied_forces;           ///< force-driven rigid handles (a ball's equator)
};

class Model {
 public:
  /// Throws std::invalid_argument naming a set that the mesh lacks or a component out of range.
  Model(const Mesh& mesh, std::vector<RegionMaterial> materials, Formulation formulation,
        ModelLoads loads);

  const Mesh& mesh() const { return mesh_; }
  Assembler& assembler() { return assembler_; }
  const Assembler& assembler() const { return assembler_; }
  /// The mesh dofs, then one travel dof (m) per contact (prescribed under depth control).
  int n_dofs() const { return assembler_.n_dofs() + static_cast<int>(contacts_.size()); }
  int n_equations() const { return assembler_.n_equations(); }
  const std::vector<int>& equations() const { return assembler_.equations(); }
  const ModelLoads& loads() const { return loads_; }

  /// Set the prescribed dofs of u (n_dofs, m) to their values at time t (a depth-controlled
  /// device's travel included).
  void apply_dirichlet(double time_s, Eigen::VectorXd& u) const;
  /// The loading at time t as one vector: every prescribed dof's value (n_dofs, m; 0 on free
  /// dofs), then the force of each force-controlled device and tied handle (N) and the magnitude
  /// of each nodal force (N) and surface load (Pa). Its change over a step says whether the loading moves on
  /// as it did (the Stepper's extrapolation) or stops or turns.
  Eigen::VectorXd loading(double time_s) const;
  /// Predictor for force-controlled devices: with the tissue held at u, move each such device's
  /// travel so that the contact force equals the applied force at time t (a 1-D monotone root).
  /// A device out of contact has no stiffness of its own, so Newton needs this start.
  void seat_devices(double time_s, Eigen::VectorXd& u);
  /// The first dof of each tied handle (its equation carries the handle's force).
  const std::vector<int>& tied_dofs() const { return tied_first_dof_; }
  /// Residual R (n_dofs, N) at u; with want_K the tangent over the equations in tangent().
  /// The external-load stiffness of follower pressure is symmetrized (Cholesky needs symmetry).
  /// Returns false if a cell is inverted.
  bool evaluate(const Eigen::VectorXd& u, double time_s, double dt_s, bool want_K,
                Eigen::VectorXd& R, double& energy);
  SymmetricCsc& tangent() { return assembler_.tangent(); }
  /// An accepted step: the contacts' friction anchors move to u. Called after the step's output:
  /// the committed anchors turn each point's traction into its current tangent plane, so the
  /// state re-read after commit would differ from the one Newton solved on a curved device.
  /// Contacts with `penalty: auto` take their face penalties from the tissue's state at u first.
  /// The viscous stabilization, if on, moves its reference state to u.
  void commit_contacts(const Eigen::VectorXd& u, double time_s);
  /// The auto penalties of every contact from the committed tissue state at u (auto_penalty.hpp);
  /// true if one changed.
  bool update_penalties(const Eigen::VectorXd& u, double time_s);
  /// True if a contact has Coulomb friction.
  bool has_friction() const;
  /// While on, every frictional contact point sticks (PenaltyContact::set_stick_predictor).
  void set_stick_predictor(bool on);
  /// R restricted to the equations (n_equations).
  Eigen::VectorXd free_part(const Eigen::VectorXd& R) const;
  /// Scatter an equation-space increment (n_equations) into a dof vector (n_dofs).
  void add_free(const Eigen::VectorXd& du_eq, double scale, Eigen::VectorXd& u) const;
  /// Contact results of the last evaluate(), one per ModelLoads::contacts entry.
  const std::vector<ContactState>& contact_states() const { return contact_states_; }
  const std::vector<PenaltyContact>& contacts() const { return contacts_; }
  /// Results of the last evaluate(), one per ModelLoads::pair_contacts entry.
  const std::vector<ContactState>& pair_contact_states() const { return pair_contact_states_; }
  /// |f_ext| (N) at the last evaluate(), for residual scaling.
  double external_force_norm() const { return f_ext_norm_; }
  /// Artificial viscous damping of the tissue (viscous_stabilization.hpp): dissipated energy
  /// fraction s (-, 0 = off) and the nominal step (s), on the nodes' lumped volumes. Committed
  /// with the contacts.
  void set_stabilization(double fraction, double dt_nominal_s);
  const ViscousStabilization& stabilization() const { return stabilization_; }
  /// Strain energy (J) of the tissue at the last evaluate().
  double strain_energy_J() const { return strain_energy_J_; }
  /// Wall seconds spent in contact terms (rigid devices and body pairs) by evaluate() so far.
  double contact_seconds() const { return contact_s_; }

 private:
  void add_nodal_and_body_forces(double time_s, Eigen::VectorXd& f_ext) const;
  void add_surface_loads(const Eigen::VectorXd& u, double time_s, bool want_K, Eigen::VectorXd& f_ext);
  void add_load_stiffness(const std::vector<int>& dofs, const Eigen::MatrixXd& K_ext);
  void add_contact(const Eigen::VectorXd& u, double time_s, bool want_K, Eigen::VectorXd& R, double& energy);
  /// Builds pair_contacts_ and returns the node pairs they couple (model_pair_contacts.cpp).
  std::vector<std::pair<int, int>> make_pair_contacts();
  void add_pair_contacts(const Eigen::VectorXd& u, bool want_K, Eigen::VectorXd& R, double& energy);

  const Mesh& mesh_;
  Assembler assembler_;
  ModelLoads loads_;
  std::vector<std::vector<int>> dirichlet_nodes_;
  double f_ext_norm_ = 0.0;
  double strain_energy_J_ = 0.0;
  ViscousStabilization stabilization_{0.0, 1.0};
  double contact_s_ = 0.0;
  std::vector<PenaltyContact> contacts_;
  std::vector<std::optional<AutoPenalty>> auto_penalties_;  ///< one per contact; set where penalty: auto
  std::vector<int> tied_first_dof_;
  void tie_handles(std::vector<int>& eq);
  void seat_tied(double time_s, Eigen::VectorXd& u);
  std::vector<ContactState> contact_states_;
  std::vector<std::tuple<int, int, double>> contact_entries_;
  std::vector<SurfacePairContact> pair_contacts_;
  std::vector<ContactState> pair_contact_states_;
};

}  // namespace myo::sim
