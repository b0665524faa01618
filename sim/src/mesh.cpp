#include "myo/sim/mesh.hpp"

#include <Eigen/Dense>
#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace myo::sim {
namespace {

// Node signs in natural coordinates: VTK / C3D8 hex8 order, counter-clockwise quad4.
constexpr double kHexSign[8][3] = {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1},
                                   {-1, -1, 1},  {1, -1, 1},  {1, 1, 1},  {-1, 1, 1}};
constexpr double kQuadSign[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};

std::string fmt(double v) {
  std::ostringstream s;
  s.precision(4);
  s << v;
  return s.str();
}

std::string set_names(const auto& sets) {
  std::string out;
  for (const auto& [name, items] : sets) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none" : out;
}

/// Smallest det(dX/dxi) over the 2x2x2 Gauss points of hex8 cell c (m^3).
double min_det_hex8(const RowMatrixXd& X, const RowMatrixXi& cells, int c) {
  const double g = 1.0 / std::sqrt(3.0);
  double d_min = std::numeric_limits<double>::infinity();
  for (const auto& p : kHexSign) {
    const double xi[3] = {g * p[0], g * p[1], g * p[2]};
    Eigen::Matrix3d J = Eigen::Matrix3d::Zero();  // J(i, k) = dX_i / dxi_k
    for (int a = 0; a < 8; ++a) {
      const auto& s = kHexSign[a];
      const double f[3] = {1 + s[0] * xi[0], 1 + s[1] * xi[1], 1 + s[2] * xi[2]};
      const Eigen::Vector3d dN(s[0] * f[1] * f[2] / 8, f[0] * s[1] * f[2] / 8, f[0] * f[1] * s[2] / 8);
      J += X.row(cells(c, a)).transpose() * dN.transpose();
    }
    d_min = std::min(d_min, J.determinant());
  }
  return d_min;
}

/// Smallest det(d(r,z)/dxi) over the 2x2 Gauss points of quad4 cell c (m^2). The 2 pi r factor of
/// the axisymmetric volume element is left out: it is >= 0 and would hide inversion on the axis.
double min_det_quad4(const RowMatrixXd& X, const RowMatrixXi& cells, int c) {
  const double g = 1.0 / std::sqrt(3.0);
  double d_min = std::numeric_limits<double>::infinity();
  for (const auto& p : kQuadSign) {
    const double xi[2] = {g * p[0], g * p[1]};
    Eigen::Matrix2d J = Eigen::Matrix2d::Zero();
    for (int a = 0; a < 4; ++a) {
      const auto& s = kQuadSign[a];
      const Eigen::Vector2d dN(s[0] * (1 + s[1] * xi[1]) / 4, (1 + s[0] * xi[0]) * s[1] / 4);
      J += X.row(cells(c, a)).transpose() * dN.transpose();
    }
    d_min = std::min(d_min, J.determinant());
  }
  return d_min;
}

}  // namespace

FaceGeometry reference_face_geometry(const Mesh& mesh, const Face& f) {
  FaceGeometry g;
  if (mesh.axisymmetric()) {
    const auto& e = quad4_edge_nodes(f.local_face);
    const Eigen::Vector2d a = mesh.X.row(mesh.cells(f.cell, e[0])), b = mesh.X.row(mesh.cells(f.cell, e[1]));
    const Eigen::Vector2d t = b - a;
    g.size_m = t.norm();
    g.area_m2 = 2.0 * std::numbers::pi * 0.5 * (a(0) + b(0)) * g.size_m;
    g.normal = Eigen::Vector3d(t(1), -t(0), 0.0) / g.size_m;
    return g;
  }
  const auto& q = hex8_face_nodes(f.local_face);
  auto x = [&](int k) { return Eigen::Vector3d(mesh.X.row(mesh.cells(f.cell, q[k])).transpose()); };
  const Eigen::Vector3d area = 0.5 * (x(2) - x(0)).cross(x(3) - x(1));  // exact for a planar quad
  g.area_m2 = area.norm();
  g.normal = area / g.area_m2;
  g.size_m = std::sqrt(g.area_m2);
  return g;
}

const std::array<int, 4>& hex8_face_nodes(int f) {
  // Counter-clockwise seen from outside, so (n1 - n0) x (n3 - n0) points outward.
  static const std::array<std::array<int, 4>, 6> faces = {{{0, 3, 2, 1},
                                                            {4, 5, 6, 7},
                                                            {0, 1, 5, 4},
                                                            {1, 2, 6, 5},
                                                            {2, 3, 7, 6},
                                                            {3, 0, 4, 7}}};
  if (f < 0 || f > 5)
    throw std::invalid_argument("hex8_face_nodes: face " + std::to_string(f) + "; expected 0..5");
  return faces[f];
}

const std::array<int, 2>& quad4_edge_nodes(int e) {
  // Following the counter-clockwise node order, so the outward normal is the tangent turned
  // clockwise: n = (dz, -dr).
  static const std::array<std::array<int, 2>, 4> edges = {{{0, 1}, {1, 2}, {2, 3}, {3, 0}}};
  if (e < 0 || e > 3)
    throw std::invalid_argument("quad4_edge_nodes: edge " + std::to_string(e) + "; expected 0..3");
  return edges[e];
}

