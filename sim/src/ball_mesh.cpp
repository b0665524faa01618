#include "myo/sim/ball_mesh.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <stdexcept>

#include "myo/sim/layered_box.hpp"  // graded_coordinates
#include "myo/sim/units.hpp"

namespace myo::sim {
namespace {

/// Grid index of a node: core grid position (g[0..D-1] in 0..2k) and shell layer (0 = core).
using NodeKey = std::array<int, 4>;

class BallBuilder {
 public:
  BallBuilder(const BallMeshSpec& spec, bool axi)
      : spec_(spec), axi_(axi), D_(axi ? 2 : 3), k_(spec.cells_per_octant),
        m_(spec.shell_cells > 0 ? spec.shell_cells : spec.cells_per_octant) {
    // c[d][i] = tan(alpha_i): angles seen from the centre, equal or graded toward the pole axis
    // across it; the ends are exactly -1, 0, 1 so that patches meeting at a cube edge compute
    // identical points.
    for (int d = 0; d < D_; ++d) {
      const bool across_axis = d < D_ - 1;
      const std::vector<double> s = centre_graded_coordinates(2.0, 2 * k_, across_axis ? spec.pole_grading : 1.0);
      c_[d].resize(2 * k_ + 1);
      for (int i = 0; i <= 2 * k_; ++i) c_[d][i] = std::tan(std::numbers::pi / 4 * (s[i] - 1.0));
      c_[d][0] = -1.0, c_[d][k_] = 0.0, c_[d][2 * k_] = 1.0;
    }
    t_ = graded_coordinates(1.0, m_, 1.0 / spec.shell_grading);
    mesh_.cell_type = axi ? CellType::quad4_axisymmetric : CellType::hex8;
    if (axi) axi_sign_ = spec.up(1) < 0 ? -1.0 : 1.0;
    if (!axi) rotation_ = Eigen::Quaterniond::FromTwoVectors(Vec3::UnitZ(), spec.up.normalized()).toRotationMatrix();
  }

  Mesh build() {
    add_core();
    add_shell();
    finish_sets();
    return std::move(mesh_);
  }

 private:
  int lo(int d) const { return axi_ && d == 0 ? k_ : 0; }  // axisymmetric: r >= 0 only

  /// Local position (ball frame, pole axis +z; axisymmetric (r, z)) of a grid node.
  Vec3 local_point(const NodeKey& key) const {
    Vec3 p = Vec3::Zero();
    for (int d = 0; d < D_; ++d) p(d) = spec_.core_fraction * spec_.radius_m * c_[d][key[d]];
    if (key[3] == 0) return p;
    return p + t_[key[3]] * (spec_.radius_m * p.normalized() - p);
  }

  int node(const NodeKey& key) {
    auto [it, inserted] = ids_.try_emplace(key, static_cast<int>(points_.size()));
    if (inserted) {
      points_.push_back(local_point(key));
      layer_.push_back(key[3]);
    }
    return it->second;
  }

  /// Global position of a local point ((r, z, 0) when axisymmetric).
  Vec3 place(const Vec3& p) const {
    if (axi_) return Vec3(p(0) + spec_.centre(0), axi_sign_ * p(1) + spec_.centre(1), 0.0);
    return rotation_ * p + spec_.centre;
  }

  void add_cell(std::vector<int> nodes) { cells_.push_back(std::move(nodes)); }

  void add_core() {
    const int n = 2 * k_;
    if (axi_) {
      for (int j = 0; j < n; ++j)
        for (int i = k_; i < n; ++i)
          add_cell({node({i, j, 0, 0}), node({i + 1, j, 0, 0}), node({i + 1, j + 1, 0, 0}), node({i, j + 1, 0, 0})});
      return;
    }
    for (int l = 0; l < n; ++l)
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
          std::vector<int> cell;
          for (int dz : {0, 1})
            for (auto [di, dj] : {std::pair{0, 0}, {1, 0}, {1, 1}, {0, 1}})
              cell.push_back(node({i + di, j + dj, l + dz, 0}));
          add_cell(cell);
        }
  }

