// Verification of the hyperelastic materials, the volumetric laws, the deviatoric projection and
// the parameter checks: zero stress in the reference state, finite-difference checks of every
// stress and tangent, objectivity, the small-strain limit and homogeneous closed-form solutions.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "../builtin_registry.hpp"
#include "material_checks.hpp"
#include "myo/models/mooney_rivlin.hpp"
#include "myo/models/neo_hookean.hpp"
#include "myo/models/ogden.hpp"
#include "myo/models/register_builtin.hpp"
#include "myo/sim/material.hpp"
#include "myo/sim/registry.hpp"
#include "../error_of.hpp"

namespace {

using myo::test::builtin_registry;
using myo::test::energy_fd_error;
using myo::test::random_rotation;
using myo::test::tangent_fd_error;
using myo::sim::Mat3;
using myo::sim::Mat6;
using myo::sim::Material;
using myo::sim::MaterialPoint;
using myo::sim::Vec3;
using myo::sim::Vec6;
using myo::sim::VolumetricForm;
using myo::sim::VolumetricLaw;

constexpr double kFdTolerance = 1e-6;   // relative error of every FD check
constexpr double kMu = 1.0e3;           // Pa, small-strain shear modulus of every case
constexpr double kKappa = 2.0e4;        // Pa; moderate so that FD checks see the isochoric part

const VolumetricForm kForms[] = {VolumetricForm::quadratic, VolumetricForm::logarithmic,
                                 VolumetricForm::simo_taylor};

struct MaterialCase {
  std::string label;
  std::string name;
  myo::sim::ParamValues params;
};

std::ostream& operator<<(std::ostream& os, const MaterialCase& c) { return os << c.label; }

const std::vector<MaterialCase> kCases = {
    {"neo_hookean", "neo_hookean", {{"mu", kMu}, {"kappa", kKappa}}},
    {"mooney_rivlin", "mooney_rivlin", {{"c1", 0.3 * kMu}, {"c2", 0.2 * kMu}, {"kappa", kKappa}}},
    {"ogden_alpha_1_3", "ogden", {{"mu", kMu}, {"alpha", 1.3}, {"kappa", kKappa}}},
    {"ogden_alpha_m2", "ogden", {{"mu", kMu}, {"alpha", -2.0}, {"kappa", kKappa}}},
    {"ogden_alpha_5", "ogden", {{"mu", kMu}, {"alpha", 5.0}, {"kappa", kKappa}}},
    // A soft matrix plus a stiffening term, as the tissue presets fitted to compression data.
    {"veronda_westmann", "veronda_westmann", {{"C1", 0.5 * kMu}, {"C2", 2.0}, {"kappa", kKappa}}},
    {"ogden_two_terms", "ogden",
     {{"mu", 0.4 * kMu}, {"alpha", 2.0}, {"mu2", 0.6 * kMu}, {"alpha2", 12.0}, {"kappa", kKappa}}},
    {"ogden_three_terms", "ogden",
     {{"mu", 0.5 * kMu}, {"alpha", 1.3}, {"mu2", 0.3 * kMu}, {"alpha2", -2.0}, {"mu3", 0.2 * kMu},
      {"alpha3", 8.0}, {"kappa", kKappa}}},
    {"polynomial", "polynomial",
     {{"C10", 0.3 * kMu}, {"C01", 0.2 * kMu}, {"C20", 0.4 * kMu}, {"C11", 0.8 * kMu},
      {"C02", 0.1 * kMu}, {"kappa", kKappa}}},
    // Hendriks 2005's in vivo skin: C10 and C11 only, C11 / C10 = 82 / 9.4.
    {"polynomial_hendriks", "polynomial", {{"C10", 0.5 * kMu}, {"C11", 4.36 * kMu}, {"kappa", kKappa}}},
};

std::unique_ptr<Material> make(const MaterialCase& c) {
  return builtin_registry().make_material(c.name, c.params, "materials.tissue");
}

// F = Q1 diag(lambda) Q2^T with principal stretches in [0.7, 1.4]: det F > 0, well conditioned.
Mat3 random_F(std::mt19937& rng) { return myo::test::random_deformation(rng, 0.7, 1.4); }

// States with equal or nearly equal principal stretches, where spectral formulas degenerate.
std::vector<Mat3> special_F() {
  std::mt19937 rng(7);
  const Mat3 Q = random_rotation(rng);
  return {Mat3::Identity(),
          Vec3(1.3, 0.9, 0.9).asDiagonal(),                           // uniaxial
          Vec3(1.2, 1.2, 0.75).asDiagonal(),                          // equibiaxial
          Q * Vec3(0.8, 1.1, 1.1).asDiagonal() * Q.transpose(),       // rotated uniaxial
          Vec3(1.25, 1.0, 1.0 + 1e-9).asDiagonal(),                   // nearly equal
          1.1 * Mat3::Identity(),                                     // pure dilatation
          Q * Vec3(1.0, 1.0, 1.0 + 1e-7).asDiagonal() * Q.transpose()};  // near identity
}

std::vector<Mat3> test_F() {
  std::mt19937 rng(2024);
  std::vector<Mat3> Fs = special_F();
  for (int i = 0; i < 6; ++i) Fs.push_back(random_F(rng));
  return Fs;
}

MaterialPoint at(const Mat3& F) {
  MaterialPoint p;
  p.F = F;
  return p;
}

myo::sim::IsochoricResponse iso_at(const Material& m, const Mat3& F) {
  myo::sim::IsochoricResponse r;
  m.isochoric(at(F), r);
  return r;
}

Mat6 isotropic_elasticity(double lambda, double mu) {
  const Mat3 I = Mat3::Identity();
  return lambda * myo::sim::outer_voigt(I, I) + 2.0 * mu * myo::sim::sym_product_voigt(I, I);
}

class MaterialTest : public ::testing::TestWithParam<MaterialCase> {
 protected:
  void SetUp() override { material_ = make(GetParam()); }
  std::unique_ptr<Material> material_;
};

TEST_P(MaterialTest, ZeroStressAndEnergyAtIdentity) {
  const Material& m = *material_;
  const auto iso = iso_at(m, Mat3::Identity());
  EXPECT_LT(std::abs(iso.W), 1e-12 * kMu);
  EXPECT_LT(iso.S.norm(), 1e-12 * kMu);
  for (VolumetricForm form : kForms) {
    material_->set_volumetric({form, kKappa});
    const auto total = myo::sim::total_response(m, at(Mat3::Identity()));
    EXPECT_LT(std::abs(total.W), 1e-12 * kMu);
    EXPECT_LT(total.S.norm(), 1e-12 * kMu);
  }
}

TEST_P(MaterialTest, ShearModulusMatchesSmallStrainTangent) {
  EXPECT_NEAR(material_->shear_modulus(), kMu, 1e-12 * kMu);
}

TEST_P(MaterialTest, IsochoricStressMatchesEnergyDerivative) {
  const Material& m = *material_;
  const auto W = [&](const Mat3& F) { return iso_at(m, F).W; };
  for (const Mat3& F : test_F()) {
    EXPECT_LT(energy_fd_error(W, F, iso_at(m, F).S, kMu), kFdTolerance) << "F =\n" << F;
  }
}

TEST_P(MaterialTest, IsochoricTangentMatchesStressDerivative) {
  const Material& m = *material_;
  const auto S = [&](const Mat3& F) { return iso_at(m, F).S; };
  for (const Mat3& F : test_F()) {
    const Mat6 CC = iso_at(m, F).CC;
    EXPECT_LT(tangent_fd_error(S, F, CC), kFdTolerance) << "F =\n" << F;
    EXPECT_LT((CC - CC.transpose()).norm(), 1e-12 * CC.norm()) << "major symmetry, F =\n" << F;
  }
}

TEST_P(MaterialTest, TotalResponseMatchesFiniteDifferencesForEveryVolumetricForm) {
  for (VolumetricForm form : kForms) {
    material_->set_volumetric({form, kKappa});
    const Material& m = *material_;
    const auto W = [&](const Mat3& F) { return myo::sim::total_response(m, at(F)).W; };
    const auto S = [&](const Mat3& F) { return myo::sim::total_response(m, at(F)).S; };
    for (const Mat3& F : test_F()) {
      const auto total = myo::sim::total_response(m, at(F));
      EXPECT_LT(energy_fd_error(W, F, total.S, kMu), kFdTolerance)
          << "form " << static_cast<int>(form) << ", F =\n" << F;
      EXPECT_LT(tangent_fd_error(S, F, total.CC), kFdTolerance)
          << "form " << static_cast<int>(form) << ", F =\n" << F;
    }
  }
}

TEST_P(MaterialTest, ProjectionIsDeviatoric) {
  // W_iso(C) is invariant under C -> t C, so S_iso : C = 0 and (Euler) CC_iso : C = -2 S_iso.
  const Material& m = *material_;
  for (const Mat3& F : test_F()) {
    const auto iso = iso_at(m, F);
    const Mat3 C = F.transpose() * F;
    Vec6 C_w = myo::sim::to_voigt(C);
    C_w.tail<3>() *= 2.0;
    EXPECT_LT(std::abs(iso.S.cwiseProduct(C).sum()), 1e-12 * kMu);
    EXPECT_LT((iso.CC * C_w + 2.0 * myo::sim::to_voigt(iso.S)).norm(), 1e-11 * kMu);
  }
}

TEST_P(MaterialTest, Objectivity) {
  const Material& m = *material_;
  std::mt19937 rng(11);
  for (const Mat3& F : test_F()) {
    const Mat3 Q = random_rotation(rng);
    const auto ref = myo::sim::total_response(m, at(F));
    const auto rot = myo::sim::total_response(m, at(Q * F));
    const double scale = std::max(ref.S.norm(), kMu);
    EXPECT_NEAR(rot.W, ref.W, 1e-12 * kMu);
    EXPECT_LT((rot.S - ref.S).norm(), 1e-11 * scale);
    EXPECT_LT((rot.CC - ref.CC).norm(), 1e-11 * ref.CC.norm());
    const Mat3 sigma = myo::sim::cauchy_stress(F, ref.S);
    const Mat3 sigma_rot = myo::sim::cauchy_stress(Q * F, rot.S);
    EXPECT_LT((sigma_rot - Q * sigma * Q.transpose()).norm(), 1e-11 * scale);
  }
}

TEST_P(MaterialTest, SmallStrainLimitIsLinearIsotropicElasticity) {
  const Mat6 expected = isotropic_elasticity(kKappa - 2.0 / 3.0 * kMu, kMu);
  for (VolumetricForm form : kForms) {
    material_->set_volumetric({form, kKappa});
    const auto total = myo::sim::total_response(*material_, at(Mat3::Identity()));
    EXPECT_LT((total.CC - expected).norm(), 1e-12 * expected.norm())
        << "form " << static_cast<int>(form) << "\n" << total.CC;
  }
}

INSTANTIATE_TEST_SUITE_P(Builtin, MaterialTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.label; });

