// What the element hands a material at each Gauss point beside F: the Gauss point's reference
// position X (= sum N_a X_a; axisymmetric (R, Z, 0)), the fibre of that point when the context
// carries per-point fibres, and the pressure the element uses (U'(theta) of the cell in Q1/P0,
// U'(J) of the point otherwise) -- in evaluate() and in cell_average() alike.
#include <gtest/gtest.h>

#include <random>

#include "myo/sim/solid_element.hpp"

namespace myo::sim {
namespace {

// Stores X (3), fibre (3) and pressure (1) of each point in its history; no stress.
class RecordingMaterial : public Material {
 public:
  std::string name() const override { return "recording"; }
  void isochoric(const MaterialPoint& p, IsochoricResponse& out) const override {
    out = IsochoricResponse{};
    if (!p.history_new) return;
    for (int i = 0; i < 3; ++i) p.history_new[i] = p.X(i), p.history_new[3 + i] = p.fibre(i);
    p.history_new[6] = p.pressure_Pa;
  }
  int n_history() const override { return 7; }
  double shear_modulus() const override { return 1.0; }
};

template <class Element>
void check_inputs(const Mesh& mesh, Formulation form) {
  RecordingMaterial mat;
  mat.set_volumetric({VolumetricForm::quadratic, 1e6});
  const std::vector<GaussPointGeometry> gauss = compute_gauss_geometry(mesh);
  const int n = static_cast<int>(gauss.size());
  std::vector<Vec3> fibres;
  for (int q = 0; q < n; ++q) fibres.push_back(Vec3(1.0, q, 0.0).normalized());
  std::vector<double> old_h(7 * n, 0.0), new_h(7 * n, 0.0), scratch(7 * n, 0.0);
  ElementContext ctx;
  ctx.gauss = gauss.data();
  ctx.n_gp = n;
  ctx.material = &mat;
  ctx.formulation = form;
  ctx.fibres = fibres.data();
  ctx.history_old = old_h.data();
  ctx.history_new = new_h.data();
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> d(-1e-4, 1e-4);
  typename Element::VecE u;
  for (int k = 0; k < Element::NDOF; ++k) u(k) = d(rng);
  typename Element::Output out;
  Element::evaluate(u, ctx, false, out);
  double V0;
  const double theta = Element::dilatation(u, ctx, V0);
  for (int q = 0; q < n; ++q) {
    Vec3 X = Vec3::Zero();
    for (int a = 0; a < mesh.nodes_per_cell(); ++a)
      for (int i = 0; i < mesh.dim(); ++i) X(i) += gauss[q].N(a) * mesh.X(mesh.cells(0, a), i);
    const double* h = new_h.data() + 7 * q;
    EXPECT_NEAR((Vec3(h[0], h[1], h[2]) - X).norm(), 0.0, 1e-15) << q;
    EXPECT_EQ(Vec3(h[3], h[4], h[5]), fibres[q]) << q;
    const double J = Element::deformation_gradient(u, gauss[q]).determinant();
    const double p = mat.volumetric().dU(form == Formulation::q1p0 ? theta : J);
    EXPECT_NEAR(h[6], p, 1e-9 * std::abs(p)) << q;
  }
  ctx.history_new = scratch.data();
  Mat3 sigma, E;
  Element::cell_average(u, ctx, sigma, E);
  for (int k = 0; k < 7 * n; ++k) EXPECT_EQ(scratch[k], new_h[k]) << k;
}

Mesh unit_cell(CellType type) {
  Mesh m;
  m.cell_type = type;
  if (type == CellType::hex8) {
    m.X.resize(8, 3);
    m.X << 0, 0, 0, 2, 0, 0, 2, 1, 0, 0, 1, 0, 0, 0, 1, 2, 0, 1, 2, 1, 1, 0, 1, 1;
    m.cells.resize(1, 8);
    m.cells << 0, 1, 2, 3, 4, 5, 6, 7;
  } else {
    m.X.resize(4, 2);
    m.X << 1, 0, 2, 0, 2, 1, 1, 1;
    m.cells.resize(1, 4);
    m.cells << 0, 1, 2, 3;
  }
  m.X *= 1e-2;
  m.regions["all"] = {0};
  return m;
}

TEST(MaterialPointInputs, Hex8) {
  check_inputs<Hex8Element>(unit_cell(CellType::hex8), Formulation::q1p0);
  check_inputs<Hex8Element>(unit_cell(CellType::hex8), Formulation::displacement);
}

TEST(MaterialPointInputs, AxisymmetricQuad4) {
  check_inputs<AxiQuad4Element>(unit_cell(CellType::quad4_axisymmetric), Formulation::q1p0);
  check_inputs<AxiQuad4Element>(unit_cell(CellType::quad4_axisymmetric), Formulation::displacement);
  // (R, Z, 0): the radius of the point is its first coordinate.
  const Mesh m = unit_cell(CellType::quad4_axisymmetric);
  for (const GaussPointGeometry& g : compute_gauss_geometry(m)) {
    EXPECT_DOUBLE_EQ(g.X(0), g.R);
    EXPECT_EQ(g.X(2), 0.0);
  }
}

}  // namespace
}  // namespace myo::sim