  /// Shell cells over each boundary facet of the core grid (an edge in 2D, a quad in 3D).
  void add_shell() {
    const int n = 2 * k_;
    for (int d = 0; d < D_; ++d)
      for (int side : {0, n}) {
        if (axi_ && d == 0 && side == 0) continue;  // the axis is not a boundary of the half disc
        // The other directions span the facet.
        std::vector<int> other;
        for (int e = 0; e < D_; ++e)
          if (e != d) other.push_back(e);
        const int e0 = other[0], e1 = D_ == 3 ? other[1] : -1;
        for (int j = (e1 >= 0 ? lo(e1) : 0); j < (e1 >= 0 ? n : 1); ++j)
          for (int i = lo(e0); i < n; ++i) {
            std::vector<std::array<int, 2>> facet = {{i, j}, {i + 1, j}};
            if (e1 >= 0) facet = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
            for (int l = 0; l < m_; ++l) {
              auto key = [&](const std::array<int, 2>& f, int layer) {
                NodeKey q = {0, 0, 0, layer};
                q[d] = side, q[e0] = f[0];
                if (e1 >= 0) q[e1] = f[1];
                return node(q);
              };
              std::vector<int> cell;
              if (e1 < 0) {
                cell = {key(facet[0], l), key(facet[1], l), key(facet[1], l + 1), key(facet[0], l + 1)};
              } else {
                for (int layer : {l, l + 1})
                  for (const auto& f : facet) cell.push_back(key(f, layer));
              }
              add_cell(cell);
            }
          }
      }
  }

  /// Sign of the Jacobian at the cell centre of a cell given by its nodes' global coordinates.
  double centre_det(const std::vector<int>& cell) const {
    if (axi_) {
      // Twice the signed area from the diagonals: positive when counter-clockwise.
      const Eigen::Vector2d d1 = (mesh_.X.row(cell[2]) - mesh_.X.row(cell[0])).transpose();
      const Eigen::Vector2d d2 = (mesh_.X.row(cell[3]) - mesh_.X.row(cell[1])).transpose();
      return d1(0) * d2(1) - d1(1) * d2(0);
    }
    auto x = [&](int a) { return Vec3(mesh_.X.row(cell[a]).transpose()); };
    const Vec3 dx = (x(1) + x(2) + x(5) + x(6)) - (x(0) + x(3) + x(4) + x(7));
    const Vec3 dy = (x(2) + x(3) + x(6) + x(7)) - (x(0) + x(1) + x(4) + x(5));
    const Vec3 dz = (x(4) + x(5) + x(6) + x(7)) - (x(0) + x(1) + x(2) + x(3));
    return dx.cross(dy).dot(dz);
  }

  void finish_sets() {
    const int n_nodes = static_cast<int>(points_.size()), dim = D_;
    mesh_.X.resize(n_nodes, dim);
    for (int i = 0; i < n_nodes; ++i) mesh_.X.row(i) = place(points_[i]).head(dim).transpose();
    const int nn = axi_ ? 4 : 8;
    mesh_.cells.resize(static_cast<int>(cells_.size()), nn);
    const std::string& name = spec_.name;
    auto& region = mesh_.regions[name];
    for (size_t c = 0; c < cells_.size(); ++c) {
      std::vector<int>& cell = cells_[c];
      // Mirrored or rotated patches may come out clockwise: reverse them.
      if (centre_det(cell) < 0) {
        if (axi_)
          std::swap(cell[1], cell[3]);
        else
          std::rotate(cell.begin(), cell.begin() + 4, cell.end());
      }
      for (int a = 0; a < nn; ++a) mesh_.cells(static_cast<int>(c), a) = cell[a];
      region.push_back(static_cast<int>(c));
      add_surface_face(static_cast<int>(c));
    }
    const double tol = 1e-12 * spec_.radius_m, cos_cap = std::cos(spec_.cap_angle_deg * std::numbers::pi / 180);
    for (int i = 0; i < n_nodes; ++i) {
      const Vec3& p = points_[i];  // local frame: pole axis is the last coordinate
      const double axial = p(dim - 1), lateral = p.head(dim - 1).norm();
      mesh_.node_sets[name + "_all"].push_back(i);
      if (layer_[i] == m_ && axial >= cos_cap * spec_.radius_m) mesh_.node_sets[name + "_top"].push_back(i);
      if (std::abs(axial) <= tol) mesh_.node_sets[name + "_equator"].push_back(i);
      if (lateral <= tol) mesh_.node_sets[name + "_axis"].push_back(i);
      if (p.norm() <= tol) mesh_.node_sets[name + "_centre"].push_back(i);
    }
  }