// ---- closed-form homogeneous states ---------------------------------------------------------

// Principal Cauchy stresses of F = diag(stretch) with U = kappa/2 (J - 1)^2, written directly
// from each paper's energy in principal stretches (no tensor code shared with the materials).
Vec3 closed_form_cauchy(const MaterialCase& c, const Vec3& stretch) {
  const double J = stretch.prod();
  const Vec3 l_bar = std::pow(J, -1.0 / 3.0) * stretch;
  const Vec3 b_bar = l_bar.cwiseAbs2();
  Vec3 tau_bar;  // principal Kirchhoff-like stresses before the deviator, Pa
  if (c.name == "neo_hookean") {
    tau_bar = c.params.at("mu") * b_bar;
  } else if (c.name == "mooney_rivlin") {
    const double c1 = c.params.at("c1"), c2 = c.params.at("c2");
    tau_bar = 2.0 * ((c1 + c2 * b_bar.sum()) * b_bar - c2 * b_bar.cwiseAbs2());
  } else if (c.name == "veronda_westmann") {
    const double C1 = c.params.at("C1"), C2 = c.params.at("C2");
    const double W1 = C1 * C2 * std::exp(C2 * (b_bar.sum() - 3.0)), W2 = -0.5 * C1 * C2;
    tau_bar = 2.0 * ((W1 + W2 * b_bar.sum()) * b_bar - W2 * b_bar.cwiseAbs2());
  } else if (c.name == "polynomial") {
    const auto C = [&](const char* key) { return c.params.count(key) ? c.params.at(key) : 0.0; };
    const double I1 = b_bar.sum(), I2 = 0.5 * (I1 * I1 - b_bar.squaredNorm());
    const double a = I1 - 3.0, b = I2 - 3.0;
    const double W1 = C("C10") + 2.0 * C("C20") * a + C("C11") * b;
    const double W2 = C("C01") + C("C11") * a + 2.0 * C("C02") * b;
    tau_bar = 2.0 * ((W1 + W2 * I1) * b_bar - W2 * b_bar.cwiseAbs2());
  } else {  // Ogden: sum over its terms ("mu", "alpha"; "mu2", "alpha2"; "mu3", "alpha3")
    tau_bar = Vec3::Zero();
    for (const std::string i : {"", "2", "3"}) {
      if (c.params.count("mu" + i) == 0) continue;
      const double mu = c.params.at("mu" + i), alpha = c.params.at("alpha" + i);
      tau_bar += 2.0 * mu / alpha * l_bar.array().pow(alpha).matrix();
    }
  }
  const Vec3 dev = tau_bar - Vec3::Constant(tau_bar.sum() / 3.0);
  return dev / J + Vec3::Constant(c.params.at("kappa") * (J - 1.0));
}

