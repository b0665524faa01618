#pragma once
// Structured hex8 mesh of a layered box (skin, fat, muscle, ... stacked in z), with grading
// toward the indented surface and toward the centre under an indenter.
//
// Geometry: [0, size_x] x [0, size_y] x [0, H], H = sum of the layer thicknesses, layers listed
// from the bottom (z = 0) up. Node numbering (also of a graded or multi-layer box):
//     id = i + (nx + 1) j + (nx + 1)(ny + 1) k,   i = 0..nx along x, j along y, k along z,
// cell c = i + nx j + nx ny k with nodes (i,j,k) (i+1,j,k) (i+1,j+1,k) (i,j+1,k), then the same
// at k+1 (VTK / C3D8 order). For one uniform layer this is node-for-node the peers' mesh
// (shared/reference/peers/common.py, structured_hex_mesh), so results compare without mapping.
#include <string>
#include <vector>

#include "myo/sim/mesh.hpp"

namespace myo::sim {

/// One layer of a layered mesh (shared by make_layered_box and make_layered_cylinder). Sizes and
/// counts default to 0 (unset), which the generators reject, rather than to garbage.
struct LayerSpec {
  std::string name;     ///< region name, unique within the mesh ("skin", "fat", "muscle")
  double thickness_m = 0;  ///< layer thickness (m), > 0
  int cells = 0;           ///< cells across the thickness, >= 1
  /// Size of the top cell / size of the bottom cell of the layer (geometric progression), > 0.
  /// 1 = uniform; < 1 refines toward the top of the layer (the indented surface).
  double grading = 1.0;
};

struct LayeredBoxSpec {
  double size_x_m = 0;  ///< full box size in x (m), > 0
  double size_y_m = 0;  ///< full box size in y (m), > 0
  /// Cells along x and y: across the whole box, or, if quarter, across the modelled quarter.
  int cells_x = 0, cells_y = 0;
  std::vector<LayerSpec> layers;  ///< listed from the bottom (z = 0) up
  /// Size of the cells at the sides / size of the cell(s) at the centre, in x and y, symmetric
  /// about the centre (geometric progression), > 0. 1 = uniform; > 1 refines toward the centre
  /// (under an indenter).
  double lateral_grading = 1.0;
  /// Model only the quarter x >= size_x/2, y >= size_y/2 (two symmetry planes). The coordinates
  /// stay those of the full box; "x0" and "y0" are then the symmetry planes x = size_x/2 and
  /// y = size_y/2. A quarter with cells_x = m has the same nodes as that quarter of the full box
  /// with cells_x = 2 m and the same lateral_grading.
  bool quarter = false;
};

/// The layered box. Sets:
///  - node sets and face sets "bottom" (z = 0), "top" (z = H), "x0" (x = x_min), "x1"
///    (x = size_x), "y0" (y = y_min), "y1" (y = size_y); node set "all";
///  - regions: one per layer, named after it (the cells of that layer).
/// Throws std::invalid_argument naming `path`.field and the value for an invalid spec, e.g.
/// "mesh.layers[1].thickness: 0 m; expected > 0".
Mesh make_layered_box(const LayeredBoxSpec& spec, const std::string& path = "mesh");

// ---- building blocks, shared with make_layered_cylinder -------------------------------------

/// cells + 1 increasing coordinates from 0 to length_m (m; both ends exact) whose cell sizes grow
/// geometrically with last size / first size = grading (1 = uniform). Requires cells >= 1,
/// length_m > 0, grading > 0 (not checked: callers validate with their own key paths).
std::vector<double> graded_coordinates(double length_m, int cells, double grading);

/// cells + 1 increasing coordinates from 0 to length_m (m), symmetric about length_m / 2, with
/// cell sizes growing geometrically from the centre: size of the end cells / size of the centre
/// cell(s) = grading. For an even count the centre is a node, for an odd count a cell centre.
std::vector<double> centre_graded_coordinates(double length_m, int cells, double grading);

/// cells + 1 increasing coordinates from 0 to length_m (m) with a node at focus_m (0 < focus_m <
/// length_m) and cell sizes growing geometrically away from it on both sides: size of an end cell /
/// size of the cell beside the focus = grading. The cells are shared between the two sides in
/// proportion to their lengths (at least one each), so the two cells at the focus are about equal.
/// With fine_half_width_m > 0 each side starts with a plateau (see plateau_graded_coordinates).
/// Requires cells >= 2 (not checked, as above).
std::vector<double> focus_graded_coordinates(double length_m, int cells, double focus_m, double grading,
                                             double fine_half_width_m = 0.0);

/// cells + 1 increasing coordinates from 0 to length_m (m): uniform cells over [0, plateau_m]
/// (the finest size s), then cells growing geometrically to the end, their ratio q chosen to
/// fill the rest exactly and the plateau's cell count chosen so that the end cell / s = q^m
/// comes nearest `grading` (which is then met approximately, not exactly). plateau_m <= 0:
/// graded_coordinates; plateau_m >= length_m, or no count leaves q >= 1: uniform.
std::vector<double> plateau_graded_coordinates(double length_m, int cells, double plateau_m, double grading);

/// Layers stacked bottom up: node z coordinates and the layer of each row of cells.
struct LayerStack {
  std::vector<double> z;         ///< sum(cells) + 1 node coordinates (m), from 0 to the total thickness
  std::vector<int> layer_of_row; ///< sum(cells): index into the layers of each row of cells
};

/// The cells of a structured hex8 grid of nx x ny x nz cells (node i + (nx+1) j + (nx+1)(ny+1) k;
/// cell i + nx j + nx ny k with nodes (i,j,k) (i+1,j,k) (i+1,j+1,k) (i,j+1,k), then the same at
/// k+1): fills mesh.cells.
void add_structured_cells(Mesh& mesh, int nx, int ny, int nz);

/// Node and face sets of a structured hex8 grid of nx x ny x nz cells numbered as the layered box
/// (node i + (nx+1) j + (nx+1)(ny+1) k, cell i + nx j + nx ny k): "all", and node and face sets
/// "bottom" (k = 0), "top" (k = nz), "x0", "x1", "y0", "y1".
void add_structured_sets(Mesh& mesh, int nx, int ny, int nz);

/// Validates the layers (errors name path.layers[i].field and the value) and stacks them.
LayerStack stack_layers(const std::vector<LayerSpec>& layers, const std::string& path = "mesh");

}  // namespace myo::sim
