#pragma once
// Boundary conditions and loads on named sets, each scaled by a TimeTable.
#include <functional>
#include <string>
#include <vector>

#include "myo/sim/material.hpp"
#include "myo/sim/mesh.hpp"
#include "myo/sim/time_table.hpp"

namespace myo::sim {

/// Prescribed displacement u_component(node, t) = value(t) (m) on a node set.
/// `field`, when set, replaces the table: u = field(X, t) with X the reference position (m),
/// used by manufactured-solution tests and by imposed displacement fields.
struct DirichletBC {
  std::string set;               ///< node set name
  int component = 0;             ///< 0 = x (r), 1 = y (z), 2 = z
  TimeTable value;               ///< m
  std::function<double(const Eigen::VectorXd& X, double t_s)> field;
  std::string key_path;          ///< where the scenario gave it ("boundary[1]"), for messages
};

/// Total force (N) on a node set, shared equally between its nodes, along a fixed direction.
struct NodalForce {
  std::string set;
  Vec3 direction = Vec3::UnitZ();  ///< unit vector (normalized by the parser)
  TimeTable magnitude;             ///< N
  std::string key_path;            ///< "loads[0]", for messages
};

/// Distributed load on a face set.
struct SurfaceLoad {
  enum class Kind {
    traction,  ///< dead load per unit reference area along `direction` (Pa)
    pressure,  ///< follower pressure normal to the deformed face, positive pushes inward (Pa)
  };
  std::string set;
  Kind kind = Kind::pressure;
  Vec3 direction = Vec3::UnitZ();
  TimeTable magnitude;  ///< Pa
  std::string key_path; ///< "loads[0]", for messages
};

/// A rigid handle driven by force: one displacement component of every node of `set` is tied to
/// a single unknown (the nodes move together, as if held by a rigid plate), and that unknown
/// carries the total force `force` (N, along +component). Before each step the body `seat_set`
/// (e.g. a whole ball) is moved rigidly along the component until contact `pair_contact`
/// pushes back with the force: a body out of contact has no stiffness along its travel.
struct TiedForce {
  std::string set;          ///< handle node set
  int component = 0;        ///< 0 = x (r), 1 = y (z), 2 = z
  TimeTable force;          ///< N, along +component
  std::string seat_set;     ///< nodes moved rigidly by the seating search ("" = none)
  int pair_contact = -1;    ///< index into ModelLoads::pair_contacts whose force balances it
  double sign = 1.0;        ///< +1 if the contact's reported force pushes along -component
};

/// Body force per unit reference volume (N/m^3), e.g. rho g, or a manufactured source b0(X, t).
struct BodyForce {
  std::string region;  ///< "" = every cell
  std::function<Vec3(const Eigen::VectorXd& X, double t_s)> b0;
};

}  // namespace myo::sim