// Lateral stretch t that makes the lateral stress of diag(l, t, t) (uniaxial) or of
// diag(l, l, t) (equibiaxial) vanish, by Newton on the closed form.
double stress_free_lateral_stretch(const MaterialCase& c, double l, bool equibiaxial) {
  const auto stretches = [&](double t) {
    return equibiaxial ? Vec3(l, l, t) : Vec3(l, t, t);
  };
  const int lateral = equibiaxial ? 2 : 1;
  const auto g = [&](double t) { return closed_form_cauchy(c, stretches(t))(lateral); };
  double t = 1.0 / std::sqrt(l);
  for (int it = 0; it < 50; ++it) {
    const double h = 1e-7 * t;
    const double dg = (g(t + h) - g(t - h)) / (2.0 * h);
    const double step = g(t) / dg;
    t -= step;
    if (std::abs(step) < 1e-15 * t) break;
  }
  return t;
}

TEST(ClosedForm, NeoHookeanUniaxialAndEquibiaxial) {
  const MaterialCase& c = kCases[0];
  const auto m = make(c);
  for (double l : {0.8, 1.2, 1.5}) {
    for (bool equibiaxial : {false, true}) {
      const double t = stress_free_lateral_stretch(c, l, equibiaxial);
      const Vec3 stretch = equibiaxial ? Vec3(l, l, t) : Vec3(l, t, t);
      const double J = stretch.prod();
      // With the lateral stress zero, sigma_11 - sigma_lat = mu J^(-5/3) (l^2 - t^2).
      const double sigma_axial = kMu * std::pow(J, -5.0 / 3.0) * (l * l - t * t);
      const Mat3 F = stretch.asDiagonal();
      const Mat3 sigma = myo::sim::cauchy_stress(F, myo::sim::total_response(*m, at(F)).S);
      const int lateral = equibiaxial ? 2 : 1;
      EXPECT_LT(std::abs(sigma(0, 0) - sigma_axial), 1e-10 * std::abs(sigma_axial))
          << "l = " << l << (equibiaxial ? " equibiaxial" : " uniaxial");
      EXPECT_LT(std::abs(sigma(lateral, lateral)), 1e-10 * std::abs(sigma_axial));
      EXPECT_LT((sigma - Mat3(sigma.diagonal().asDiagonal())).norm(), 1e-10 * kMu);
    }
  }
}

