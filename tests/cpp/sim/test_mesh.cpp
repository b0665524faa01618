// Mesh: face/edge numbering, cell_region_index, face_set_nodes and the checks of Mesh::check.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <stdexcept>
#include <string>

#include "myo/sim/mesh.hpp"
#include "../error_of.hpp"

namespace {

using myo::sim::CellType;
using myo::sim::Face;
using myo::sim::Mesh;

/// Message of the std::invalid_argument thrown by f, or "" if it throws nothing.
using myo::test::error_of;

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "message: '" << (text) << "'"

/// Two unit hex8 cells side by side in x: [0,2] x [0,1] x [0,1], one region, sets on x = 0.
Mesh two_hexes() {
  Mesh m;
  m.cell_type = CellType::hex8;
  m.X.resize(12, 3);
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 2; ++j)
      for (int i = 0; i < 3; ++i) m.X.row(i + 3 * j + 6 * k) << i, j, k;
  m.cells.resize(2, 8);
  for (int c = 0; c < 2; ++c)
    m.cells.row(c) << c, c + 1, c + 4, c + 3, c + 6, c + 7, c + 10, c + 9;
  m.regions["tissue"] = {0, 1};
  m.node_sets["x0"] = {0, 3, 6, 9};
  m.face_sets["x0"] = {{0, 5}};
  m.face_sets["top"] = {{0, 1}, {1, 1}};
  return m;
}

/// One unit square quad4 cell in (r, z) touching the axis.
Mesh one_quad() {
  Mesh m;
  m.cell_type = CellType::quad4_axisymmetric;
  m.X.resize(4, 2);
  m.X << 0, 0, 1, 0, 1, 1, 0, 1;
  m.cells.resize(1, 4);
  m.cells << 0, 1, 2, 3;
  m.regions["disc"] = {0};
  m.face_sets["outer"] = {{0, 1}};
  return m;
}

TEST(Mesh, Hex8FaceNormalsPointOutward) {
  const Mesh m = two_hexes();
  const Eigen::Vector3d expected[6] = {-Eigen::Vector3d::UnitZ(), Eigen::Vector3d::UnitZ(),
                                       -Eigen::Vector3d::UnitY(), Eigen::Vector3d::UnitX(),
                                       Eigen::Vector3d::UnitY(),  -Eigen::Vector3d::UnitX()};
  for (int f = 0; f < 6; ++f) {
    const auto& q = myo::sim::hex8_face_nodes(f);
    auto x = [&](int a) -> Eigen::Vector3d { return m.X.row(m.cells(0, q[a])).transpose(); };
    const Eigen::Vector3d n = (x(2) - x(0)).cross(x(3) - x(1)).normalized();
    EXPECT_LT((n - expected[f]).norm(), 1e-14) << "face " << f;
  }
  EXPECT_CONTAINS(error_of([] { myo::sim::hex8_face_nodes(6); }), "face 6");
}

TEST(Mesh, Quad4EdgeNormalsPointOutward) {
  const Mesh m = one_quad();
  // Edges 0..3 of the counter-clockwise cell: bottom, outer, top, axis.
  const Eigen::Vector2d expected[4] = {{0, -1}, {1, 0}, {0, 1}, {-1, 0}};
  for (int e = 0; e < 4; ++e) {
    const auto& q = myo::sim::quad4_edge_nodes(e);
    const Eigen::Vector2d t = m.X.row(q[1]) - m.X.row(q[0]);
    const Eigen::Vector2d n(t.y(), -t.x());
    EXPECT_LT((n.normalized() - expected[e]).norm(), 1e-14) << "edge " << e;
  }
  EXPECT_CONTAINS(error_of([] { myo::sim::quad4_edge_nodes(-1); }), "edge -1");
}

TEST(Mesh, ValidMeshesPassCheck) {
  EXPECT_NO_THROW(two_hexes().check());
  EXPECT_NO_THROW(one_quad().check());
}

TEST(Mesh, CellRegionIndexFollowsRegionOrder) {
  Mesh m = two_hexes();
  m.regions = {{"muscle", {0}}, {"fat", {1}}};  // std::map order: fat = 0, muscle = 1
  EXPECT_EQ(m.cell_region_index(), (std::vector<int>{1, 0}));
}

TEST(Mesh, FaceSetNodesAreSortedAndUnique) {
  const Mesh m = two_hexes();
  EXPECT_EQ(m.face_set_nodes("top"), (std::vector<int>{6, 7, 8, 9, 10, 11}));
  EXPECT_EQ(m.face_set_nodes("x0"), m.node_sets.at("x0"));
  const std::string e = error_of([&] { m.face_set_nodes("bottom"); });
  EXPECT_CONTAINS(e, "no face set 'bottom'");
  EXPECT_CONTAINS(e, "top, x0");
}

TEST(Mesh, RejectsInvertedHex) {
  Mesh m = two_hexes();
  m.cells.row(1) << 7, 8, 11, 10, 1, 2, 5, 4;  // top and bottom faces swapped
  const std::string e = error_of([&] { m.check(); });
  EXPECT_CONTAINS(e, "mesh: cell 1 is inverted (det J = -0.125 m^3 at a Gauss point)");
}

TEST(Mesh, RejectsInvertedAndNegativeRadiusQuad) {
  Mesh m = one_quad();
  m.cells << 0, 3, 2, 1;  // clockwise
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "cell 0 is inverted (det J = -0.25 m^2");
  m = one_quad();
  m.X(3, 0) = -1e-3;
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "node 3 has r = -0.001 m; expected r >= 0");
}

TEST(Mesh, RejectsBadIndices) {
  Mesh m = two_hexes();
  m.cells(0, 3) = 12;
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "cell 0 node 3 is 12; expected 0..11");
  m = two_hexes();
  m.cells(1, 5) = m.cells(1, 0);
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "cell 1 uses node 1 twice");
  m = two_hexes();
  m.node_sets["x0"].push_back(-1);
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "node set 'x0' lists node -1");
  m = two_hexes();
  m.node_sets["x0"] = {3, 0};
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "node set 'x0' is not sorted and unique");
  m = two_hexes();
  m.face_sets["top"].push_back({2, 1});
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "face set 'top' refers to cell 2");
  m = two_hexes();
  m.face_sets["top"].push_back({1, 6});
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "face set 'top' refers to local face 6 of cell 1");
  m = two_hexes();
  m.face_sets["top"].push_back({1, 1});
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "face set 'top' lists face 1 of cell 1 twice");
  m = two_hexes();
  m.regions["tissue"].push_back(5);
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "region 'tissue' lists cell 5");
}

TEST(Mesh, RejectsCellsOutsideExactlyOneRegion) {
  Mesh m = two_hexes();
  m.regions["tissue"] = {0};
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "cell 1 is in no region (regions: tissue)");
  m.regions["skin"] = {0, 1};
  EXPECT_CONTAINS(error_of([&] { m.check(); }),
                  "cell 0 is in region 'skin' and again in region 'tissue'");
}

TEST(Mesh, RejectsWrongShapesAndValues) {
  Mesh m = two_hexes();
  m.X.conservativeResize(Eigen::NoChange, 2);
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "coordinates have 2 columns; expected 3");
  m = one_quad();
  m.cells.conservativeResize(Eigen::NoChange, 3);
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "cells have 3 nodes; expected 4");
  m = two_hexes();
  m.X(4, 1) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "node 4 has coordinate 1 = nan");
  m = two_hexes();
  m.cells.resize(0, 8);
  m.regions.clear();
  m.face_sets.clear();
  EXPECT_CONTAINS(error_of([&] { m.check(); }), "no cells");
}

}  // namespace
