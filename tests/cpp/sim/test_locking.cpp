// Volumetric locking at Poisson's ratio 0.4999: a thick-walled cylinder (Lame problem) under a
// small internal follower pressure in plane strain, inner radius a = 10 mm, outer b = 20 mm,
// height 5 mm. The inner-surface radial displacement must match Lame's solution
//     u_r(r) = p a^2 (1 + nu) / (E (b^2 - a^2)) [(1 - 2 nu) r + b^2 / r],  E = 2 mu (1 + nu),
// with the Q1/P0 formulation (and its error must fall under refinement), while the plain
// displacement formulation on the same mesh locks (error > 30 %), so that the test cannot pass by
// accident. Axisymmetric quad4 and a 3D hex8 quarter annulus.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "myo/models/neo_hookean.hpp"
#include "myo/sim/layered_cylinder.hpp"
#include "myo/sim/loads.hpp"
#include "myo/sim/material.hpp"
#include "myo/sim/mesh.hpp"
#include "myo/sim/model.hpp"
#include "myo/sim/newton_solver.hpp"
#include "myo/sim/stepper.hpp"

namespace {

using myo::sim::Face;
using myo::sim::Formulation;
using myo::sim::Mesh;
using myo::sim::Vec3;

constexpr double kA = 0.010, kB = 0.020, kH = 0.005;  // m
constexpr double kNu = 0.4999;
constexpr double kMu = 1.0e3;                                             // Pa
constexpr double kKappa = 2 * kMu * (1 + kNu) / (3 * (1 - 2 * kNu));      // Pa, ~5000 mu
constexpr double kP = 1e-4 * kMu;                                         // Pa, linear response

double lame_u_r(double r) {
  const double E = 2 * kMu * (1 + kNu);
  return kP * kA * kA * (1 + kNu) / (E * (kB * kB - kA * kA)) * ((1 - 2 * kNu) * r + kB * kB / r);
}

/// Axisymmetric annulus a <= r <= b, 0 <= z <= H: make_layered_cylinder with the radial coordinate
/// mapped r -> a + (b - a) r / R; the former axis (edges 3 = (3, 0), outward normal -r) becomes
/// the inner surface "inner".
Mesh axisymmetric_annulus(int nr, int nz) {
  myo::sim::LayeredCylinderSpec spec;
  spec.radius_m = 1.0;
  spec.cells_r = nr;
  spec.layers = {{"tissue", kH, nz, 1.0}};
  Mesh mesh = myo::sim::make_layered_cylinder(spec);
  for (int n = 0; n < mesh.n_nodes(); ++n) mesh.X(n, 0) = kA + (kB - kA) * mesh.X(n, 0) / spec.radius_m;
  mesh.node_sets["inner"] = mesh.node_sets.at("axis");
  mesh.face_sets["inner"] = mesh.face_sets.at("axis");
  mesh.node_sets.erase("axis");
  mesh.face_sets.erase("axis");
  for (const Face& f : mesh.face_sets.at("inner")) EXPECT_EQ(f.local_face, 3);
  mesh.check();
  return mesh;
}

/// Hex8 quarter annulus from a structured (r, theta, z) grid, x = r cos theta, y = r sin theta,
/// 0 <= theta <= pi/2. Node id = i + (nr + 1)(j + (nt + 1) k), i along r, j along theta, k along z;
/// (e_r, e_theta, e_z) is right-handed, so the VTK order (i,j) (i+1,j) (i+1,j+1) (i,j+1) is
/// counter-clockwise seen from +z. Sets: node sets "x0" (theta = pi/2, x = 0), "y0" (theta = 0,
/// y = 0), "top", "bottom", "inner" and the face set "inner" (local face 5 = xi-, i.e. r = a).
Mesh quarter_annulus(int nr, int nt, int nz) {
  Mesh mesh;
  mesh.cell_type = myo::sim::CellType::hex8;
  const int n_nodes = (nr + 1) * (nt + 1) * (nz + 1);
  mesh.X.resize(n_nodes, 3);
  auto id = [&](int i, int j, int k) { return i + (nr + 1) * (j + (nt + 1) * k); };
  for (int k = 0; k <= nz; ++k)
    for (int j = 0; j <= nt; ++j)
      for (int i = 0; i <= nr; ++i) {
        const double r = kA + (kB - kA) * i / nr, th = 0.5 * std::numbers::pi * j / nt;
        const double x = (j == nt) ? 0.0 : r * std::cos(th), y = (j == 0) ? 0.0 : r * std::sin(th);
        mesh.X.row(id(i, j, k)) << x, y, kH * k / nz;
      }
  mesh.cells.resize(nr * nt * nz, 8);
  std::vector<int> all_cells;
  std::vector<Face> inner_faces;
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < nt; ++j)
      for (int i = 0; i < nr; ++i) {
        const int c = i + nr * (j + nt * k);
        mesh.cells.row(c) << id(i, j, k), id(i + 1, j, k), id(i + 1, j + 1, k), id(i, j + 1, k),
            id(i, j, k + 1), id(i + 1, j, k + 1), id(i + 1, j + 1, k + 1), id(i, j + 1, k + 1);
        all_cells.push_back(c);
        if (i == 0) inner_faces.push_back(Face{c, 5});
      }
  mesh.regions["tissue"] = all_cells;
  mesh.face_sets["inner"] = inner_faces;
  std::vector<int> x0, y0, top, bottom;
  for (int n = 0; n < n_nodes; ++n) {
    const int i = n % (nr + 1), j = (n / (nr + 1)) % (nt + 1), k = n / ((nr + 1) * (nt + 1));
    (void)i;
    if (j == nt) x0.push_back(n);
    if (j == 0) y0.push_back(n);
    if (k == nz) top.push_back(n);
    if (k == 0) bottom.push_back(n);
  }
  mesh.node_sets = {{"x0", x0}, {"y0", y0}, {"top", top}, {"bottom", bottom}};
  mesh.node_sets["inner"] = mesh.face_set_nodes("inner");
  mesh.check();
  return mesh;
}

