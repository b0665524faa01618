// Patch test and homogeneous finite strain against the material-point solution.
//  - Patch: on a distorted mesh, boundary nodes moved by u = (F - I) X must carry every interior
//    node to the same affine field, with zero internal force there (both formulations, 3D and
//    axisymmetric).
//  - Uniaxial and equibiaxial stretch of a block with free lateral faces: the FE reaction equals
//    P A0 of the homogeneous state, found from the material law alone (stress-free lateral
//    directions solved at one point), to 1e-8 relative, for every material.
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "myo/models/mooney_rivlin.hpp"
#include "myo/models/neo_hookean.hpp"
#include "myo/models/ogden.hpp"
#include "myo/models/polynomial.hpp"
#include "myo/models/veronda_westmann.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/layered_cylinder.hpp"
#include "myo/sim/model.hpp"
#include "myo/sim/newton_solver.hpp"
#include "myo/sim/stepper.hpp"

namespace myo::sim {
namespace {

std::shared_ptr<Material> neo(double kappa_Pa = 2e5) {
  auto m = std::make_shared<models::NeoHookean>(1e4);
  m->set_volumetric({VolumetricForm::quadratic, kappa_Pa});
  return m;
}

NewtonSettings tight() {
  NewtonSettings s;
  s.residual_rtol = 1e-13;
  s.increment_rtol = 1e-13;
  s.max_iterations = 40;
  return s;
}

RunStatus solve(Model& model, Eigen::VectorXd& u, int steps = 4) {
  NewtonSolver newton(model, tight());
  StepControl c;
  c.t_end_s = 1.0;
  c.dt_initial_s = c.dt_max_s = 1.0 / steps;
  return Stepper::run(model, newton, c, u, [](const StepRecord&, const Eigen::VectorXd&) {});
}

void distort_interior(Mesh& mesh, double amount_m, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> d(-amount_m, amount_m);
  std::vector<char> boundary(mesh.n_nodes(), 0);
  for (const auto& [name, nodes] : mesh.node_sets)
    if (name != "all")
      for (int n : nodes) boundary[n] = 1;
  for (int n = 0; n < mesh.n_nodes(); ++n)
    if (!boundary[n])
      for (int i = 0; i < mesh.dim(); ++i) mesh.X(n, i) += d(rng);
}

void patch_test(Mesh mesh, const Mat3& F, Formulation form) {
  const int dim = mesh.dim();
  std::vector<int> boundary;
  for (const auto& [name, nodes] : mesh.node_sets)
    if (name != "all") boundary.insert(boundary.end(), nodes.begin(), nodes.end());
  std::sort(boundary.begin(), boundary.end());
  boundary.erase(std::unique(boundary.begin(), boundary.end()), boundary.end());
  mesh.node_sets["boundary"] = boundary;
  auto affine = [F](int i) {
    return [F, i](const Eigen::VectorXd& X, double t) {
      Vec3 X3 = Vec3::Zero();
      X3.head(X.size()) = X;
      return t * ((F - Mat3::Identity()) * X3)(i);
    };
  };
  ModelLoads loads;
  for (int i = 0; i < dim; ++i) loads.dirichlet.push_back({"boundary", i, TimeTable::constant(0), affine(i)});
  Model model(mesh, {{mesh.regions.begin()->first, neo()}}, form, loads);
  Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs());
  ASSERT_TRUE(solve(model, u).completed);
  double err = 0.0;
  for (int n = 0; n < mesh.n_nodes(); ++n)
    for (int i = 0; i < dim; ++i) err = std::max(err, std::abs(u(dim * n + i) - affine(i)(mesh.X.row(n).transpose(), 1.0)));
  EXPECT_LT(err, 1e-12) << "patch error (m), formulation " << to_string(form);
  Eigen::VectorXd R;
  double energy;
  model.evaluate(u, 1.0, 0.0, false, R, energy);
  EXPECT_LT(model.free_part(R).cwiseAbs().maxCoeff(), 1e-10);
}

TEST(PatchTest, Hex8DistortedMeshReproducesHomogeneousFiniteStrain) {
  LayeredBoxSpec spec{0.03, 0.02, 3, 3, {{"tissue", 0.02, 3, 1.0}}};
  Mesh mesh = make_layered_box(spec);
  distort_interior(mesh, 1.5e-3, 7);
  Mat3 F;
  F << 1.2, 0.1, 0.05, -0.05, 0.9, 0.1, 0.02, 0.03, 1.1;
  for (Formulation f : {Formulation::displacement, Formulation::q1p0}) patch_test(mesh, F, f);
}

TEST(PatchTest, AxisymmetricDistortedMeshReproducesHomogeneousFiniteStrain) {
  LayeredCylinderSpec spec{0.02, 4, 1.0, {{"tissue", 0.02, 4, 1.0}}};
  Mesh mesh = make_layered_cylinder(spec);
  distort_interior(mesh, 1.5e-3, 9);
  // Axisymmetric homogeneous states: u_r = (l_r - 1) R, u_z = (l_z - 1) Z + g R (shear).
  Mat3 F = Mat3::Identity();
  F(0, 0) = 1.15;
  F(1, 1) = 0.85;
  for (Formulation f : {Formulation::displacement, Formulation::q1p0}) patch_test(mesh, F, f);
}

// ---- homogeneous uniaxial / equibiaxial ---------------------------------------------------------

/// Stretch lambda along the loaded axes; solve the free axes' stretch t for S_free = 0 by Newton
/// on the material law. Returns P_loaded = lambda S_loaded (Pa).
double point_solution(const Material& m, double lambda, bool equibiaxial) {
  auto F_of = [&](double t) {
    return equibiaxial ? Vec3(lambda, lambda, t).asDiagonal().toDenseMatrix()
                       : Vec3(t, t, lambda).asDiagonal().toDenseMatrix();
  };
  const int free_axis = equibiaxial ? 2 : 0, loaded_axis = equibiaxial ? 0 : 2;
  double t = 1.0;
  for (int it = 0; it < 60; ++it) {
    MaterialPoint p;
    p.F = F_of(t);
    const double s = total_response(m, p).S(free_axis, free_axis);
    p.F = F_of(t + 1e-7);
    const double ds = (total_response(m, p).S(free_axis, free_axis) - s) / 1e-7;
    t -= s / ds;
    if (std::abs(s) < 1e-13 * m.shear_modulus()) break;
  }
  MaterialPoint p;
  p.F = F_of(t);
  return lambda * total_response(m, p).S(loaded_axis, loaded_axis);
}

double fe_reaction(std::shared_ptr<Material> m, double lambda, bool equibiaxial, Formulation form) {
  const double L = 0.02;  // m
  Mesh mesh = make_layered_box({L, L, 2, 2, {{"tissue", L, 2, 1.0}}});
  ModelLoads loads;
  loads.dirichlet = {{"x0", 0, TimeTable::constant(0), {}},
                     {"y0", 1, TimeTable::constant(0), {}},
                     {"bottom", 2, TimeTable::constant(0), {}}};
  if (equibiaxial) {
    loads.dirichlet.push_back({"x1", 0, TimeTable::ramp(0, 1, (lambda - 1) * L), {}});
    loads.dirichlet.push_back({"y1", 1, TimeTable::ramp(0, 1, (lambda - 1) * L), {}});
  } else {
    loads.dirichlet.push_back({"top", 2, TimeTable::ramp(0, 1, (lambda - 1) * L), {}});
  }
  Model model(mesh, {{"tissue", m}}, form, loads);
  Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs()), R;
  EXPECT_TRUE(solve(model, u, 8).completed);
  double energy;
  model.evaluate(u, 1.0, 0.0, false, R, energy);
  const std::string set = equibiaxial ? "x1" : "top";
  const int comp = equibiaxial ? 0 : 2;
  double f = 0.0;
  for (int n : mesh.node_sets.at(set)) f += R(3 * n + comp);
  return f / (L * L);  // nominal stress P (Pa)
}

