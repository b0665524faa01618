// Finite-difference checks of the element: the internal force is the gradient of the stored
// energy, and the tangent is the derivative of the internal force, for hex8 and axisymmetric
// quad4, in the displacement and the Q1/P0 formulations, on distorted cells; at a dilatation
// iterate theta~ (two-field Newton), the tangent is the derivative of the force with the pressure
// frozen at U'(theta~), plus U''(theta~)/V0 g g^T, and g is V0 times the gradient of theta.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <random>

#include "myo/models/mooney_rivlin.hpp"
#include "myo/models/neo_hookean.hpp"
#include "myo/models/ogden.hpp"
#include "myo/models/polynomial.hpp"
#include "myo/models/veronda_westmann.hpp"
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

/// A distorted cell of Element's kind, its Gauss points and a random displacement (strains of
/// order 15 %), from one seed.
template <class Element>
struct RandomCell {
  std::mt19937 rng;
  Mesh mesh;
  std::vector<GaussPointGeometry> gauss;
  typename Element::VecE u;
  explicit RandomCell(unsigned seed) : rng(seed) {
    mesh = one_cell(Element::kAxisymmetric ? CellType::quad4_axisymmetric : CellType::hex8, rng);
    gauss = compute_gauss_geometry(mesh);
    std::uniform_real_distribution<double> d(-1.5e-3, 1.5e-3);  // m
    for (int k = 0; k < Element::NDOF; ++k) u(k) = d(rng);
  }
  ElementContext context(const Material& mat, Formulation form) const {
    ElementContext ctx;
    ctx.gauss = gauss.data();
    ctx.n_gp = static_cast<int>(gauss.size());
    ctx.material = &mat;
    ctx.formulation = form;
    return ctx;
  }
};

template <class Element>
void check_element(const Material& mat, Formulation form, unsigned seed) {
  const RandomCell<Element> cell(seed);
  const ElementContext ctx = cell.context(mat, form);
  const typename Element::VecE& u = cell.u;

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

/// Q1/P0 at a dilatation iterate theta~ != theta(u): K = d/du [f(u) - (U'(theta(u)) - U'(theta~)) g(u)]
/// + U''(theta~)/V0 g g^T, by central differences; g = V0 dtheta/du by differences of theta.
template <class Element>
void check_dilatation_iterate(const Material& mat, unsigned seed) {
  const RandomCell<Element> cell(seed);
  ElementContext ctx = cell.context(mat, Formulation::q1p0);
  const typename Element::VecE& u = cell.u;
  const VolumetricLaw& vol = mat.volumetric();
  typename Element::Output exact, out, plus, minus;
  Element::evaluate(u, ctx, true, exact);
  ctx.theta_iterate = exact.theta - 0.02;  // a pressure 0.02 kappa away from the cell's own
  Element::evaluate(u, ctx, true, out);
  ASSERT_FALSE(out.inverted);
  EXPECT_EQ(out.f, exact.f);  // the force keeps the cell's own pressure
  EXPECT_GT((out.K - exact.K).cwiseAbs().maxCoeff(), 1e-3 * exact.K.cwiseAbs().maxCoeff());
  double V0 = 0.0;
  for (const auto& g : cell.gauss) V0 += g.dV;
  const double h = 1e-8;
  double worst_K = 0.0, worst_g = 0.0;
  for (int j = 0; j < Element::NDOF; ++j) {
    typename Element::VecE up = u, um = u;
    up(j) += h;
    um(j) -= h;
    Element::evaluate(up, ctx, true, plus);
    Element::evaluate(um, ctx, true, minus);
    const double p_iter = vol.dU(ctx.theta_iterate);
    const typename Element::VecE fp = plus.f - (vol.dU(plus.theta) - p_iter) * plus.g;
    const typename Element::VecE fm = minus.f - (vol.dU(minus.theta) - p_iter) * minus.g;
    const typename Element::VecE K_fd =
        (fp - fm) / (2 * h) + vol.d2U(ctx.theta_iterate) / V0 * out.g * out.g(j);
    worst_K = std::max(worst_K, (K_fd - out.K.col(j)).cwiseAbs().maxCoeff() / out.K.cwiseAbs().maxCoeff());
    worst_g = std::max(worst_g, std::abs(V0 * (plus.theta - minus.theta) / (2 * h) - out.g(j)) /
                                    out.g.cwiseAbs().maxCoeff());
  }
  EXPECT_LT(worst_K, 1e-6) << mat.name();
  EXPECT_LT(worst_g, 1e-6) << mat.name();
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
  v.push_back(with_kappa(models::VerondaWestmann(5e3, 2.0), 5e5));
  v.push_back(with_kappa(models::Polynomial({3e3, 2e3, 1e3, 8e3, 5e2}), 5e5));
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

TEST(SolidElement, TangentAtADilatationIterateIsTheFrozenPressureDerivative) {
  unsigned seed = 21;
  for (const auto& m : materials()) {
    check_dilatation_iterate<Hex8Element>(*m, seed++);
    check_dilatation_iterate<AxiQuad4Element>(*m, seed++);
  }
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