/// Mean radial displacement of the inner-surface nodes (m), after the pressure is applied.
double inner_radial_displacement(const Mesh& mesh, Formulation formulation) {
  auto mat = std::make_shared<myo::models::NeoHookean>(kMu);
  mat->set_volumetric({myo::sim::VolumetricForm::quadratic, kKappa});
  const int dim = mesh.dim();
  myo::sim::ModelLoads loads;
  auto fix = [&](const std::string& set, int comp) {
    myo::sim::DirichletBC bc;
    bc.set = set;
    bc.component = comp;
    bc.value = myo::sim::TimeTable::constant(0.0);
    loads.dirichlet.push_back(bc);
  };
  const int axial = dim == 3 ? 2 : 1;
  fix("top", axial);  // plane strain
  fix("bottom", axial);
  if (dim == 3) {
    fix("x0", 0);
    fix("y0", 1);
  }
  myo::sim::SurfaceLoad sl;
  sl.set = "inner";
  sl.kind = myo::sim::SurfaceLoad::Kind::pressure;
  sl.magnitude = myo::sim::TimeTable::ramp(0.0, 1.0, kP);
  loads.surface_loads.push_back(sl);

  myo::sim::Model model(mesh, {{"tissue", mat, Vec3::UnitX()}}, formulation, loads);
  myo::sim::NewtonSettings ns;
  ns.residual_rtol = 1e-10;
  ns.increment_rtol = 1e-12;
  myo::sim::NewtonSolver newton(model, ns);
  myo::sim::StepControl sc;
  sc.t_end_s = 1.0;
  sc.dt_initial_s = sc.dt_max_s = 1.0;
  Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs());
  const auto status = myo::sim::Stepper::run(model, newton, sc, u, [](const auto&, const auto&) {});
  EXPECT_TRUE(status.completed) << status.message;

  const auto& inner = mesh.node_sets.at("inner");
  double sum = 0;
  for (int n : inner) {
    if (dim == 2) {
      sum += u(2 * n);
    } else {
      const Eigen::Vector2d x = mesh.X.row(n).head<2>().transpose();
      sum += u.segment<2>(3 * n).dot(x.normalized());
    }
  }
  return sum / static_cast<double>(inner.size());
}

TEST(Locking, AxisymmetricThickCylinderQ1P0MatchesLame) {
  const double exact = lame_u_r(kA);
  std::printf("axisymmetric thick cylinder, nu = %.4f, kappa/mu = %.1f, Lame u_r(a) = %.6e m\n",
              kNu, kKappa / kMu, exact);
  std::vector<double> err_q1p0;
  for (int m : {1, 2, 4}) {
    const Mesh mesh = axisymmetric_annulus(8 * m, 4 * m);
    const double uq = inner_radial_displacement(mesh, Formulation::q1p0);
    err_q1p0.push_back(std::abs(uq / exact - 1));
    std::printf("  %2d x %2d (r x z)  q1p0 u_r(a) = %.6e  error %7.3f %%", 8 * m, 4 * m, uq,
                100 * err_q1p0.back());
    if (m == 1) {
      const double ud = inner_radial_displacement(mesh, Formulation::displacement);
      const double err_d = std::abs(ud / exact - 1);
      std::printf("   displacement u_r(a) = %.6e  error %7.3f %%", ud, 100 * err_d);
      EXPECT_GT(err_d, 0.30) << "the displacement formulation should lock at nu = 0.4999";
      EXPECT_LT(err_q1p0.back(), 0.02);
    }
    std::printf("\n");
  }
  std::fflush(stdout);
  EXPECT_LT(err_q1p0[1], err_q1p0[0]);
  EXPECT_LT(err_q1p0[2], err_q1p0[1]);
}

TEST(Locking, Hex8QuarterAnnulusQ1P0MatchesLame) {
  const double exact = lame_u_r(kA);
  std::printf("hex8 quarter annulus, nu = %.4f, Lame u_r(a) = %.6e m\n", kNu, exact);
  std::vector<double> err_q1p0;
  for (int m : {1, 2}) {
    const Mesh mesh = quarter_annulus(4 * m, 8 * m, 2);
    const double uq = inner_radial_displacement(mesh, Formulation::q1p0);
    EXPECT_GT(uq, 0.0) << "the bore must expand under internal pressure";
    err_q1p0.push_back(std::abs(uq / exact - 1));
    std::printf("  %2d x %2d x %d (r x theta x z)  q1p0 u_r(a) = %.6e  error %7.3f %%", 4 * m, 8 * m,
                2, uq, 100 * err_q1p0.back());
    if (m == 1) {
      const double ud = inner_radial_displacement(mesh, Formulation::displacement);
      const double err_d = std::abs(ud / exact - 1);
      std::printf("   displacement u_r(a) = %.6e  error %7.3f %%", ud, 100 * err_d);
      EXPECT_GT(err_d, 0.30) << "the displacement formulation should lock at nu = 0.4999";
      EXPECT_LT(err_q1p0.back(), 0.03);
    }
    std::printf("\n");
  }
  std::fflush(stdout);
  EXPECT_LT(err_q1p0[1], err_q1p0[0]);
}

}  // namespace