std::vector<int> Mesh::cell_region_index() const {
  std::vector<int> index(n_cells(), -1);
  std::vector<std::string> names;
  int r = 0;
  for (const auto& [name, cell_list] : regions) {
    names.push_back(name);
    for (int c : cell_list) {
      if (c < 0 || c >= n_cells())
        throw std::invalid_argument("mesh: region '" + name + "' lists cell " + std::to_string(c) +
                                    "; expected 0.." + std::to_string(n_cells() - 1));
      if (index[c] >= 0)
        throw std::invalid_argument("mesh: cell " + std::to_string(c) + " is in region '" +
                                    names[index[c]] + "' and again in region '" + name + "'");
      index[c] = r;
    }
    ++r;
  }
  for (int c = 0; c < n_cells(); ++c)
    if (index[c] < 0)
      throw std::invalid_argument("mesh: cell " + std::to_string(c) +
                                  " is in no region (regions: " + set_names(regions) + ")");
  return index;
}

std::vector<int> Mesh::face_set_nodes(const std::string& name) const {
  const auto it = face_sets.find(name);
  if (it == face_sets.end())
    throw std::invalid_argument("mesh: no face set '" + name + "' (face sets: " +
                                set_names(face_sets) + ")");
  std::vector<int> nodes;
  for (const Face& f : it->second) {
    if (f.cell < 0 || f.cell >= n_cells())
      throw std::invalid_argument("mesh: face set '" + name + "' refers to cell " +
                                  std::to_string(f.cell) + "; expected 0.." +
                                  std::to_string(n_cells() - 1));
    if (cell_type == CellType::hex8) {
      for (int a : hex8_face_nodes(f.local_face)) nodes.push_back(cells(f.cell, a));
    } else {
      for (int a : quad4_edge_nodes(f.local_face)) nodes.push_back(cells(f.cell, a));
    }
  }
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  return nodes;
}

void Mesh::check() const {
  using std::to_string;
  auto fail = [](const std::string& what) { throw std::invalid_argument("mesh: " + what); };

  // Sizes.
  if (X.cols() != dim())
    fail("coordinates have " + to_string(X.cols()) + " columns; expected " + to_string(dim()) +
         (axisymmetric() ? " (r, z) for quad4_axisymmetric" : " (x, y, z) for hex8"));
  if (cells.cols() != nodes_per_cell())
    fail("cells have " + to_string(cells.cols()) + " nodes; expected " + to_string(nodes_per_cell()));
  if (n_cells() == 0) fail("no cells");
  for (int i = 0; i < n_nodes(); ++i)
    for (int k = 0; k < dim(); ++k)
      if (!std::isfinite(X(i, k)))
        fail("node " + to_string(i) + " has coordinate " + to_string(k) + " = " + fmt(X(i, k)));

  // Connectivity: in range, and no node twice in one cell (a collapsed cell can still have a
  // positive Jacobian at every Gauss point, so the determinant test alone would not catch it).
  for (int c = 0; c < n_cells(); ++c)
    for (int a = 0; a < nodes_per_cell(); ++a) {
      const int n = cells(c, a);
      if (n < 0 || n >= n_nodes())
        fail("cell " + to_string(c) + " node " + to_string(a) + " is " + to_string(n) +
             "; expected 0.." + to_string(n_nodes() - 1));
      for (int b = 0; b < a; ++b)
        if (cells(c, b) == n)
          fail("cell " + to_string(c) + " uses node " + to_string(n) + " twice (local " +
               to_string(b) + " and " + to_string(a) + ")");
    }

  // Sets.
  for (const auto& [name, nodes] : node_sets)
    for (std::size_t q = 0; q < nodes.size(); ++q) {
      if (nodes[q] < 0 || nodes[q] >= n_nodes())
        fail("node set '" + name + "' lists node " + to_string(nodes[q]) + "; expected 0.." +
             to_string(n_nodes() - 1));
      if (q > 0 && nodes[q] <= nodes[q - 1])
        fail("node set '" + name + "' is not sorted and unique (node " + to_string(nodes[q]) +
             " after " + to_string(nodes[q - 1]) + ")");
    }
  const int n_local = axisymmetric() ? 4 : 6;
  for (const auto& [name, faces] : face_sets) {
    std::set<std::pair<int, int>> seen;
    for (const Face& f : faces) {
      if (f.cell < 0 || f.cell >= n_cells())
        fail("face set '" + name + "' refers to cell " + to_string(f.cell) + "; expected 0.." +
             to_string(n_cells() - 1));
      if (f.local_face < 0 || f.local_face >= n_local)
        fail("face set '" + name + "' refers to local face " + to_string(f.local_face) +
             " of cell " + to_string(f.cell) + "; expected 0.." + to_string(n_local - 1));
      // A face listed twice would carry its surface load twice.
      if (!seen.insert({f.cell, f.local_face}).second)
        fail("face set '" + name + "' lists face " + to_string(f.local_face) + " of cell " +
             to_string(f.cell) + " twice");
    }
  }
  (void)cell_region_index();  // throws unless every cell is in exactly one region

  // Geometry.
  if (axisymmetric())
    for (int i = 0; i < n_nodes(); ++i)
      if (X(i, 0) < 0)
        fail("node " + to_string(i) + " has r = " + fmt(X(i, 0)) + " m; expected r >= 0");
  for (int c = 0; c < n_cells(); ++c) {
    const double d = axisymmetric() ? min_det_quad4(X, cells, c) : min_det_hex8(X, cells, c);
    if (!(d > 0))
      fail("cell " + to_string(c) + " is inverted (det J = " + fmt(d) +
           (axisymmetric() ? " m^2" : " m^3") + " at a Gauss point)");
  }
}

}  // namespace myo::sim