TEST(ClosedForm, EveryMaterialUniaxialAndEquibiaxial) {
  for (const MaterialCase& c : kCases) {
    const auto m = make(c);
    for (double l : {0.8, 1.3}) {
      for (bool equibiaxial : {false, true}) {
        const double t = stress_free_lateral_stretch(c, l, equibiaxial);
        const Vec3 stretch = equibiaxial ? Vec3(l, l, t) : Vec3(l, t, t);
        const Vec3 expected = closed_form_cauchy(c, stretch);
        const Mat3 F = stretch.asDiagonal();
        const Mat3 sigma = myo::sim::cauchy_stress(F, myo::sim::total_response(*m, at(F)).S);
        EXPECT_LT((sigma.diagonal() - expected).norm(), 1e-10 * expected.norm())
            << c.label << " l = " << l << (equibiaxial ? " equibiaxial" : " uniaxial");
      }
    }
  }
}

TEST(CrossCheck, OgdenAlpha2AndMooneyRivlinC2ZeroAreNeoHookean) {
  const myo::models::NeoHookean neo(kMu);
  const myo::models::Ogden ogden(kMu, 2.0);
  const myo::models::MooneyRivlin mooney(0.5 * kMu, 0.0);
  for (const Mat3& F : test_F()) {
    const auto ref = iso_at(neo, F);
    for (const Material* m : {static_cast<const Material*>(&ogden),
                              static_cast<const Material*>(&mooney)}) {
      const auto r = iso_at(*m, F);
      EXPECT_NEAR(r.W, ref.W, 1e-12 * kMu) << m->name();
      EXPECT_LT((r.S - ref.S).norm(), 1e-11 * kMu) << m->name();
      EXPECT_LT((r.CC - ref.CC).norm(), 1e-11 * ref.CC.norm()) << m->name();
    }
  }
}