  /// Adds the outer face of cell c (all its nodes on the sphere) to <name>_surface.
  void add_surface_face(int c) {
    const int n_faces = axi_ ? 4 : 6;
    for (int f = 0; f < n_faces; ++f) {
      bool outer = true;
      if (axi_) {
        for (int a : quad4_edge_nodes(f)) outer = outer && layer_[mesh_.cells(c, a)] == m_;
      } else {
        for (int a : hex8_face_nodes(f)) outer = outer && layer_[mesh_.cells(c, a)] == m_;
      }
      if (outer) mesh_.face_sets[spec_.name + "_surface"].push_back({c, f});
    }
  }

  const BallMeshSpec& spec_;
  bool axi_;
  int D_, k_, m_;
  std::vector<double> c_[3];  ///< per direction: tan of the grid angles
  std::vector<double> t_;     ///< shell layer positions, 0 (core) to 1 (sphere)
  Mat3 rotation_ = Mat3::Identity();
  double axi_sign_ = 1.0;  ///< -1: an axisymmetric ball with its top pole toward -z
  std::map<NodeKey, int> ids_;
  std::vector<Vec3> points_;
  std::vector<int> layer_;
  std::vector<std::vector<int>> cells_;
  Mesh mesh_;
};

void check_spec(const BallMeshSpec& s, bool axi, const std::string& path) {
  auto fail = [&](const std::string& key, const std::string& value, const std::string& expected) {
    throw std::invalid_argument(path + "." + key + ": " + value + "; expected " + expected);
  };
  if (!(s.radius_m > 0) || !std::isfinite(s.radius_m))
    fail("diameter", format_quantity(2 * s.radius_m, "m"), "a finite value > 0");
  if (s.cells_per_octant < 1) fail("cells", std::to_string(s.cells_per_octant), ">= 1");
  if (s.shell_cells < 0) fail("shell_cells", std::to_string(s.shell_cells), ">= 0");
  if (!(s.core_fraction > 0.2 && s.core_fraction < 0.7))
    fail("core_fraction", format_quantity(s.core_fraction, "-"), "a value in (0.2, 0.7)");
  if (!(s.pole_grading >= 1 && s.pole_grading <= 100)) fail("pole_grading", format_quantity(s.pole_grading, "-"), "1 to 100");
  if (!(s.shell_grading > 0.01 && s.shell_grading <= 100))
    fail("shell_grading", format_quantity(s.shell_grading, "-"), "a value in (0.01, 100]");
  if (!(s.cap_angle_deg > 0 && s.cap_angle_deg < 90)) fail("cap_angle", format_quantity(s.cap_angle_deg, "-") + " deg", "(0, 90) deg");
  if (axi && s.centre(0) != 0.0) fail("position", "r = " + format_quantity(s.centre(0), "m"), "r = 0 (on the axis) for an axisymmetric mesh");
  if (!axi && !(s.up.norm() > 0)) fail("up", "the zero vector", "a direction");
}

}  // namespace

Mesh make_ball_mesh(const BallMeshSpec& spec, bool axisymmetric, const std::string& path) {
  check_spec(spec, axisymmetric, path);
  return BallBuilder(spec, axisymmetric).build();
}

}  // namespace myo::sim
