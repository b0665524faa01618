// make_layered_box: counts, sets, volume, grading, the peers' numbering, spec errors.
#include <gtest/gtest.h>

#include <algorithm>

#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>
#include <string>

#include "myo/sim/layered_box.hpp"
#include "../error_of.hpp"

namespace {

using myo::sim::LayeredBoxSpec;
using myo::sim::LayerSpec;
using myo::sim::Mesh;

using myo::test::error_of;

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "message: '" << (text) << "'"

/// Volume of hex8 cell c by 2x2x2 Gauss quadrature of det(dX/dxi) (m^3).
double hex8_volume(const Mesh& m, int c) {
  static const double s[8][3] = {{-1, -1, -1}, {1, -1, -1}, {1, 1, -1}, {-1, 1, -1},
                                 {-1, -1, 1},  {1, -1, 1},  {1, 1, 1},  {-1, 1, 1}};
  const double g = 1.0 / std::sqrt(3.0);
  double v = 0;
  for (const auto& p : s) {
    Eigen::Matrix3d J = Eigen::Matrix3d::Zero();
    for (int a = 0; a < 8; ++a) {
      const double f[3] = {1 + s[a][0] * g * p[0], 1 + s[a][1] * g * p[1], 1 + s[a][2] * g * p[2]};
      const Eigen::Vector3d dN(s[a][0] * f[1] * f[2], f[0] * s[a][1] * f[2], f[0] * f[1] * s[a][2]);
      J += m.X.row(m.cells(c, a)).transpose() * dN.transpose() / 8;
    }
    v += J.determinant();  // unit weights
  }
  return v;
}

/// Skin / fat / muscle on a 60 mm x 50 mm footprint, graded toward the top and the centre.
LayeredBoxSpec three_layers() {
  LayeredBoxSpec s;
  s.size_x_m = 0.060;
  s.size_y_m = 0.050;
  s.cells_x = 7;
  s.cells_y = 6;
  s.layers = {{"muscle", 0.030, 6, 0.5}, {"fat", 0.010, 3, 0.8}, {"skin", 0.002, 2}};
  s.lateral_grading = 3.0;
  return s;
}

TEST(LayeredBox, CountsAndSets) {
  const Mesh m = myo::sim::make_layered_box(three_layers());
  const int nx = 7, ny = 6, nz = 11;
  EXPECT_EQ(m.cell_type, myo::sim::CellType::hex8);
  EXPECT_EQ(m.n_nodes(), (nx + 1) * (ny + 1) * (nz + 1));
  EXPECT_EQ(m.n_cells(), nx * ny * nz);
  EXPECT_EQ(m.regions.size(), 3u);
  EXPECT_EQ(m.regions.at("muscle").size(), size_t(nx * ny * 6));
  EXPECT_EQ(m.regions.at("fat").size(), size_t(nx * ny * 3));
  EXPECT_EQ(m.regions.at("skin").size(), size_t(nx * ny * 2));
  EXPECT_EQ(m.node_sets.at("all").size(), size_t(m.n_nodes()));
  const std::map<std::string, int> face_count = {{"bottom", nx * ny}, {"top", nx * ny},
                                                 {"x0", ny * nz},     {"x1", ny * nz},
                                                 {"y0", nx * nz},     {"y1", nx * nz}};
  EXPECT_EQ(m.face_sets.size(), face_count.size());
  for (const auto& [name, n] : face_count) {
    EXPECT_EQ(m.face_sets.at(name).size(), size_t(n)) << name;
    // Each node set is exactly the nodes of the face set of the same name.
    EXPECT_EQ(m.face_set_nodes(name), m.node_sets.at(name)) << name;
  }
  EXPECT_EQ(m.node_sets.at("top").size(), size_t((nx + 1) * (ny + 1)));
  for (int n : m.node_sets.at("top")) EXPECT_EQ(m.X(n, 2), 0.042);
  for (int n : m.node_sets.at("x1")) EXPECT_EQ(m.X(n, 0), 0.060);
  EXPECT_NO_THROW(m.check());
}

TEST(LayeredBox, VolumeOfBoxAndOfEachLayer) {
  const Mesh m = myo::sim::make_layered_box(three_layers());
  double total = 0;
  for (int c = 0; c < m.n_cells(); ++c) total += hex8_volume(m, c);
  EXPECT_NEAR(total, 0.060 * 0.050 * 0.042, 1e-15);
  for (const auto& layer : three_layers().layers) {
    double v = 0;
    for (int c : m.regions.at(layer.name)) v += hex8_volume(m, c);
    EXPECT_NEAR(v, 0.060 * 0.050 * layer.thickness_m, 1e-15) << layer.name;
  }
}

TEST(LayeredBox, FaceSetNormalsPointOutward) {
  const Mesh m = myo::sim::make_layered_box(three_layers());
  const std::map<std::string, Eigen::Vector3d> outward = {
      {"bottom", -Eigen::Vector3d::UnitZ()}, {"top", Eigen::Vector3d::UnitZ()},
      {"x0", -Eigen::Vector3d::UnitX()},     {"x1", Eigen::Vector3d::UnitX()},
      {"y0", -Eigen::Vector3d::UnitY()},     {"y1", Eigen::Vector3d::UnitY()}};
  for (const auto& [name, expected] : outward)
    for (const auto& f : m.face_sets.at(name)) {
      const auto& q = myo::sim::hex8_face_nodes(f.local_face);
      auto x = [&](int a) -> Eigen::Vector3d { return m.X.row(m.cells(f.cell, q[a])).transpose(); };
      const Eigen::Vector3d n = (x(2) - x(0)).cross(x(3) - x(1)).normalized();
      EXPECT_LT((n - expected).norm(), 1e-12) << name << " cell " << f.cell;
    }
}

TEST(LayeredBox, NodeForNodeIdenticalToPeersMesh) {
  // shared/reference/peers/common.py structured_hex_mesh(n) in mm: [0,40]x[0,40]x[0,20],
  // n x n x n/2 cells, id = i + (n+1) j + (n+1)^2 k; reproduced here for n = 4.
  const int n = 4, nz = n / 2;
  auto nid = [&](int i, int j, int k) { return i + (n + 1) * j + (n + 1) * (n + 1) * k; };
  LayeredBoxSpec s;
  s.size_x_m = s.size_y_m = 0.040;
  s.cells_x = s.cells_y = n;
  s.layers = {{"block", 0.020, nz}};
  const Mesh m = myo::sim::make_layered_box(s);
  ASSERT_EQ(m.n_nodes(), (n + 1) * (n + 1) * (nz + 1));
  ASSERT_EQ(m.n_cells(), n * n * nz);
  for (int k = 0; k <= nz; ++k)
    for (int j = 0; j <= n; ++j)
      for (int i = 0; i <= n; ++i) {
        const Eigen::Vector3d peer(40.0 * i / n, 40.0 * j / n, 20.0 * k / nz);
        EXPECT_LT((1e3 * m.X.row(nid(i, j, k)).transpose() - peer).norm(), 1e-12);
      }
  int c = 0;
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < n; ++i, ++c) {
        const std::vector<int> peer = {nid(i, j, k),         nid(i + 1, j, k),
                                       nid(i + 1, j + 1, k), nid(i, j + 1, k),
                                       nid(i, j, k + 1),     nid(i + 1, j, k + 1),
                                       nid(i + 1, j + 1, k + 1), nid(i, j + 1, k + 1)};
        for (int a = 0; a < 8; ++a) EXPECT_EQ(m.cells(c, a), peer[a]) << "cell " << c;
      }
}

