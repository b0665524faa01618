#pragma once
// What reaches a target at depth (a muscle layer under a device): the compressive stress and
// strain in its cells and the force that enters them through their boundary with other regions.
//
// The force is read off the internal forces of the target cells alone, f_T = sum_{c in T} f_int^c:
// at equilibrium, at a node the target shares with another region, f_T is the force that region
// applies to the target there (no external load acts inside the tissue). Its component along the
// device's direction of travel, summed over those nodes, is the force that reaches the target;
// divided by the device force it is the fraction that reaches it.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "myo/sim/assembler.hpp"
#include "myo/sim/mesh.hpp"

namespace myo::sim {

struct TargetSpec {
  std::string region;     ///< mesh region, e.g. "muscle"; empty: no target
  double radius_m = 0.0;  ///< > 0: only cells whose reference centroid lies within this distance of the device axis
};

/// Compression counts positive: the compressive stress of a cell is max(0, -sigma_min), with
/// sigma_min the least principal value of its cell-averaged Cauchy stress.
struct TargetState {
  double mean_compressive_stress_Pa = 0.0;  ///< reference-volume average over the target
  double peak_compressive_stress_Pa = 0.0;  ///< largest over its cells
  double mean_axial_stress_Pa = 0.0;        ///< volume average of -d.sigma d (compression along the travel)
  double peak_compressive_strain = 0.0;     ///< largest 1 - lambda_min over its cells (-)
  double force_N = 0.0;                     ///< force entering the target along the travel direction
};

class TargetRegion {
 public:
  /// axis_point, direction (unit): the device axis (the touch point and the direction of travel).
  /// Throws std::invalid_argument naming output.target.region if the region is missing or the
  /// radius selects no cell.
  TargetRegion(const Mesh& mesh, TargetSpec spec, const Vec3& axis_point, const Vec3& direction);
  const std::vector<int>& cells() const { return cells_; }
  /// Nodes where the target meets other regions (where the entering force is summed).
  const std::vector<int>& interface_nodes() const { return interface_nodes_; }
  /// fields: the cell fields at u (from Assembler::cell_fields).
  TargetState evaluate(const Assembler& assembler, const CellFields& fields, const Eigen::VectorXd& u,
                       double time_s) const;

 private:
  const Mesh& mesh_;
  TargetSpec spec_;
  Vec3 direction_;
  std::vector<int> cells_;
  std::vector<int> interface_nodes_;
};

}  // namespace myo::sim
