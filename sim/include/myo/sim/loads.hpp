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
};

/// Total force (N) on a node set, shared equally between its nodes, along a fixed direction.
struct NodalForce {
  std::string set;
  Vec3 direction = Vec3::UnitZ();  ///< unit vector (normalized by the parser)
  TimeTable magnitude;             ///< N
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
};

/// Body force per unit reference volume (N/m^3), e.g. rho g, or a manufactured source b0(X, t).
struct BodyForce {
  std::string region;  ///< "" = every cell
  std::function<Vec3(const Eigen::VectorXd& X, double t_s)> b0;
};

}  // namespace myo::sim
