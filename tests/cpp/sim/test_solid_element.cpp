// Finite-difference checks of the element: the internal force is the gradient of the stored
// energy, and the tangent is the derivative of the internal force, for hex8 and axisymmetric
// quad4, in the displacement and the Q1/P0 formulations, on distorted cells.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <random>

#include "myo/models/mooney_rivlin.hpp"
#include "myo/models/neo_hookean.hpp"
#include "myo/models/ogden.hpp"
#include "myo/sim/solid_element.hpp"

namespace myo::sim {
namespace {

Mesh one_cell(CellType type, std::mt19937& rng) {
  std::uniform_real_distribution<double> jitter(-0.15, 0.15);
  Mesh m;
  m.cell_type = type;
  if (type == CellType::hex8) {
    const double s[8][3] = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}};
    m.X.resize(8, 3);
    for (int a = 0; a < 8; ++a)
      for (int i = 0; i < 3; ++i) m.X(a, i) = 1e-2 * (s[a][i] + jitter(rng));  // m
    m.cells.resize(1, 8);
    for (int a = 0; a < 8; ++a) m.cells(0, a) = a;
  } else {
    const double s[4][2] = {{1, 0}, {2, 0}, {2, 1}, {1, 1}};
    m.X.resize(4, 2);
    for (int a = 0; a < 4; ++a)
      for (int i = 0; i < 2; ++i) m.X(a, i) = 1e-2 * (s[a][i] + jitter(rng));
    m.cells.resize(1, 4);
    for (int a = 0; a < 4; ++a) m.cells(0, a) = a;
  }
  m.regions["all"] = {0};
  return m;
}

template <class Element>
void check_element(const Material& mat, Formulation form, unsigned seed) {
  std::mt19937 rng(seed);
  const Mesh mesh = one_cell(Element::kAxisymmetric ? CellType::quad4_axisymmetric : CellType::hex8, rng);
  const std::vector<GaussPointGeometry> gauss = compute_gauss_geometry(mesh);
  ElementContext ctx;
  ctx.gauss = gauss.data();
  ctx.n_gp = static_cast<int>(gauss.size());
  ctx.material = &mat;
  ctx.formulation = form;
  std::uniform_real_distribution<double> d(-1.5e-3, 1.5e-3);  // m, strains of order 15 %
  typename Element::VecE u;
  for (int k = 0; k < Element::NDOF; ++k) u(k) = d(rng);

  typename Element::Output out, plus, minus;
  Element::evaluate(u, ctx, true, out);
  ASSERT_FALSE(out.inverted);
  const double h = 1e-8;  // m
  double worst_f = 0.0, worst_K = 0.0;
  for (int j = 0; j < Element::NDOF; ++j) {
    typename Element::VecE up = u, um = u;
    up(j) += h;
    um(j) -= h;
    Element::evaluate(up, ctx, false, plus);
    Element::evaluate(um, ctx, false, minus);
    const double f_fd = (plus.energy - minus.energy) / (2 * h);
    worst_f = std::max(worst_f, std::abs(f_fd - out.f(j)) / out.f.cwiseAbs().maxCoeff());
    const typename Element::VecE K_fd = (plus.f - minus.f) / (2 * h);
    worst_K = std::max(worst_K, (K_fd - out.K.col(j)).cwiseAbs().maxCoeff() / out.K.cwiseAbs().maxCoeff());
  }
  EXPECT_LT(worst_f, 1e-6) << mat.name() << " " << to_string(form);
  EXPECT_LT(worst_K, 1e-6) << mat.name() << " " << to_string(form);
  EXPECT_LT((out.K - out.K.transpose()).cwiseAbs().maxCoeff(), 1e-9 * out.K.cwiseAbs().maxCoeff());
}

template <class M>
std::unique_ptr<Material> with_kappa(M m, double kappa_Pa) {
  auto p = std::make_unique<M>(m);
  p->set_volumetric({VolumetricForm::quadratic, kappa_Pa});
  return p;
}

std::vector<std::unique_ptr<Material>> materials() {
  std::vector<std::unique_ptr<Material>> v;
  v.push_back(with_kappa(models::NeoHookean(1e4), 5e5));
  v.push_back(with_kappa(models::MooneyRivlin(3e3, 2e3), 5e5));
  v.push_back(with_kappa(models::Ogden(1e4, 5.0), 5e5));
  auto log = with_kappa(models::Ogden(1e4, -2.0), 5e5);
  log->set_volumetric({VolumetricForm::logarithmic, 5e5});
  v.push_back(std::move(log));
  return v;
}

TEST(SolidElement, Hex8ForceAndTangentMatchFiniteDifferences) {
  unsigned seed = 1;
  for (const auto& m : materials())
    for (Formulation f : {Formulation::displacement, Formulation::q1p0}) check_element<Hex8Element>(*m, f, seed++);
}

TEST(SolidElement, AxisymmetricQuad4ForceAndTangentMatchFiniteDifferences) {
  unsigned seed = 11;
  for (const auto& m : materials())
    for (Formulation f : {Formulation::displacement, Formulation::q1p0})
      check_element<AxiQuad4Element>(*m, f, seed++);
}

TEST(SolidElement, ZeroDisplacementGivesZeroForce) {
  std::mt19937 rng(3);
  const Mesh mesh = one_cell(CellType::hex8, rng);
  const auto gauss = compute_gauss_geometry(mesh);
  auto mat = with_kappa(models::NeoHookean(1e4), 1e7);
  ElementContext ctx{gauss.data(), 8, mat.get(), Formulation::q1p0};
  Hex8Element::Output out;
  Hex8Element::evaluate(Hex8Element::VecE::Zero(), ctx, true, out);
  EXPECT_LT(out.f.cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(out.energy, 0.0, 1e-15);
}

TEST(SolidElement, RigidRotationStoresNoEnergy) {
  std::mt19937 rng(4);
  const Mesh mesh = one_cell(CellType::hex8, rng);
  const auto gauss = compute_gauss_geometry(mesh);
  auto mat = with_kappa(models::NeoHookean(1e4), 1e7);
  const Mat3 Q = Eigen::AngleAxisd(0.7, Vec3(1, 2, 3).normalized()).toRotationMatrix();
  Hex8Element::VecE u;
  for (int a = 0; a < 8; ++a) u.segment<3>(3 * a) = (Q - Mat3::Identity()) * mesh.X.row(a).transpose();
  for (Formulation f : {Formulation::displacement, Formulation::q1p0}) {
    ElementContext ctx{gauss.data(), 8, mat.get(), f};
    Hex8Element::Output out;
    Hex8Element::evaluate(u, ctx, false, out);
    EXPECT_LT(std::abs(out.energy), 1e-12);
    EXPECT_LT(out.f.cwiseAbs().maxCoeff(), 1e-9);
  }
}

}  // namespace
}  // namespace myo::sim
