// Ball meshes (axisymmetric half disc, 3D cube-sphere) and mesh merging: valid cells, volume and
// surface area converging to 4/3 pi R^3 and 4 pi R^2 at second order, the node sets where they
// belong; appended meshes keep both bodies and rename clashing sets.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>
#include <numbers>

#include "../error_of.hpp"
#include "myo/sim/ball_mesh.hpp"
#include "myo/sim/element_geometry.hpp"
#include "myo/sim/layered_cylinder.hpp"
#include "myo/sim/mesh_merge.hpp"

namespace myo::sim {
namespace {

constexpr double kPi = std::numbers::pi;

double volume(const Mesh& mesh) {
  double v = 0.0;
  for (const auto& g : compute_gauss_geometry(mesh)) v += g.dV;  // exact for these cells
  return v;
}

/// Area of the faceted surface: frusta (axisymmetric) or bilinear quads (4 x 4 Gauss points).
double surface_area(const Mesh& mesh, const std::string& set) {
  double area = 0.0;
  for (const Face& f : mesh.face_sets.at(set)) {
    if (mesh.axisymmetric()) {
      const auto& e = quad4_edge_nodes(f.local_face);
      const Eigen::Vector2d a = mesh.X.row(mesh.cells(f.cell, e[0])), b = mesh.X.row(mesh.cells(f.cell, e[1]));
      area += kPi * (a(0) + b(0)) * (b - a).norm();
      continue;
    }
    const auto& n = hex8_face_nodes(f.local_face);
    Vec3 x[4];
    for (int a = 0; a < 4; ++a) x[a] = mesh.X.row(mesh.cells(f.cell, n[a]));
    const double g[4] = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526};
    const double w[4] = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538};
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) {
        const double s = g[i], t = g[j];
        const Vec3 xs = 0.25 * ((1 - t) * (x[1] - x[0]) + (1 + t) * (x[2] - x[3]));
        const Vec3 xt = 0.25 * ((1 - s) * (x[3] - x[0]) + (1 + s) * (x[2] - x[1]));
        area += xs.cross(xt).norm() * w[i] * w[j];
      }
  }
  return area;
}

Mesh ball(bool axi, int k, double R = 0.03) {
  BallMeshSpec spec;
  spec.radius_m = R;
  spec.cells_per_octant = k;
  spec.centre = axi ? Vec3(0, 0.05, 0) : Vec3(0.01, 0.02, 0.05);
  return make_ball_mesh(spec, axi);
}

void check_convergence(bool axi) {
  const double R = 0.03, V = 4.0 / 3.0 * kPi * R * R * R, A = 4 * kPi * R * R;
  double e_v_prev = 0, e_a_prev = 0;
  for (int k : {2, 4, 8}) {
    const Mesh mesh = ball(axi, k, R);
    ASSERT_NO_THROW(mesh.check());
    const double e_v = std::abs(volume(mesh) / V - 1), e_a = std::abs(surface_area(mesh, "ball_surface") / A - 1);
    std::printf("%s ball, %d cells/octant, %d cells: volume error %.3e, surface area error %.3e\n", axi ? "axisymmetric" : "3D",
                k, mesh.n_cells(), e_v, e_a);
    if (k > 2) {
      EXPECT_NEAR(std::log2(e_v_prev / e_v), 2.0, 0.15) << "volume convergence order, k = " << k;
      EXPECT_NEAR(std::log2(e_a_prev / e_a), 2.0, 0.15) << "area convergence order, k = " << k;
    }
    e_v_prev = e_v, e_a_prev = e_a;
  }
  EXPECT_LT(e_v_prev, 5e-3);
}

TEST(BallMesh, AxisymmetricVolumeAndAreaConvergeAtSecondOrder) { check_convergence(true); }
TEST(BallMesh, CubeSphereVolumeAndAreaConvergeAtSecondOrder) { check_convergence(false); }

