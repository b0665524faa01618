// Cells turned inside out at a corner: none in a mesh at rest, translated, rotated or uniformly
// squashed to a tenth; one when a corner node is pushed through the opposite face (a bow-tie whose
// Gauss-point Jacobians can stay positive), in 3D and in 2D.
#include "myo/sim/tangled_cells.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "myo/sim/layered_box.hpp"

namespace myo::sim {
namespace {

constexpr double L = 0.01;  // m

TEST(TangledCells, NoneUnderRigidMotionsAndUniformSquashing) {
  const Mesh mesh = make_layered_box({L, L, 2, 2, {{"tissue", L, 2, 1.0}}});
  const Eigen::Matrix3d Q = Eigen::AngleAxisd(2.0, Eigen::Vector3d(1, 2, 3).normalized()).toRotationMatrix();
  Eigen::VectorXd u = Eigen::VectorXd::Zero(3 * mesh.n_nodes()), rotated = u, squashed = u;
  for (int n = 0; n < mesh.n_nodes(); ++n) {
    const Eigen::Vector3d X = mesh.X.row(n).transpose();
    rotated.segment<3>(3 * n) = Q * X - X + Eigen::Vector3d(0.3, -1.0, 2.0);
    squashed(3 * n + 2) = -0.9 * X(2);
  }
  EXPECT_EQ(count_tangled_cells(mesh, u), 0);
  EXPECT_EQ(count_tangled_cells(mesh, rotated), 0);
  EXPECT_EQ(count_tangled_cells(mesh, squashed), 0);
}

TEST(TangledCells, ACornerThroughTheOppositeFace) {
  const Mesh mesh = make_layered_box({L, L, 1, 1, {{"tissue", L, 1, 1.0}}});
  ASSERT_EQ(mesh.n_cells(), 1);
  Eigen::VectorXd u = Eigen::VectorXd::Zero(3 * mesh.n_nodes());
  const int top = mesh.cells(0, 6);  // the (+, +, +) corner
  u(3 * top + 2) = -1.2 * L;         // pushed 2 mm below the bottom face
  EXPECT_EQ(count_tangled_cells(mesh, u), 1);
  u(3 * top + 2) = -0.5 * L;  // half way down: still a valid (if distorted) cell
  EXPECT_EQ(count_tangled_cells(mesh, u), 0);
}

TEST(TangledCells, AQuadCornerThroughTheOppositeEdge) {
  Mesh mesh;
  mesh.cell_type = CellType::quad4_axisymmetric;
  mesh.X.resize(4, 2);
  mesh.X << 0.01, 0.0, 0.02, 0.0, 0.02, 0.01, 0.01, 0.01;
  mesh.cells.resize(1, 4);
  mesh.cells << 0, 1, 2, 3;
  Eigen::VectorXd u = Eigen::VectorXd::Zero(8);
  EXPECT_EQ(count_tangled_cells(mesh, u), 0);
  u(2 * 2 + 1) = -0.015;  // node 2 below the bottom edge
  EXPECT_EQ(count_tangled_cells(mesh, u), 1);
}

}  // namespace
}  // namespace myo::sim