TEST(LayeredBox, GradingRatiosAndExactInterfaces) {
  const LayeredBoxSpec s = three_layers();
  const Mesh m = myo::sim::make_layered_box(s);
  const int nx = s.cells_x, ny = s.cells_y;
  auto x = [&](int i) { return m.X(i, 0); };
  auto y = [&](int j) { return m.X((nx + 1) * j, 1); };
  auto z = [&](int k) { return m.X((nx + 1) * (ny + 1) * k, 2); };
  // Layers: top cell / bottom cell = grading; geometric in between; interfaces exact.
  int k0 = 0;
  double base = 0;
  for (const LayerSpec& l : s.layers) {
    EXPECT_EQ(z(k0), base) << l.name;
    const double first = z(k0 + 1) - z(k0), last = z(k0 + l.cells) - z(k0 + l.cells - 1);
    EXPECT_NEAR(last / first, l.grading, 1e-12) << l.name;
    for (int k = k0 + 1; k + 1 < k0 + l.cells; ++k)
      EXPECT_NEAR((z(k + 1) - z(k)) / (z(k) - z(k - 1)), std::pow(l.grading, 1.0 / (l.cells - 1)),
                  1e-12);
    k0 += l.cells;
    base += l.thickness_m;
  }
  EXPECT_EQ(z(k0), base);
  // Odd count in x: edge cell / centre cell = 3, mirror-symmetric.
  EXPECT_NEAR((x(1) - x(0)) / (x(4) - x(3)), 3.0, 1e-12);
  for (int i = 0; i <= nx; ++i) EXPECT_NEAR(x(i) + x(nx - i), s.size_x_m, 1e-16);
  // Even count in y: centre node at size_y/2, edge cell / centre cells = 3.
  EXPECT_EQ(y(ny / 2), 0.5 * s.size_y_m);
  EXPECT_NEAR((y(1) - y(0)) / (y(3) - y(2)), 3.0, 1e-12);
  EXPECT_NEAR((y(4) - y(3)) / (y(3) - y(2)), 1.0, 1e-12);
  EXPECT_NEAR((y(5) - y(4)) / (y(4) - y(3)), std::sqrt(3.0), 1e-12);
  for (int j = 0; j <= ny; ++j) EXPECT_NEAR(y(j) + y(ny - j), s.size_y_m, 1e-16);
}