void check_sets(bool axi) {
  const Mesh mesh = ball(axi, 3);
  const int dim = mesh.dim();
  const Eigen::VectorXd c = axi ? Eigen::VectorXd(Eigen::Vector2d(0, 0.05)) : Eigen::VectorXd(Eigen::Vector3d(0.01, 0.02, 0.05));
  const double R = 0.03, tol = 1e-12;
  for (int n : mesh.node_sets.at("ball_top")) {
    EXPECT_NEAR((mesh.X.row(n).transpose() - c).norm(), R, tol);
    EXPECT_GE(mesh.X(n, dim - 1) - c(dim - 1), std::cos(kPi / 6) * R - tol);
  }
  for (int n : mesh.node_sets.at("ball_equator")) EXPECT_NEAR(mesh.X(n, dim - 1), c(dim - 1), tol);
  for (int n : mesh.node_sets.at("ball_axis")) EXPECT_NEAR((mesh.X.row(n).head(dim - 1).transpose() - c.head(dim - 1)).norm(), 0, tol);
  ASSERT_EQ(mesh.node_sets.at("ball_centre").size(), 1u);
  EXPECT_NEAR((mesh.X.row(mesh.node_sets.at("ball_centre")[0]).transpose() - c).norm(), 0, tol);
  // Equator: 2 x 4k + 1 points across the diameter (axisymmetric: half of it); the axis: the same.
  const size_t across = axi ? 4 * 3 + 1 : 0;
  if (axi) {
    EXPECT_EQ(mesh.node_sets.at("ball_equator").size(), (across + 1) / 2);
    EXPECT_EQ(mesh.node_sets.at("ball_axis").size(), across);
  }
  EXPECT_FALSE(mesh.node_sets.at("ball_top").empty());
  for (const Face& f : mesh.face_sets.at("ball_surface")) {
    // Outward: the face centre moved along its normal leaves the ball.
    Eigen::VectorXd centre = Eigen::VectorXd::Zero(dim), normal;
    if (axi) {
      const auto& e = quad4_edge_nodes(f.local_face);
      const Eigen::Vector2d a = mesh.X.row(mesh.cells(f.cell, e[0])), b = mesh.X.row(mesh.cells(f.cell, e[1]));
      centre = 0.5 * (a + b);
      normal = Eigen::Vector2d(b(1) - a(1), -(b(0) - a(0)));
    } else {
      const auto& n = hex8_face_nodes(f.local_face);
      Vec3 x[4];
      for (int a = 0; a < 4; ++a) x[a] = mesh.X.row(mesh.cells(f.cell, n[a])), centre += 0.25 * x[a];
      normal = (x[1] - x[0]).cross(x[3] - x[0]);
    }
    EXPECT_GT(normal.dot(centre - c), 0.0) << "face " << f.local_face << " of cell " << f.cell;
  }
}

TEST(BallMesh, AxisymmetricSetsAndOutwardSurface) { check_sets(true); }
TEST(BallMesh, CubeSphereSetsAndOutwardSurface) { check_sets(false); }

TEST(BallMesh, TiltedAndMirroredBallsStayValid) {
  BallMeshSpec spec;
  spec.radius_m = 0.02;
  spec.cells_per_octant = 2;
  spec.up = Vec3(1, 1, -0.5).normalized();
  Mesh m3 = make_ball_mesh(spec, false);
  EXPECT_NO_THROW(m3.check());
  for (int n : m3.node_sets.at("ball_top")) EXPECT_GT(m3.X.row(n).dot(spec.up.transpose()), 0.8 * 0.02);
  spec.up = -Vec3::UnitY();
  spec.centre = Vec3(0, 0.1, 0);
  Mesh m2 = make_ball_mesh(spec, true);
  EXPECT_NO_THROW(m2.check());
  for (int n : m2.node_sets.at("ball_top")) EXPECT_LT(m2.X(n, 1), 0.1 - 0.8 * 0.02);
}

TEST(BallMesh, BadSpecsNameTheKey) {
  BallMeshSpec spec;
  spec.radius_m = -0.01;
  EXPECT_NE(test::error_of([&] { make_ball_mesh(spec, true, "contact[0].device"); }).find("contact[0].device.diameter: -"),
            std::string::npos);
  spec.radius_m = 0.01;
  spec.centre = Vec3(0.005, 0, 0);
  EXPECT_NE(test::error_of([&] { make_ball_mesh(spec, true); }).find("device.position"), std::string::npos);
  spec.centre.setZero();
  spec.cells_per_octant = 0;
  EXPECT_NE(test::error_of([&] { make_ball_mesh(spec, false); }).find("device.cells: 0"), std::string::npos);
}

TEST(MeshMerge, AppendsDisjointBodiesAndRenamesClashes) {
  Mesh tissue = make_layered_cylinder({0.05, 4, 1.0, {{"ball", 0.02, 2, 1.0}}});  // region clashes on purpose
  const int n0 = tissue.n_nodes(), c0 = tissue.n_cells();
  BallMeshSpec spec;
  spec.radius_m = 0.01;
  spec.cells_per_octant = 2;
  spec.centre = Vec3(0, 0.03, 0);
  const Mesh b = make_ball_mesh(spec, true);
  const auto renames = append_mesh(tissue, b);
  EXPECT_NO_THROW(tissue.check());
  EXPECT_EQ(tissue.n_nodes(), n0 + b.n_nodes());
  EXPECT_EQ(tissue.n_cells(), c0 + b.n_cells());
  ASSERT_EQ(renames.size(), 1u);
  EXPECT_EQ(renames.at("regions.ball"), "ball_2");
  EXPECT_EQ(tissue.regions.at("ball_2").front(), c0);
  EXPECT_EQ(tissue.node_sets.at("ball_centre").front(), n0 + b.node_sets.at("ball_centre").front());
  EXPECT_NEAR(volume(tissue), volume(b) + kPi * 0.05 * 0.05 * 0.02, 1e-12);
  Mesh hex = make_ball_mesh(spec, false);
  EXPECT_NE(test::error_of([&] { append_mesh(tissue, hex); }).find("different cell types"), std::string::npos);
}

}  // namespace
}  // namespace myo::sim
