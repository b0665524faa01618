// Mesh convergence with a manufactured solution (method of manufactured solutions, Roache 2002):
// a smooth finite-strain displacement field u*(X) is imposed on the boundary, the body force
// b0 = -Div P(F*(X)) (first Piola-Kirchhoff stress P = F S of the material's total response, Div
// in the reference configuration, by central finite differences of P) is applied in the body, and
// the discrete solution must approach u* at the optimal rates of trilinear / bilinear elements:
// order 2 in the L2 norm and order 1 in the H1 seminorm, for hex8 (3D) and axisymmetric quad4,
// each in the displacement and the Q1/P0 formulation, with a compressible neo-Hookean solid.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "myo/models/neo_hookean.hpp"
#include "myo/sim/element_geometry.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/layered_cylinder.hpp"
#include "myo/sim/loads.hpp"
#include "myo/sim/material.hpp"
#include "myo/sim/mesh.hpp"
#include "myo/sim/model.hpp"
#include "myo/sim/newton_solver.hpp"
#include "myo/sim/stepper.hpp"

namespace {

using myo::sim::CellType;
using myo::sim::Formulation;
using myo::sim::Mat3;
using myo::sim::Mesh;
using myo::sim::Vec3;
constexpr double kPi = std::numbers::pi;

constexpr double kMu = 1.0e3;     // Pa
constexpr double kKappa = 3.0e3;  // Pa: compressible (nu = 0.35), so both formulations converge alike

/// A manufactured displacement field on the reference configuration. In 3D X = (x, y, z), u and
/// the displacement gradient are Cartesian. Axisymmetric: X = (R, Z), u = (u_r, u_z, 0), and the
/// gradient H (3 x 3, order r, z, theta) holds H_tt = u_r / R, so that F = I + H in both cases.
struct Manufactured {
  bool axisymmetric = false;
  std::function<Vec3(const Eigen::VectorXd&)> u;
  std::function<Mat3(const Eigen::VectorXd&)> H;
};

/// 3D on the unit cube (L = 1 m): u_i = c L [sin(pi a) cos(pi b / 2) + (d)^2 / 2], with
/// (a, b, d) the cyclic permutation (X_i, X_i+1, X_i+2) / L. Stretches up to ~19 %, J in ~[0.8, 1.2].
Manufactured field_3d() {
  constexpr double c = 0.06;
  Manufactured m;
  m.u = [](const Eigen::VectorXd& X) {
    Vec3 u;
    for (int i = 0; i < 3; ++i) {
      const double a = X(i), b = X((i + 1) % 3), d = X((i + 2) % 3);
      u(i) = c * (std::sin(kPi * a) * std::cos(0.5 * kPi * b) + 0.5 * d * d);
    }
    return u;
  };
  m.H = [](const Eigen::VectorXd& X) {
    Mat3 H = Mat3::Zero();
    for (int i = 0; i < 3; ++i) {
      const int ib = (i + 1) % 3, id = (i + 2) % 3;
      const double a = X(i), b = X(ib), d = X(id);
      H(i, i) = c * kPi * std::cos(kPi * a) * std::cos(0.5 * kPi * b);
      H(i, ib) = -c * 0.5 * kPi * std::sin(kPi * a) * std::sin(0.5 * kPi * b);
      H(i, id) = c * d;
    }
    return H;
  };
  return m;
}

/// Axisymmetric on [0, 1] x [0, 1] m (R, Z): u_r odd in R (zero on the axis), u_z even in R,
///   u_r = c R (1 + sin(pi Z) / 2)(1 - 0.3 R^2),
///   u_z = c [Z^2 / 2 + cos(pi R^2 / 2) sin(pi Z) / 2].
/// Stretches (radial, hoop, axial) up to ~16 %.
Manufactured field_axi() {
  constexpr double c = 0.1;
  Manufactured m;
  m.axisymmetric = true;
  m.u = [](const Eigen::VectorXd& X) {
    const double R = X(0), Z = X(1);
    return Vec3(c * R * (1 + 0.5 * std::sin(kPi * Z)) * (1 - 0.3 * R * R),
                c * (0.5 * Z * Z + 0.5 * std::cos(0.5 * kPi * R * R) * std::sin(kPi * Z)), 0.0);
  };
  m.H = [](const Eigen::VectorXd& X) {
    const double R = X(0), Z = X(1);
    const double s = 1 + 0.5 * std::sin(kPi * Z);
    Mat3 H = Mat3::Zero();
    H(0, 0) = c * s * (1 - 0.9 * R * R);
    H(0, 1) = c * R * 0.5 * kPi * std::cos(kPi * Z) * (1 - 0.3 * R * R);
    H(1, 0) = -c * 0.5 * kPi * R * std::sin(0.5 * kPi * R * R) * std::sin(kPi * Z);
    H(1, 1) = c * (Z + 0.5 * kPi * std::cos(0.5 * kPi * R * R) * std::cos(kPi * Z));
    H(2, 2) = c * s * (1 - 0.3 * R * R);  // u_r / R
    return H;
  };
  return m;
}

std::shared_ptr<myo::models::NeoHookean> make_material() {
  auto mat = std::make_shared<myo::models::NeoHookean>(kMu);
  mat->set_volumetric({myo::sim::VolumetricForm::quadratic, kKappa});
  return mat;
}

/// First Piola-Kirchhoff stress P = F S of the exact field at X (Pa).
Mat3 piola(const myo::sim::Material& mat, const Manufactured& m, const Eigen::VectorXd& X) {
  myo::sim::MaterialPoint p;
  p.F = Mat3::Identity() + m.H(X);
  return p.F * myo::sim::total_response(mat, p).S;
}

/// b0 = -Div P at X by central differences (step h), in cylindrical coordinates when axisymmetric.
Vec3 body_force(const myo::sim::Material& mat, const Manufactured& m, const Eigen::VectorXd& X,
                double h) {
  const int dim = static_cast<int>(X.size());
  std::array<Mat3, 3> dP;  // dP / dX_J
  for (int J = 0; J < dim; ++J) {
    Eigen::VectorXd Xp = X, Xm = X;
    Xp(J) += h;
    Xm(J) -= h;
    dP[J] = (piola(mat, m, Xp) - piola(mat, m, Xm)) / (2 * h);
  }
  Vec3 b = Vec3::Zero();
  if (!m.axisymmetric) {
    for (int i = 0; i < 3; ++i) b(i) = -(dP[0](i, 0) + dP[1](i, 1) + dP[2](i, 2));
  } else {
    const Mat3 P = piola(mat, m, X);
    const double R = X(0);
    b(0) = -(dP[0](0, 0) + dP[1](0, 1) + (P(0, 0) - P(2, 2)) / R);
    b(1) = -(dP[0](1, 0) + dP[1](1, 1) + P(1, 0) / R);
  }
  return b;
}

struct Errors {
  double l2 = 0, h1 = 0;  // relative: |u_h - u*| / |u*| in the L2 norm and the H1 seminorm
  int steps = 0, iterations = 0;
};

/// Relative L2 and H1-seminorm errors of u_h by 3-point-per-direction Gauss quadrature (more
/// accurate than the element's 2-point rule, so that the quadrature does not bias the orders).
Errors solution_errors(const Mesh& mesh, const Eigen::VectorXd& u_h, const Manufactured& m) {
  const int dim = mesh.dim(), nn = mesh.nodes_per_cell();
  const double g3[3] = {-std::sqrt(0.6), 0.0, std::sqrt(0.6)}, w3[3] = {5.0 / 9, 8.0 / 9, 5.0 / 9};
  double e0 = 0, n0 = 0, e1 = 0, n1 = 0;
  for (int c = 0; c < mesh.n_cells(); ++c) {
    Eigen::MatrixXd Xe(nn, dim), Ue(nn, dim);
    for (int a = 0; a < nn; ++a) {
      Xe.row(a) = mesh.X.row(mesh.cells(c, a));
      for (int i = 0; i < dim; ++i) Ue(a, i) = u_h(dim * mesh.cells(c, a) + i);
    }
    for (int p = 0; p < 3; ++p)
      for (int q = 0; q < 3; ++q)
        for (int r = 0; r < (dim == 3 ? 3 : 1); ++r) {
          const std::array<double, 3> xi = {g3[p], g3[q], dim == 3 ? g3[r] : 0.0};
          const double w = w3[p] * w3[q] * (dim == 3 ? w3[r] : 1.0);
          Eigen::Matrix<double, 8, 1> N;
          Eigen::Matrix<double, 8, 3> dN_dxi;
          myo::sim::shape_functions(mesh.cell_type, xi, N, dN_dxi);
          const Eigen::MatrixXd dxi = dN_dxi.topLeftCorner(nn, dim);
          const Eigen::MatrixXd dXdxi = Xe.transpose() * dxi;          // dim x dim
          const Eigen::MatrixXd dN_dX = dxi * dXdxi.inverse();         // nn x dim
          const Eigen::VectorXd X = Xe.transpose() * N.head(nn);
          double dV = w * dXdxi.determinant();
          if (m.axisymmetric) dV *= 2 * kPi * X(0);
          Vec3 uh = Vec3::Zero();
          uh.head(dim) = Ue.transpose() * N.head(nn);
          Mat3 Hh = Mat3::Zero();
          Hh.topLeftCorner(dim, dim) = Ue.transpose() * dN_dX;
          if (m.axisymmetric) Hh(2, 2) = uh(0) / X(0);
          const Vec3 us = m.u(X);
          const Mat3 Hs = m.H(X);
          e0 += (uh - us).squaredNorm() * dV;
          n0 += us.squaredNorm() * dV;
          e1 += (Hh - Hs).squaredNorm() * dV;
          n1 += Hs.squaredNorm() * dV;
        }
  }
  Errors e;
  e.l2 = std::sqrt(e0 / n0);
  e.h1 = std::sqrt(e1 / n1);
  return e;
}

/// Solve the manufactured problem on `mesh` (one region) with load ramped over 4 steps.
Errors solve(const Mesh& mesh, const std::string& region, const std::vector<std::string>& sets_all,
             const std::vector<std::string>& sets_r_only, Formulation formulation,
             const Manufactured& m) {
  const auto mat = make_material();
  const int dim = mesh.dim();
  // Extent of the body, for the finite-difference step.
  const double L = (mesh.X.colwise().maxCoeff() - mesh.X.colwise().minCoeff()).maxCoeff();
  const double h = 1e-4 * L;

  myo::sim::ModelLoads loads;
  auto add_bc = [&](const std::string& set, int comp) {
    myo::sim::DirichletBC bc;
    bc.set = set;
    bc.component = comp;
    bc.field = [&m, comp](const Eigen::VectorXd& X, double t) { return t * m.u(X)(comp); };
    loads.dirichlet.push_back(bc);
  };
  for (const auto& s : sets_all)
    for (int i = 0; i < dim; ++i) add_bc(s, i);
  for (const auto& s : sets_r_only) add_bc(s, 0);

  // b0 at the Gauss points, computed once: the model asks for it at every residual evaluation.
  auto cache = std::make_shared<std::map<std::array<double, 3>, Vec3>>();
  myo::sim::BodyForce bf;
  bf.b0 = [cache, mat, &m, h](const Eigen::VectorXd& X, double t) -> Vec3 {
    std::array<double, 3> key = {X(0), X(1), X.size() > 2 ? X(2) : 0.0};
    auto it = cache->find(key);
    if (it == cache->end()) it = cache->emplace(key, body_force(*mat, m, X, h)).first;
    return t * it->second;
  };
  loads.body_forces.push_back(bf);

  myo::sim::Model model(mesh, {{region, mat, Vec3::UnitX()}}, formulation, loads);
  myo::sim::NewtonSettings ns;
  ns.residual_rtol = 1e-10;
  ns.increment_rtol = 1e-10;
  myo::sim::NewtonSolver newton(model, ns);
  myo::sim::StepControl sc;
  sc.t_end_s = 1.0;
  sc.dt_initial_s = 0.25;
  sc.dt_max_s = 0.25;
  Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs());
  Errors e;
  const auto status = myo::sim::Stepper::run(model, newton, sc, u,
                                             [&](const myo::sim::StepRecord& rec, const Eigen::VectorXd&) {
                                               e.iterations += rec.iterations;
                                             });
  EXPECT_TRUE(status.completed) << status.message;
  const Errors err = solution_errors(mesh, u, m);
  e.l2 = err.l2;
  e.h1 = err.h1;
  e.steps = status.steps;
  return e;
}

