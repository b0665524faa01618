#pragma once
// Mapped meshes of a solid ball, for a deformable device pressed on the tissue.
//
//  - Axisymmetric (quad4, (r, z)): the half disc r >= 0 of radius R. A central half square
//    [0, a] x [-a, a] (a = core_fraction R) and three mapped patches (top, outer, bottom) between
//    the square's boundary and the arc; no cell touches the axis with a collapsed edge.
//  - 3D (hex8): the cube-sphere, a central cube [-a, a]^3 and six mapped shell patches.
// Both use the equiangular mapping: grid line i of the core lies at a tan(alpha_i), alpha_i equally
// spaced in [-pi/4, pi/4], and the point of the core boundary at direction (tan alpha, tan beta, 1)
// is blended linearly with the point R (tan alpha, tan beta, 1)/|.| of the sphere, so that every
// surface cell spans the same angle (pi / (4 cells_per_octant)) along a great circle, unless
// pole_grading concentrates the angles toward the pole axis.
// The ball's pole axis is +z (axisymmetric: the axis of revolution) before the rotation that
// carries +z onto `up`.
#include <string>

#include "myo/sim/material.hpp"
#include "myo/sim/mesh.hpp"

namespace myo::sim {

struct BallMeshSpec {
  double radius_m = 0.0;         ///< R (m), > 0
  int cells_per_octant = 4;      ///< cells along 45 degrees of a great circle, >= 1
  int shell_cells = 0;           ///< cells across the shell between core and surface; 0 = cells_per_octant
  double core_fraction = 0.5;    ///< a / R, in (0.2, 0.7): half-size of the core square/cube
  double cap_angle_deg = 30.0;   ///< polar angle (degrees) of the top cap node set, in (0, 90)
  /// Angular size of the core grid's cells at 45 degrees from the pole axis / at the axis, in the
  /// directions across the axis (geometric progression of the angles), >= 1: > 1 refines both
  /// poles (the contact of a small indentation) at the expense of the equator.
  double pole_grading = 1.0;
  /// Thickness of the innermost shell layer / the outermost, > 0: > 1 refines toward the surface.
  double shell_grading = 1.0;
  Vec3 centre = Vec3::Zero();    ///< centre (m); (r, z, -) with r = 0 when axisymmetric
  Vec3 up = Vec3::UnitZ();       ///< unit direction of the top pole; axisymmetric: only the sign of up(1) counts
  std::string name = "ball";     ///< region name and prefix of the sets
};

/// The ball mesh. Sets (prefix = spec.name):
///  - region <name>;
///  - face set <name>_surface: every face on the sphere (outward normals);
///  - node sets <name>_top (surface nodes within cap_angle of the top pole), <name>_equator
///    (nodes in the plane through the centre normal to the pole axis), <name>_axis (nodes on the
///    pole axis: r = 0 when axisymmetric), <name>_centre (the centre node), <name>_all.
/// axisymmetric selects CellType::quad4_axisymmetric. Throws std::invalid_argument naming
/// `path`.field for an invalid spec, e.g. "device.diameter: -1 m; expected a finite value > 0".
Mesh make_ball_mesh(const BallMeshSpec& spec, bool axisymmetric, const std::string& path = "device");

}  // namespace myo::sim
