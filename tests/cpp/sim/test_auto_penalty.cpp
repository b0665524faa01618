// penalty: auto (auto_penalty.hpp): each face's penalty is alpha mu_f / h_f from the cell under it,
// mu_f its present isochoric stiffness along the face normal (SolidElement::normal_modulus).
#include <gtest/gtest.h>

#include <cmath>

#include "myo/models/neo_hookean.hpp"
#include "myo/models/ogden.hpp"
#include "myo/sim/assembler.hpp"
#include "myo/sim/auto_penalty.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/layered_cylinder.hpp"

namespace myo::sim {
namespace {

constexpr double kMu = 2e3;  // Pa

/// u (n_dofs, m) of the isochoric uniaxial state F = diag(l^-1/2, l^-1/2, l) about the origin.
Eigen::VectorXd uniaxial(const Mesh& mesh, double stretch) {
  Eigen::VectorXd u(mesh.n_nodes() * 3);
  const Vec3 s(1.0 / std::sqrt(stretch) - 1.0, 1.0 / std::sqrt(stretch) - 1.0, stretch - 1.0);
  for (int n = 0; n < mesh.n_nodes(); ++n) u.segment<3>(3 * n) = s.cwiseProduct(Vec3(mesh.X.row(n).transpose()));
  return u;
}

TEST(AutoPenalty, AtRestEachFaceGetsAlphaMuOverItsCellHeight) {
  // Top cells graded toward the surface: 10 mm in 4 cells, the top one the thinnest.
  const Mesh mesh = make_layered_box({0.02, 0.02, 3, 3, {{"tissue", 0.01, 4, 0.25}}});
  const Assembler a(mesh, {{"tissue", std::make_shared<models::NeoHookean>(kMu)}}, Formulation::q1p0);
  const auto& top = mesh.face_sets.at("top");
  double z_top = mesh.X.col(2).maxCoeff(), z_below = -1.0;
  for (int n = 0; n < mesh.n_nodes(); ++n)
    if (mesh.X(n, 2) < z_top - 1e-12) z_below = std::max(z_below, mesh.X(n, 2));
  const AutoPenalty auto_penalty(a, top, 100.0);
  std::vector<double> K;
  EXPECT_TRUE(auto_penalty.update(a, Eigen::VectorXd::Zero(a.n_dofs()), 0.0, K));
  ASSERT_EQ(K.size(), top.size());
  for (double k : K) EXPECT_NEAR(k, 100.0 * kMu / (z_top - z_below), 1e-9 * k);
}

TEST(AutoPenalty, AxisymmetricRingsUseTheirOwnHeightAndRadialGradingDoesNotMatter) {
  const Mesh mesh = make_layered_cylinder({0.03, 6, 5.0, {{"tissue", 0.01, 5, 1.0}}});
  const Assembler a(mesh, {{"tissue", std::make_shared<models::NeoHookean>(kMu)}}, Formulation::q1p0);
  std::vector<double> K;
  AutoPenalty(a, mesh.face_sets.at("top"), 10.0).update(a, Eigen::VectorXd::Zero(a.n_dofs()), 0.0, K);
  for (double k : K) EXPECT_NEAR(k, 10.0 * kMu / 0.002, 1e-9 * k);  // ring volume / ring area = 2 mm
}

TEST(AutoPenalty, NormalModulusUnderUniaxialCompressionIsTheNeoHookeanClosedForm) {
  // mu_eff = (3/4) c_iso(n, n, n, n) = mu (4 / (3 l) - l^2 / 3) for the isochoric uniaxial state.
  const Mesh mesh = make_layered_box({0.01, 0.01, 1, 1, {{"tissue", 0.01, 1, 1.0}}});
  const Assembler a(mesh, {{"tissue", std::make_shared<models::NeoHookean>(kMu)}}, Formulation::q1p0);
  for (double l : {1.0, 0.9, 0.7, 0.5, 1.2})
    EXPECT_NEAR(a.normal_modulus(uniaxial(mesh, l), 0.0, 0, Vec3::UnitZ()), kMu * (4.0 / (3.0 * l) - l * l / 3.0),
                1e-10 * kMu)
        << "stretch " << l;
}

TEST(AutoPenalty, FollowsAStiffeningTissueAndIgnoresSmallChanges) {
  const Mesh mesh = make_layered_box({0.01, 0.01, 2, 2, {{"tissue", 0.01, 2, 1.0}}});
  // Ogden with alpha = 20: the tangent stiffens steeply in compression (Bosboom et al. 2001's muscle).
  const Assembler a(mesh, {{"tissue", std::make_shared<models::Ogden>(kMu, 20.0)}}, Formulation::q1p0);
  const AutoPenalty auto_penalty(a, mesh.face_sets.at("top"), 100.0);
  std::vector<double> K;
  auto_penalty.update(a, Eigen::VectorXd::Zero(a.n_dofs()), 0.0, K);
  const std::vector<double> K_rest = K;
  EXPECT_NEAR(K_rest[0], 100.0 * kMu / 0.005, 1e-9 * K_rest[0]);
  // 1 % compression changes the modulus by less than the hysteresis: nothing moves.
  EXPECT_FALSE(auto_penalty.update(a, uniaxial(mesh, 0.99), 0.0, K));
  EXPECT_EQ(K, K_rest);
  // 20 % compression: the penalty follows the stiffened tangent (the cell height stays the reference one).
  EXPECT_TRUE(auto_penalty.update(a, uniaxial(mesh, 0.8), 0.0, K));
  const double mu_now = a.normal_modulus(uniaxial(mesh, 0.8), 0.0, mesh.face_sets.at("top")[0].cell, Vec3::UnitZ());
  EXPECT_GT(mu_now, 3.0 * kMu);  // 4.04 mu
  for (double k : K) EXPECT_NEAR(k, 100.0 * mu_now / 0.005, 1e-9 * k);
}

TEST(AutoPenalty, RejectsANonPositiveFactor) {
  const Mesh mesh = make_layered_box({0.01, 0.01, 1, 1, {{"tissue", 0.01, 1, 1.0}}});
  const Assembler a(mesh, {{"tissue", std::make_shared<models::NeoHookean>(kMu)}}, Formulation::q1p0);
  for (double f : {0.0, -1.0, std::nan("")}) EXPECT_THROW(AutoPenalty(a, mesh.face_sets.at("top"), f), std::invalid_argument);
}

}  // namespace
}  // namespace myo::sim