/// Print the table, return the last observed orders (L2, H1).
std::pair<double, double> report(const std::string& title, const std::vector<int>& n,
                                 const std::vector<Errors>& e) {
  std::printf("%s\n   n   steps  iters   L2 error     order   H1 error     order\n", title.c_str());
  double o0 = 0, o1 = 0;
  for (size_t k = 0; k < n.size(); ++k) {
    if (k > 0) {
      o0 = std::log2(e[k - 1].l2 / e[k].l2);
      o1 = std::log2(e[k - 1].h1 / e[k].h1);
      std::printf("%4d %6d %6d   %.4e  %5.3f   %.4e  %5.3f\n", n[k], e[k].steps, e[k].iterations,
                  e[k].l2, o0, e[k].h1, o1);
    } else {
      std::printf("%4d %6d %6d   %.4e    -     %.4e    -\n", n[k], e[k].steps, e[k].iterations,
                  e[k].l2, e[k].h1);
    }
  }
  std::fflush(stdout);
  return {o0, o1};
}

void run_hex8(Formulation f) {
  const Manufactured m = field_3d();
  const std::vector<int> ns = {4, 8, 16};
  std::vector<Errors> errs;
  for (int n : ns) {
    myo::sim::LayeredBoxSpec spec;
    spec.size_x_m = spec.size_y_m = 1.0;
    spec.cells_x = spec.cells_y = n;
    spec.layers = {{"tissue", 1.0, n, 1.0}};
    const Mesh mesh = myo::sim::make_layered_box(spec);
    errs.push_back(solve(mesh, "tissue", {"x0", "x1", "y0", "y1", "bottom", "top"}, {}, f, m));
  }
  const auto [o0, o1] = report("hex8, " + myo::sim::to_string(f) + ", unit cube, n^3 cells", ns, errs);
  EXPECT_GE(o0, 1.8);
  EXPECT_LE(o0, 2.3);
  EXPECT_GE(o1, 0.8);
  EXPECT_LE(o1, 1.3);
}