// ---- volumetric laws and Voigt helpers ------------------------------------------------------

TEST(VolumetricLaw, DerivativesMatchFiniteDifferences) {
  for (VolumetricForm form : kForms) {
    const VolumetricLaw vol{form, kKappa};
    EXPECT_EQ(vol.U(1.0), 0.0);
    EXPECT_EQ(vol.dU(1.0), 0.0);
    EXPECT_NEAR(vol.d2U(1.0), kKappa, 1e-12 * kKappa);
    for (double J : {0.5, 0.8, 1.0, 1.1, 1.6}) {
      const double h = 1e-6;
      const double dU_fd = (vol.U(J + h) - vol.U(J - h)) / (2.0 * h);
      const double d2U_fd = (vol.dU(J + h) - vol.dU(J - h)) / (2.0 * h);
      EXPECT_NEAR(vol.dU(J), dU_fd, 1e-7 * kKappa) << "form " << static_cast<int>(form);
      EXPECT_NEAR(vol.d2U(J), d2U_fd, 1e-7 * kKappa) << "form " << static_cast<int>(form);
    }
  }
}

TEST(Voigt, IndicesAndProducts) {
  const int expected[3][3] = {{0, 3, 5}, {3, 1, 4}, {5, 4, 2}};
  for (int I = 0; I < 3; ++I) {
    for (int J = 0; J < 3; ++J) EXPECT_EQ(myo::sim::voigt_index(I, J), expected[I][J]);
  }
  Mat3 A;
  A << 1, 2, 3, 2, 4, 5, 3, 5, 6;
  Vec6 a;
  a << 1, 4, 6, 2, 5, 3;
  EXPECT_EQ(myo::sim::to_voigt(A), a);
  EXPECT_EQ(myo::sim::outer_voigt(A, Mat3::Identity()).col(0), a);
  // II = I (.) I has tensor components 1 on the normal and 1/2 on the shear diagonal.
  Vec6 ii;
  ii << 1, 1, 1, 0.5, 0.5, 0.5;
  EXPECT_EQ(myo::sim::sym_product_voigt(Mat3::Identity(), Mat3::Identity()),
            Mat6(ii.asDiagonal()));
  std::mt19937 rng(3);
  const Mat3 B = random_F(rng), D = random_F(rng);
  const Mat6 BD = myo::sim::sym_product_voigt(B, D);
  const int pairs[6][2] = {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {1, 2}, {0, 2}};
  for (int p = 0; p < 6; ++p) {
    for (int q = 0; q < 6; ++q) {
      const int I = pairs[p][0], J = pairs[p][1], K = pairs[q][0], L = pairs[q][1];
      EXPECT_DOUBLE_EQ(BD(p, q), 0.5 * (B(I, K) * D(J, L) + B(I, L) * D(J, K)));
    }
  }
}

