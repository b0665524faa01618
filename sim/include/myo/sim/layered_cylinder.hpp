#pragma once
// Structured axisymmetric quad4 mesh of a layered cylinder: the (r, z) half-section
// [0, R] x [0, H] of a disc of tissue layers, H = sum of the layer thicknesses, layers listed
// from the bottom (z = 0) up; the z axis is the axis of revolution.
//
// Node numbering: id = i + (nr + 1) k, i = 0..nr along r, k along z; cell c = i + nr k with nodes
// (i,k) (i+1,k) (i+1,k+1) (i,k+1), counter-clockwise in the (r, z) plane, so that local edges
// (quad4_edge_nodes) are 0: bottom (z-), 1: outer (r+), 2: top (z+), 3: inner (r-).
#include <string>
#include <vector>

#include "myo/sim/layered_box.hpp"  // LayerSpec
#include "myo/sim/mesh.hpp"

namespace myo::sim {

struct LayeredCylinderSpec {
  double radius_m = 0;  ///< outer radius R (m), > 0
  int cells_r = 0;      ///< cells along r, >= 1
  /// Size of the outermost cell / size of the cell at the axis (geometric progression), > 0.
  /// 1 = uniform; > 1 refines toward the axis (under a centred indenter).
  double radial_grading = 1.0;
  std::vector<LayerSpec> layers;  ///< listed from the bottom (z = 0) up
};

/// The layered cylinder (CellType::quad4_axisymmetric, X is n_nodes x 2 holding (r, z) in m). Sets:
///  - node sets and face sets (Face{cell, local edge}) "axis" (r = 0), "outer" (r = R),
///    "bottom" (z = 0), "top" (z = H); node set "all". The "axis" faces have zero area; they are
///    listed so that every boundary edge belongs to a set.
///  - regions: one per layer, named after it.
/// Throws std::invalid_argument naming `path`.field and the value for an invalid spec, e.g.
/// "mesh.radius: -1 m; expected a finite value > 0".
Mesh make_layered_cylinder(const LayeredCylinderSpec& spec, const std::string& path = "mesh");

}  // namespace myo::sim