TEST(LayeredBox, UniformWhenGradingIsOne) {
  const auto x = myo::sim::graded_coordinates(2.0, 5, 1.0);
  const auto c = myo::sim::centre_graded_coordinates(2.0, 5, 1.0);
  for (int i = 0; i <= 5; ++i) {
    EXPECT_NEAR(x[i], 0.4 * i, 1e-15);
    EXPECT_NEAR(c[i], 0.4 * i, 1e-15);
  }
  EXPECT_EQ(myo::sim::centre_graded_coordinates(2.0, 1, 5.0), (std::vector<double>{0.0, 2.0}));
  EXPECT_EQ(myo::sim::centre_graded_coordinates(2.0, 2, 5.0), (std::vector<double>{0.0, 1.0, 2.0}));
}

TEST(LayeredBox, FocusGradedCoordinatesGrowAwayFromTheFocus) {
  // 0.12 m, 30 cells, focus at 0.055 m, edge cells 6x the cells at the focus.
  const auto x = myo::sim::focus_graded_coordinates(0.12, 30, 0.055, 6.0);
  ASSERT_EQ(x.size(), 31u);
  EXPECT_EQ(x.front(), 0.0);
  EXPECT_EQ(x.back(), 0.12);
  const int f = static_cast<int>(std::find(x.begin(), x.end(), 0.055) - x.begin());
  ASSERT_EQ(f, 14);  // round(30 x 0.055 / 0.12) cells below the focus, which is a node
  for (int i = 1; i < 31; ++i) EXPECT_GT(x[i], x[i - 1]);
  EXPECT_NEAR((x[1] - x[0]) / (x[f] - x[f - 1]), 6.0, 1e-9);
  EXPECT_NEAR((x[30] - x[29]) / (x[f + 1] - x[f]), 6.0, 1e-9);
  // The two cells at the focus are about equal (the cells are shared by length).
  EXPECT_NEAR((x[f + 1] - x[f]) / (x[f] - x[f - 1]), 1.0, 0.1);
  // A focus near an end keeps at least one cell on that side.
  const auto edge = myo::sim::focus_graded_coordinates(1.0, 4, 0.01, 2.0);
  EXPECT_EQ(edge[1], 0.01);
}

TEST(LayeredBox, PlateauGradedCoordinatesAreUniformOverThePlateau) {
  // 0.065 m, 20 cells, the first 0.02 m uniform, the cells beyond growing toward 8x the finest.
  const auto x = myo::sim::plateau_graded_coordinates(0.065, 20, 0.02, 8.0);
  ASSERT_EQ(x.size(), 21u);
  EXPECT_EQ(x.front(), 0.0);
  EXPECT_EQ(x.back(), 0.065);
  const int np = static_cast<int>(std::find(x.begin(), x.end(), 0.02) - x.begin());
  ASSERT_GT(np, 0);
  ASSERT_LT(np, 20);
  const double s = 0.02 / np;
  for (int i = 1; i <= np; ++i) EXPECT_NEAR(x[i] - x[i - 1], s, 1e-15);
  // Beyond it one ratio q, starting at s q (no jump), ending near the requested 8x.
  const double q = (x[np + 1] - x[np]) / s;
  EXPECT_GE(q, 1.0);
  for (int i = np + 2; i <= 20; ++i) EXPECT_NEAR((x[i] - x[i - 1]) / (x[i - 1] - x[i - 2]), q, 1e-9);
  const double end_ratio = (x[20] - x[19]) / s;
  EXPECT_GT(end_ratio, 8.0 / q);  // the nearest count: within one factor q of the request
  EXPECT_LT(end_ratio, 8.0 * q);
  // No plateau: graded_coordinates; a plateau over everything: uniform.
  EXPECT_EQ(myo::sim::plateau_graded_coordinates(0.065, 20, 0.0, 8.0), myo::sim::graded_coordinates(0.065, 20, 8.0));
  const auto all = myo::sim::plateau_graded_coordinates(0.065, 5, 0.1, 8.0);
  for (int i = 0; i <= 5; ++i) EXPECT_NEAR(all[i], 0.013 * i, 1e-15);
  // Focus grading with a plateau on both sides: the cells within 15 mm of the focus all equal.
  const auto f = myo::sim::focus_graded_coordinates(0.12, 40, 0.055, 8.0, 0.015);
  std::vector<double> fine;
  for (int i = 1; i <= 40; ++i)
    if (f[i - 1] >= 0.055 - 0.015 - 1e-12 && f[i] <= 0.055 + 0.015 + 1e-12) fine.push_back(f[i] - f[i - 1]);
  ASSERT_GE(fine.size(), 10u);
  for (double h : fine) EXPECT_NEAR(h, fine.front(), 0.2 * fine.front());  // the two sides' counts round apart
}

