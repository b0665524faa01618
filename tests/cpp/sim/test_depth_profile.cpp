// The depth profile reads the cell that holds each sample; a sample on a face shared by two cells
// (or an edge or node shared by more) reads their mean, so that a rotated or rescaled copy of the
// same problem gives the same profile to round-off (issue 14: before, 3 of 25 samples of a rotated
// run changed by up to 43 %).
#include "myo/sim/depth_profile.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>

namespace myo::sim {
namespace {

/// 2 x 2 x 4 unit cubes (m), x, y in [-1, 1], z in [0, 4]: the axis x = y = 0 runs along the
/// edge that four cells share, and samples at whole depths lie on their shared faces.
Mesh column() {
  Mesh m;
  m.cell_type = CellType::hex8;
  const int nx = 2, ny = 2, nz = 4;
  auto node = [&](int i, int j, int k) { return (k * (ny + 1) + j) * (nx + 1) + i; };
  m.X.resize((nx + 1) * (ny + 1) * (nz + 1), 3);
  for (int k = 0; k <= nz; ++k)
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i <= nx; ++i) m.X.row(node(i, j, k)) << i - 1.0, j - 1.0, k;
  m.cells.resize(nx * ny * nz, 8);
  int c = 0;
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i, ++c)
        m.cells.row(c) << node(i, j, k), node(i + 1, j, k), node(i + 1, j + 1, k), node(i, j + 1, k),
            node(i, j, k + 1), node(i + 1, j, k + 1), node(i + 1, j + 1, k + 1), node(i, j + 1, k + 1);
  return m;
}

/// A different stress in every cell: sigma_c = -(1 + c) (e_z e_z) - 0.1 c I (Pa), turned by Q.
CellFields stresses(int n_cells, const Mat3& Q) {
  CellFields f;
  f.cauchy_stress.setZero(n_cells, 9);
  for (int c = 0; c < n_cells; ++c) {
    Mat3 s = -0.1 * c * Mat3::Identity();
    s(2, 2) -= 1.0 + c;
    const Mat3 t = Q * s * Q.transpose();
    for (int k = 0; k < 9; ++k) f.cauchy_stress(c, k) = t(k / 3, k % 3);
  }
  return f;
}

TEST(DepthProfile, SamplesOnSharedFacesReadTheMeanOfTheirCellsInAnyFrame) {
  const Mesh mesh = column();
  const Vec3 top(0.0, 0.0, 4.0), down(0.0, 0.0, -1.0);
  const DepthProfile profile(mesh, top, down, 9);  // depths 0, 0.5, ..., 4: every other on a face
  const Eigen::VectorXd axial = profile.axial_compression(stresses(mesh.n_cells(), Mat3::Identity()));
  // Depth 0.5 lies inside the top layer (cells 12..15, shared edge): the mean of its four cells.
  EXPECT_NEAR(axial(1), 1.0 + 13.5 + 0.1 * 13.5, 1e-12);
  // Depth 1 lies on the face between layers 3 and 2: the mean of eight cells (8..15).
  EXPECT_NEAR(axial(2), 1.0 + 11.5 + 0.1 * 11.5, 1e-12);

  // The same problem turned about (1, 2, 3), scaled by 1e-3 (mm) and moved.
  const Mat3 Q = Eigen::AngleAxisd(0.7, Vec3(1, 2, 3).normalized()).toRotationMatrix();
  const double scale = 1e-3;
  const Vec3 shift(0.3, -0.2, 0.1);
  Mesh turned = mesh;
  for (int n = 0; n < mesh.n_nodes(); ++n)
    turned.X.row(n) = (scale * Q * mesh.X.row(n).transpose() + shift).transpose();
  const DepthProfile turned_profile(turned, scale * Q * top + shift, Q * down, 9);
  const Eigen::VectorXd turned_axial = turned_profile.axial_compression(stresses(mesh.n_cells(), Q));
  for (int k = 0; k < axial.size(); ++k) {
    EXPECT_NEAR(turned_profile.depths()(k), scale * profile.depths()(k), 1e-15) << k;
    EXPECT_NEAR(turned_axial(k), axial(k), 1e-12 * std::abs(axial(k))) << "sample " << k;
  }
}

}  // namespace
}  // namespace myo::sim
