#pragma once
// Unstructured mesh with named node sets, face sets and regions.
//
// Two cell types share one container:
//  - hex8 in 3D: coordinates (x, y, z) in m; node order as VTK_HEXAHEDRON / CalculiX C3D8
//    (bottom face counter-clockwise seen from +z, then the top face in the same order);
//  - quad4 axisymmetric: coordinates (r, z) in m, r >= 0, the z axis is the axis of revolution;
//    nodes counter-clockwise in the (r, z) plane.
#include <Eigen/Core>
#include <array>
#include <map>
#include <string>
#include <vector>

namespace myo::sim {

enum class CellType { hex8, quad4_axisymmetric };

/// One face of one cell: for hex8 a quadrilateral, for quad4 an edge (a ring in 3D).
struct Face {
  int cell = 0;        ///< cell index
  int local_face = 0;  ///< 0..5 for hex8 (see hex8_face_nodes), 0..3 for quad4 (see quad4_edge_nodes)
};

using RowMatrixXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMatrixXi = Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Mesh {
  CellType cell_type = CellType::hex8;
  RowMatrixXd X;      ///< n_nodes x dim reference coordinates (m); dim = 3 (hex8) or 2 (axisymmetric)
  RowMatrixXi cells;  ///< n_cells x nodes_per_cell node indices
  std::map<std::string, std::vector<int>> node_sets;   ///< name -> node indices (sorted, unique)
  std::map<std::string, std::vector<Face>> face_sets;  ///< name -> faces
  std::map<std::string, std::vector<int>> regions;     ///< name -> cell indices; regions carry materials

  int dim() const { return cell_type == CellType::hex8 ? 3 : 2; }
  int nodes_per_cell() const { return cell_type == CellType::hex8 ? 8 : 4; }
  int n_nodes() const { return static_cast<int>(X.rows()); }
  int n_cells() const { return static_cast<int>(cells.rows()); }
  bool axisymmetric() const { return cell_type == CellType::quad4_axisymmetric; }

  /// Region index of every cell (n_cells), in the order of `regions`; throws if a cell has none
  /// or two regions.
  std::vector<int> cell_region_index() const;
  /// Nodes of a face set (sorted, unique).
  std::vector<int> face_set_nodes(const std::string& name) const;
  /// Throws std::invalid_argument naming the problem if sizes, indices or sets are inconsistent,
  /// or if a cell is inverted (reference Jacobian <= 0 at a quadrature point).
  void check() const;
};

/// Local node numbers of face f (0..5) of a hex8, ordered so that the normal points outward:
/// 0: z- , 1: z+ , 2: y- , 3: x+ , 4: y+ , 5: x-.
const std::array<int, 4>& hex8_face_nodes(int f);
/// Local node numbers of edge e (0..3) of a quad4: 0: (0,1), 1: (1,2), 2: (2,3), 3: (3,0).
const std::array<int, 2>& quad4_edge_nodes(int e);

/// Reference geometry of a boundary face: area (m^2; an axisymmetric edge: the area of the ring
/// it sweeps), unit normal (3; z = 0 on an axisymmetric edge; its sign is not checked) and
/// in-plane size (m: the edge's length, or sqrt(area) of a hex8 face).
struct FaceGeometry {
  double area_m2 = 0.0;
  Eigen::Vector3d normal = Eigen::Vector3d::UnitZ();
  double size_m = 0.0;
};
FaceGeometry reference_face_geometry(const Mesh& mesh, const Face& face);

}  // namespace myo::sim