void run_axi(Formulation f) {
  const Manufactured m = field_axi();
  const std::vector<int> ns = {8, 16, 32, 64};
  std::vector<Errors> errs;
  for (int n : ns) {
    myo::sim::LayeredCylinderSpec spec;
    spec.radius_m = 1.0;
    spec.cells_r = n;
    spec.layers = {{"tissue", 1.0, n, 1.0}};
    const Mesh mesh = myo::sim::make_layered_cylinder(spec);
    errs.push_back(solve(mesh, "tissue", {"outer", "top", "bottom"}, {"axis"}, f, m));
  }
  const auto [o0, o1] =
      report("axisymmetric quad4, " + myo::sim::to_string(f) + ", unit (R, Z) square, n^2 cells", ns, errs);
  EXPECT_GE(o0, 1.8);
  EXPECT_LE(o0, 2.3);
  EXPECT_GE(o1, 0.8);
  EXPECT_LE(o1, 1.3);
}

// The analytic gradients of the manufactured fields agree with finite differences of u*, so that
// F* and u* describe the same motion.
TEST(Convergence, ManufacturedGradientsMatchFiniteDifferences) {
  for (const Manufactured& m : {field_3d(), field_axi()}) {
    const int dim = m.axisymmetric ? 2 : 3;
    Eigen::VectorXd X(dim);
    for (int i = 0; i < dim; ++i) X(i) = 0.3 + 0.17 * i;
    const double h = 1e-6;
    Mat3 H_fd = Mat3::Zero();
    for (int J = 0; J < dim; ++J) {
      Eigen::VectorXd Xp = X, Xm = X;
      Xp(J) += h;
      Xm(J) -= h;
      H_fd.col(J) = (m.u(Xp) - m.u(Xm)) / (2 * h);
    }
    if (m.axisymmetric) H_fd(2, 2) = m.u(X)(0) / X(0);
    EXPECT_LT((H_fd - m.H(X)).norm(), 1e-8) << "axisymmetric = " << m.axisymmetric;
  }
}

TEST(Convergence, Hex8Displacement) { run_hex8(Formulation::displacement); }
TEST(Convergence, Hex8Q1P0) { run_hex8(Formulation::q1p0); }
TEST(Convergence, AxisymmetricDisplacement) { run_axi(Formulation::displacement); }
TEST(Convergence, AxisymmetricQ1P0) { run_axi(Formulation::q1p0); }

}  // namespace
