// make_layered_cylinder: counts, sets, volume of revolution, edge normals, grading, spec errors.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "myo/sim/layered_cylinder.hpp"
#include "../error_of.hpp"

namespace {

using myo::sim::LayeredCylinderSpec;
using myo::sim::Mesh;

using myo::test::error_of;

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "message: '" << (text) << "'"

/// Volume of revolution of quad4 cell c: 2 pi * integral of r dA by 2x2 Gauss quadrature (m^3).
double ring_volume(const Mesh& m, int c) {
  static const double s[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
  const double g = 1.0 / std::sqrt(3.0);
  double v = 0;
  for (const auto& p : s) {
    Eigen::Matrix2d J = Eigen::Matrix2d::Zero();
    double r = 0;
    for (int a = 0; a < 4; ++a) {
      const double xi = g * p[0], eta = g * p[1];
      const Eigen::Vector2d dN(s[a][0] * (1 + s[a][1] * eta) / 4, (1 + s[a][0] * xi) * s[a][1] / 4);
      J += m.X.row(m.cells(c, a)).transpose() * dN.transpose();
      r += m.X(m.cells(c, a), 0) * (1 + s[a][0] * xi) * (1 + s[a][1] * eta) / 4;
    }
    v += 2 * std::numbers::pi * r * J.determinant();
  }
  return v;
}

LayeredCylinderSpec three_layers() {
  LayeredCylinderSpec s;
  s.radius_m = 0.040;
  s.cells_r = 9;
  s.radial_grading = 4.0;
  s.layers = {{"muscle", 0.030, 6, 0.5}, {"fat", 0.010, 3}, {"skin", 0.002, 2, 0.7}};
  return s;
}

TEST(LayeredCylinder, CountsAndSets) {
  const Mesh m = myo::sim::make_layered_cylinder(three_layers());
  const int nr = 9, nz = 11;
  EXPECT_TRUE(m.axisymmetric());
  EXPECT_EQ(m.X.cols(), 2);
  EXPECT_EQ(m.n_nodes(), (nr + 1) * (nz + 1));
  EXPECT_EQ(m.n_cells(), nr * nz);
  EXPECT_EQ(m.regions.at("muscle").size(), size_t(nr * 6));
  EXPECT_EQ(m.regions.at("fat").size(), size_t(nr * 3));
  EXPECT_EQ(m.regions.at("skin").size(), size_t(nr * 2));
  EXPECT_EQ(m.node_sets.at("all").size(), size_t(m.n_nodes()));
  const std::map<std::string, int> edges = {{"axis", nz}, {"outer", nz}, {"bottom", nr}, {"top", nr}};
  EXPECT_EQ(m.face_sets.size(), edges.size());
  for (const auto& [name, n] : edges) {
    EXPECT_EQ(m.face_sets.at(name).size(), size_t(n)) << name;
    EXPECT_EQ(m.face_set_nodes(name), m.node_sets.at(name)) << name;
  }
  for (int n : m.node_sets.at("axis")) EXPECT_EQ(m.X(n, 0), 0.0);
  for (int n : m.node_sets.at("outer")) EXPECT_EQ(m.X(n, 0), 0.040);
  for (int n : m.node_sets.at("bottom")) EXPECT_EQ(m.X(n, 1), 0.0);
  for (int n : m.node_sets.at("top")) EXPECT_EQ(m.X(n, 1), 0.042);
  EXPECT_NO_THROW(m.check());
}

TEST(LayeredCylinder, VolumeIsPiR2H) {
  const Mesh m = myo::sim::make_layered_cylinder(three_layers());
  const double pi = std::numbers::pi;
  double total = 0;
  for (int c = 0; c < m.n_cells(); ++c) total += ring_volume(m, c);
  EXPECT_NEAR(total, pi * 0.040 * 0.040 * 0.042, 1e-17);
  double fat = 0;
  for (int c : m.regions.at("fat")) fat += ring_volume(m, c);
  EXPECT_NEAR(fat, pi * 0.040 * 0.040 * 0.010, 1e-17);
}

TEST(LayeredCylinder, EdgeNormalsPointOutward) {
  const Mesh m = myo::sim::make_layered_cylinder(three_layers());
  const std::map<std::string, Eigen::Vector2d> outward = {
      {"axis", {-1, 0}}, {"outer", {1, 0}}, {"bottom", {0, -1}}, {"top", {0, 1}}};
  for (const auto& [name, expected] : outward)
    for (const auto& f : m.face_sets.at(name)) {
      const auto& q = myo::sim::quad4_edge_nodes(f.local_face);
      const Eigen::Vector2d t = m.X.row(m.cells(f.cell, q[1])) - m.X.row(m.cells(f.cell, q[0]));
      const Eigen::Vector2d n = Eigen::Vector2d(t.y(), -t.x()).normalized();  // tangent turned cw
      EXPECT_LT((n - expected).norm(), 1e-12) << name << " cell " << f.cell;
    }
}

TEST(LayeredCylinder, RadialAndLayerGrading) {
  const Mesh m = myo::sim::make_layered_cylinder(three_layers());
  const int nr = 9;
  auto r = [&](int i) { return m.X(i, 0); };
  auto z = [&](int k) { return m.X((nr + 1) * k, 1); };
  EXPECT_NEAR((r(9) - r(8)) / (r(1) - r(0)), 4.0, 1e-12);  // outer / axis cell
  for (int i = 1; i < nr; ++i)
    EXPECT_NEAR((r(i + 1) - r(i)) / (r(i) - r(i - 1)), std::pow(4.0, 1.0 / 8), 1e-12);
  EXPECT_NEAR((z(6) - z(5)) / (z(1) - z(0)), 0.5, 1e-12);    // muscle
  EXPECT_NEAR((z(9) - z(8)) / (z(7) - z(6)), 1.0, 1e-12);    // fat
  EXPECT_NEAR((z(11) - z(10)) / (z(10) - z(9)), 0.7, 1e-12);  // skin
  EXPECT_EQ(z(6), 0.030);
  EXPECT_EQ(z(9), 0.030 + 0.010);
}

TEST(LayeredCylinder, InvalidSpecErrorsNameTheField) {
  auto error = [](auto edit) {
    LayeredCylinderSpec s = three_layers();
    edit(s);
    return error_of([&] { myo::sim::make_layered_cylinder(s); });
  };
  EXPECT_CONTAINS(error([](auto& s) { s.radius_m = -1; }),
                  "mesh.radius: -1 m; expected a finite value > 0");
  EXPECT_CONTAINS(error([](auto& s) { s.cells_r = 0; }), "mesh.cells_r: 0; expected >= 1");
  EXPECT_CONTAINS(error([](auto& s) { s.radial_grading = INFINITY; }), "mesh.radial_grading: inf");
  EXPECT_CONTAINS(error([](auto& s) { s.layers[1].thickness_m = 0; }),
                  "mesh.layers[1].thickness: 0 m");
  EXPECT_CONTAINS(error([](auto& s) { s.layers[2].name = "fat"; }),
                  "mesh.layers[2].name: 'fat' is also the name of mesh.layers[1]");
}

}  // namespace