// ---- parameter specifications and the registry ----------------------------------------------

using myo::test::error_of;

TEST(ModelSpec, OutOfRangeNamesPathValueAndRange) {
  const auto& spec = builtin_registry().material_spec("neo_hookean");
  EXPECT_EQ(error_of([&] { spec.resolve({{"mu", -5.0}, {"kappa", 1e5}}, "materials.tissue"); }),
            "materials.tissue.mu: -5 Pa is out of range; expected > 0 Pa (shear modulus)");
  const auto& ogden = builtin_registry().material_spec("ogden");
  const std::string msg = error_of(
      [&] { ogden.resolve({{"mu", 1e3}, {"alpha", 40.0}, {"kappa", 1e5}}, "materials.fat"); });
  EXPECT_NE(msg.find("materials.fat.alpha: 40 is out of range"), std::string::npos) << msg;
  EXPECT_NE(msg.find("[-30, 30]"), std::string::npos) << msg;
  const std::string nan_msg = error_of([&] {
    spec.resolve({{"mu", std::nan("")}, {"kappa", 1e5}}, "materials.tissue");
  });
  EXPECT_NE(nan_msg.find("materials.tissue.mu: nan Pa is out of range"), std::string::npos)
      << nan_msg;
}

TEST(ModelSpec, UnknownKeyListsKnownKeys) {
  const auto& spec = builtin_registry().material_spec("mooney_rivlin");
  const std::string msg = error_of([&] {
    spec.resolve({{"c1", 1.0}, {"c2", 0.0}, {"kappa", 1e3}, {"mu", 7.0}}, "materials.skin");
  });
  EXPECT_NE(msg.find("materials.skin.mu"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unknown key"), std::string::npos) << msg;
  EXPECT_NE(msg.find("7"), std::string::npos) << msg;
  EXPECT_NE(msg.find("known keys: c1, c2, kappa"), std::string::npos) << msg;
}

TEST(ModelSpec, MissingRequiredKeyNamesPathAndRange) {
  const auto& spec = builtin_registry().material_spec("neo_hookean");
  const std::string msg = error_of([&] { spec.resolve({{"mu", 1e3}}, "materials.tissue"); });
  EXPECT_NE(msg.find("materials.tissue.kappa: missing required key (bulk modulus)"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("> 0 Pa"), std::string::npos) << msg;
}

TEST(ModelSpec, ResolveFillsDefaultsAndKeepsGivenValues) {
  myo::sim::ModelSpec spec;
  spec.kind = "material";
  spec.name = "test";
  myo::sim::ParamSpec a;
  a.name = "a";
  a.unit = "Pa";
  a.default_value = 2.0;
  a.min = 0.0;
  a.max = 10.0;
  a.long_name = "test modulus";
  myo::sim::ParamSpec b = a;
  b.name = "b";
  spec.params = {a, b};
  const auto values = spec.resolve({{"b", 10.0}}, "x");
  EXPECT_EQ(values.at("a"), 2.0);
  EXPECT_EQ(values.at("b"), 10.0);  // the range is inclusive
  ASSERT_NE(spec.find("a"), nullptr);
  EXPECT_EQ(spec.find("c"), nullptr);
  EXPECT_EQ(error_of([&] { spec.resolve({{"a", 10.5}}, "x"); }),
            "x.a: 10.5 Pa is out of range; expected in [0, 10] Pa (test modulus)");
}

TEST(Registry, BuiltinMaterialsAreListedAndBuilt) {
  const auto& registry = builtin_registry();
  const auto specs = registry.specs();
  for (const char* name : {"mooney_rivlin", "neo_hookean", "ogden"}) EXPECT_TRUE(registry.has_material(name));
  for (const auto& spec : specs) {
    // Every model of every kind documents itself; materials also need a bulk modulus.
    EXPECT_FALSE(spec.summary.empty());
    EXPECT_FALSE(spec.source.empty());
    for (const auto& p : spec.params) {
      EXPECT_FALSE(p.unit.empty()) << spec.name << "." << p.name;
      EXPECT_FALSE(p.long_name.empty()) << spec.name << "." << p.name;
      EXPECT_FALSE(p.source.empty()) << spec.name << "." << p.name;
    }
    if (spec.kind != "material") continue;
    ASSERT_NE(spec.find("kappa"), nullptr) << spec.name;
    EXPECT_TRUE(spec.find("kappa")->required()) << spec.name;
  }
  for (const MaterialCase& c : kCases) {
    const auto m = make(c);
    EXPECT_EQ(m->name(), c.name);
    EXPECT_EQ(m->volumetric().form, VolumetricForm::quadratic);
    EXPECT_EQ(m->volumetric().kappa_Pa, kKappa);
  }
}

TEST(Registry, ErrorsNameThePath) {
  const auto& registry = builtin_registry();
  const std::string unknown = error_of(
      [&] { registry.make_material("rubber", {}, "materials.tissue"); });
  EXPECT_NE(unknown.find("materials.tissue: unknown material 'rubber'"), std::string::npos)
      << unknown;
  EXPECT_NE(unknown.find("mooney_rivlin, neo_hookean, ogden"), std::string::npos) << unknown;
  const std::string alpha = error_of([&] {
    registry.make_material("ogden", {{"mu", 1e3}, {"alpha", 0.0}, {"kappa", 1e5}},
                           "materials.tissue");
  });
  EXPECT_NE(alpha.find("materials.tissue.alpha: 0 is not allowed"), std::string::npos) << alpha;
  myo::sim::Registry twice;
  myo::models::register_builtin(twice);
  EXPECT_THROW(myo::models::register_builtin(twice), std::invalid_argument);
}

TEST(Registry, ConstructorsRejectInvalidParameters) {
  EXPECT_THROW(myo::models::NeoHookean(0.0), std::invalid_argument);
  EXPECT_THROW(myo::models::MooneyRivlin(1.0, -1.0), std::invalid_argument);
  EXPECT_THROW(myo::models::MooneyRivlin(0.0, 1.0), std::invalid_argument);
  EXPECT_THROW(myo::models::Ogden(1.0, 1e-7), std::invalid_argument);
  EXPECT_THROW(myo::models::Ogden(-1.0, 2.0), std::invalid_argument);
  EXPECT_NO_THROW(myo::models::Ogden(1.0, -1e-6));
  using Terms = std::vector<myo::models::OgdenTerm>;
  EXPECT_EQ(error_of([] { myo::models::Ogden(Terms{{1.0, 2.0}, {1.0, 0.0}}); }).rfind("alpha2: ", 0), 0u);
  EXPECT_EQ(error_of([] { myo::models::Ogden(Terms{{1.0, 2.0}, {2.0, 3.0}, {-1.0, 3.0}}); }).rfind("mu3: ", 0), 0u);
  EXPECT_THROW(myo::models::Ogden(Terms{}), std::invalid_argument);
  EXPECT_THROW(myo::models::Ogden(Terms(4, {1.0, 2.0})), std::invalid_argument);
}

TEST(Registry, OgdenTermsAddUpAndAZeroModulusLeavesATermOut) {
  const auto& registry = builtin_registry();
  const auto two = registry.make_material(
      "ogden", {{"mu", 300.0}, {"alpha", 2.0}, {"mu2", 700.0}, {"alpha2", 20.0}, {"kappa", 1e5}},
      "materials.fat");
  EXPECT_DOUBLE_EQ(two->shear_modulus(), 1000.0);
  // mu2 = 0 (the default) is the one-term solid, bit for bit.
  const auto one = registry.make_material("ogden", {{"mu", 300.0}, {"alpha", 7.0}, {"kappa", 1e5}},
                                          "materials.fat");
  const myo::models::Ogden reference(300.0, 7.0);
  const Mat3 F = Vec3(0.7, 1.1, 1.25).asDiagonal();
  EXPECT_EQ((iso_at(*one, F).S - iso_at(reference, F).S).norm(), 0.0);
  const std::string message = error_of([&] {
    registry.make_material("ogden", {{"mu", 1e3}, {"alpha", 2.0}, {"mu2", 1e3}, {"alpha2", 0.0},
                                     {"kappa", 1e5}}, "materials.fat");
  });
  EXPECT_NE(message.find("alpha2"), std::string::npos) << message;
}

}  // namespace