TEST(LayeredBox, QuarterIsAQuarterOfTheFullBox) {
  LayeredBoxSpec full = three_layers();
  full.cells_x = 8;
  full.cells_y = 6;
  LayeredBoxSpec quarter = full;
  quarter.quarter = true;
  quarter.cells_x = 4;
  quarter.cells_y = 3;
  const Mesh f = myo::sim::make_layered_box(full);
  const Mesh q = myo::sim::make_layered_box(quarter);
  EXPECT_NO_THROW(q.check());
  EXPECT_EQ(q.n_cells(), f.n_cells() / 4);
  const int nzn = 12;  // node layers
  for (int k = 0; k < nzn; ++k)
    for (int j = 0; j <= 3; ++j)
      for (int i = 0; i <= 4; ++i) {
        const int nq = i + 5 * j + 5 * 4 * k;
        const int nf = (i + 4) + 9 * (j + 3) + 9 * 7 * k;
        EXPECT_EQ(q.X.row(nq), f.X.row(nf)) << "quarter node " << nq;
      }
  for (int n : q.node_sets.at("x0")) EXPECT_EQ(q.X(n, 0), 0.030);  // symmetry plane x = cx
  for (int n : q.node_sets.at("y0")) EXPECT_EQ(q.X(n, 1), 0.025);  // symmetry plane y = cy
  double v = 0;
  for (int c = 0; c < q.n_cells(); ++c) v += hex8_volume(q, c);
  EXPECT_NEAR(v, 0.030 * 0.025 * 0.042, 1e-15);
}

TEST(LayeredBox, InvalidSpecErrorsNameTheField) {
  auto error = [](auto edit) {
    LayeredBoxSpec s = three_layers();
    edit(s);
    return error_of([&] { myo::sim::make_layered_box(s); });
  };
  EXPECT_CONTAINS(error([](auto& s) { s.layers[1].thickness_m = 0; }),
                  "mesh.layers[1].thickness: 0 m; expected a finite value > 0");
  EXPECT_CONTAINS(error([](auto& s) { s.layers[0].cells = 0; }), "mesh.layers[0].cells: 0; expected >= 1");
  EXPECT_CONTAINS(error([](auto& s) { s.layers[2].grading = -1; }), "mesh.layers[2].grading: -1");
  EXPECT_CONTAINS(error([](auto& s) { s.layers[2].name = "muscle"; }),
                  "mesh.layers[2].name: 'muscle' is also the name of mesh.layers[0]");
  EXPECT_CONTAINS(error([](auto& s) { s.layers[1].name = ""; }), "mesh.layers[1].name: empty");
  EXPECT_CONTAINS(error([](auto& s) { s.layers.clear(); }), "mesh.layers: empty");
  EXPECT_CONTAINS(error([](auto& s) { s.size_x_m = std::nan(""); }), "mesh.size_x: nan m");
  EXPECT_CONTAINS(error([](auto& s) { s.size_y_m = -0.01; }), "mesh.size_y: -0.01 m");
  EXPECT_CONTAINS(error([](auto& s) { s.cells_y = 0; }), "mesh.cells_y: 0; expected >= 1");
  EXPECT_CONTAINS(error([](auto& s) { s.lateral_grading = 0; }), "mesh.lateral_grading: 0;");
  EXPECT_CONTAINS(error([](auto& s) { s.cells_x = s.cells_y = 100000; }), "too many for int");
  // The caller's key path is used in place of "mesh".
  EXPECT_CONTAINS(error_of([] {
                    LayeredBoxSpec s = three_layers();
                    s.cells_x = -2;
                    myo::sim::make_layered_box(s, "anatomy.mesh");
                  }),
                  "anatomy.mesh.cells_x: -2");
}

}  // namespace