std::vector<std::shared_ptr<Material>> all_materials() {
  std::vector<std::shared_ptr<Material>> v = {std::make_shared<models::NeoHookean>(1e4),
                                              std::make_shared<models::MooneyRivlin>(3e3, 2e3),
                                              std::make_shared<models::Ogden>(1e4, 5.0),
                                              std::make_shared<models::Ogden>(1e4, -2.0),
                                              std::make_shared<models::Ogden>(std::vector<models::OgdenTerm>{
                                                  {4e3, 2.0}, {6e3, 12.0}}),
                                              std::make_shared<models::VerondaWestmann>(5e3, 2.0),
                                              std::make_shared<models::Polynomial>(
                                                  models::PolynomialCoefficients{3e3, 2e3, 1e3, 8e3, 5e2})};
  for (auto& m : v) m->set_volumetric({VolumetricForm::quadratic, 1e6});
  return v;
}

TEST(Homogeneous, UniaxialAndEquibiaxialMatchMaterialPointSolution) {
  for (const auto& m : all_materials())
    for (bool equi : {false, true})
      for (double lambda : {0.7, 1.3})
        for (Formulation f : {Formulation::displacement, Formulation::q1p0}) {
          const double exact = point_solution(*m, lambda, equi);
          const double fe = fe_reaction(m, lambda, equi, f);
          EXPECT_NEAR(fe / exact, 1.0, 1e-8) << m->name() << (equi ? " equibiaxial" : " uniaxial")
                                             << " lambda " << lambda << " " << to_string(f);
        }
}

TEST(Homogeneous, CellCauchyStressIsForceOverDeformedArea) {
  // Uniaxial stretch along z with free lateral faces: sigma_zz = P / t^2, with the lateral
  // stretch t read off the deformed mesh, in every cell, for both formulations.
  const double L = 0.02, lambda = 1.3;
  auto m = std::make_shared<models::NeoHookean>(1e4);
  m->set_volumetric({VolumetricForm::quadratic, 1e6});
  for (Formulation f : {Formulation::displacement, Formulation::q1p0}) {
    Mesh mesh = make_layered_box({L, L, 2, 2, {{"tissue", L, 2, 1.0}}});
    ModelLoads loads;
    loads.dirichlet = {{"x0", 0, TimeTable::constant(0), {}},
                       {"y0", 1, TimeTable::constant(0), {}},
                       {"bottom", 2, TimeTable::constant(0), {}},
                       {"top", 2, TimeTable::ramp(0, 1, (lambda - 1) * L), {}}};
    Model model(mesh, {{"tissue", m}}, f, loads);
    Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs());
    ASSERT_TRUE(solve(model, u, 8).completed);
    const int corner = mesh.node_sets.at("x1").front();
    const double t = 1.0 + u(3 * corner) / L;
    const double sigma_zz = point_solution(*m, lambda, false) / (t * t);
    const CellFields cf = model.assembler().cell_fields(u, 1.0, 0.0);
    for (int c = 0; c < mesh.n_cells(); ++c) {
      EXPECT_NEAR(cf.cauchy_stress(c, 8) / sigma_zz, 1.0, 1e-8) << to_string(f) << " cell " << c;
      EXPECT_NEAR(cf.von_mises(c, 0) / std::abs(sigma_zz), 1.0, 1e-8);
      EXPECT_NEAR(cf.green_lagrange(c, 8), 0.5 * (lambda * lambda - 1), 1e-10);
    }
  }
}

}  // namespace
}  // namespace myo::sim
