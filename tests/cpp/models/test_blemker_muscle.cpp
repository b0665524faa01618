// Verification of the Blemker, Pinsky & Delp 2005 muscle material ("blemker_muscle"): zero stress
// at F = I (and the active stress sigma_max a there), finite-difference checks of S against W and
// of CC against S on both sides of every kink of the fibre curves, several fibre directions and
// activations, objectivity and transverse isotropy, and closed-form homogeneous states (uniaxial
// fibre stretch with free lateral faces, simple shear along and across the fibres).
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
#include "myo/models/blemker_muscle.hpp"
#include "myo/models/register_builtin.hpp"
#include "myo/sim/material.hpp"
#include "myo/sim/registry.hpp"
#include "../error_of.hpp"

namespace {

using myo::test::builtin_registry;
using myo::test::energy_fd_error;
using myo::test::random_rotation;
using myo::test::tangent_fd_error;
using myo::models::BlemkerMuscle;
using myo::models::BlemkerMuscleParams;
using myo::sim::Mat3;
using myo::sim::Mat6;
using myo::sim::Material;
using myo::sim::MaterialPoint;
using myo::sim::Vec3;
using myo::sim::Vec6;
using myo::sim::VolumetricForm;

constexpr double kFdTolerance = 1e-6;
constexpr double kG1 = 500.0;   // Pa
constexpr double kG2 = 700.0;   // Pa; differs from G1 so that a swap is seen
constexpr double kKappa = 5.0e4;

struct MuscleCase {
  std::string label;
  myo::sim::ParamValues params;  // kappa is added by make()
};

std::ostream& operator<<(std::ostream& os, const MuscleCase& c) { return os << c.label; }

// Blemker's fibre parameters with the paper's sigma_max, and a case with a small sigma_max where
// the matrix (G1, G2) terms are of the same size as the fibre terms.
const std::vector<MuscleCase> kCases = {
    {"passive", {{"G1", kG1}, {"G2", kG2}, {"activation", 0.0}}},
    {"active_0_5", {{"G1", kG1}, {"G2", kG2}, {"activation", 0.5}}},
    {"matrix_dominated_active",
     {{"G1", kG1}, {"G2", kG2}, {"sigma_max", 3.0e3}, {"activation", 0.5}}},
    {"lofl_1_1_active",
     {{"G1", kG1}, {"G2", kG2}, {"lambda_ofl", 1.1}, {"lambda_star", 1.3}, {"activation", 0.5}}},
    // The stiffening Ogden ground matrix of the in vivo presets, of the size of the fibre terms.
    {"ogden_matrix_active",
     {{"G1", kG1}, {"G2", kG2}, {"sigma_max", 3.0e3}, {"activation", 0.5}, {"matrix_mu", 2.0e3},
      {"matrix_alpha", 6.8}}},
};

std::unique_ptr<Material> make(const MuscleCase& c, double kappa = kKappa) {
  myo::sim::ParamValues values = c.params;
  values["kappa"] = kappa;
  return builtin_registry().make_material("blemker_muscle", values, "materials.muscle");
}

const BlemkerMuscle& as_muscle(const Material& m) { return dynamic_cast<const BlemkerMuscle&>(m); }

Mat3 random_F(std::mt19937& rng) { return myo::test::random_deformation(rng, 0.75, 1.3); }

std::vector<Vec3> fibre_directions() {
  std::mt19937 rng(5);
  std::normal_distribution<double> normal;
  const Vec3 random_dir = Vec3(normal(rng), normal(rng), normal(rng)).normalized();
  return {Vec3::UnitX(), Vec3::UnitZ(), Vec3(1.0, 2.0, -3.0).normalized(), random_dir};
}

double fibre_stretch_bar(const Mat3& F, const Vec3& a0) {
  return std::cbrt(1.0 / F.determinant()) * (F * a0).norm();
}

// Random F, then stretched along a0 so that the isochoric fibre stretch is `target`:
// F (I + (s - 1) a0 (x) a0) scales |F a0| by s and J by s, so lambda_bar scales by s^(2/3).
Mat3 F_with_fibre_stretch(std::mt19937& rng, const Vec3& a0, double target) {
  const Mat3 F0 = random_F(rng);
  const double s = std::pow(target / fibre_stretch_bar(F0, a0), 1.5);
  return F0 * (Mat3::Identity() + (s - 1.0) * a0 * a0.transpose());
}

// Fibre stretches on every branch of f_passive and f_active, at least 0.03 from every kink for
// lambda_ofl = 1 (kinks 0.4, 0.6, 1, 1.4, 1.6) and lambda_ofl = 1.1, lambda_star = 1.3 (kinks
// 0.44, 0.66, 1.1, 1.3, 1.54, 1.76).
const double kFibreStretches[] = {0.5, 0.8, 0.95, 1.2, 1.45, 1.7};

MaterialPoint at(const Mat3& F, const Vec3& a0) {
  MaterialPoint p;
  p.F = F;
  p.fibre = a0;
  return p;
}

myo::sim::IsochoricResponse iso_at(const Material& m, const Mat3& F, const Vec3& a0) {
  myo::sim::IsochoricResponse r;
  m.isochoric(at(F, a0), r);
  return r;
}

class BlemkerMuscleTest : public ::testing::TestWithParam<MuscleCase> {
 protected:
  void SetUp() override { material_ = make(GetParam()); }
  std::unique_ptr<Material> material_;
};

TEST_P(BlemkerMuscleTest, IsochoricStressMatchesEnergyAndTangentMatchesStress) {
  const Material& m = *material_;
  std::mt19937 rng(2024);
  for (const Vec3& a0 : fibre_directions()) {
    const auto W = [&](const Mat3& F) { return iso_at(m, F, a0).W; };
    const auto S = [&](const Mat3& F) { return iso_at(m, F, a0).S; };
    for (double target : kFibreStretches) {
      for (int k = 0; k < 2; ++k) {
        const Mat3 F = F_with_fibre_stretch(rng, a0, target);
        ASSERT_NEAR(fibre_stretch_bar(F, a0), target, 1e-12);
        const auto r = iso_at(m, F, a0);
        EXPECT_LT(energy_fd_error(W, F, r.S, kG1), kFdTolerance)
            << "lambda_f = " << target << ", a0 = " << a0.transpose() << ", F =\n" << F;
        EXPECT_LT(tangent_fd_error(S, F, r.CC), kFdTolerance)
            << "lambda_f = " << target << ", a0 = " << a0.transpose() << ", F =\n" << F;
        EXPECT_LT((r.CC - r.CC.transpose()).norm(), 1e-12 * r.CC.norm()) << "major symmetry";
      }
    }
  }
}

TEST_P(BlemkerMuscleTest, TotalResponseMatchesFiniteDifferences) {
  std::mt19937 rng(77);
  for (VolumetricForm form : {VolumetricForm::quadratic, VolumetricForm::simo_taylor}) {
    material_->set_volumetric({form, kKappa});
    const Material& m = *material_;
    for (const Vec3& a0 : fibre_directions()) {
      const auto W = [&](const Mat3& F) { return myo::sim::total_response(m, at(F, a0)).W; };
      const auto S = [&](const Mat3& F) { return myo::sim::total_response(m, at(F, a0)).S; };
      for (double target : {0.8, 1.2}) {
        const Mat3 F = F_with_fibre_stretch(rng, a0, target);
        const auto total = myo::sim::total_response(m, at(F, a0));
        EXPECT_LT(energy_fd_error(W, F, total.S, kG1), kFdTolerance) << "F =\n" << F;
        EXPECT_LT(tangent_fd_error(S, F, total.CC), kFdTolerance) << "F =\n" << F;
      }
    }
  }
}

// States with no cross-fibre shear (w = 1, where B2 = acosh(w) has its branch point) and nearly
// so: the series branch of B2^2 must agree with the energy and stress there too.
TEST_P(BlemkerMuscleTest, DerivativesAtAndNearZeroCrossFibreShear) {
  const Material& m = *material_;
  std::mt19937 rng(3);
  for (const Vec3& a0 : fibre_directions()) {
    // Rotation taking e1 to a0.
    const Mat3 R = Eigen::Quaterniond::FromTwoVectors(Vec3::UnitX(), a0).toRotationMatrix();
    const auto W = [&](const Mat3& F) { return iso_at(m, F, a0).W; };
    const auto S = [&](const Mat3& F) { return iso_at(m, F, a0).S; };
    for (const Vec3& d : {Vec3(1.2, 1.0 / std::sqrt(1.2), 1.0 / std::sqrt(1.2)),
                          Vec3(0.8, 1.1, 1.1), Vec3(1.2, 0.9, 0.9 + 1e-4),
                          Vec3(0.95, 1.0, 1.0 + 0.05), Vec3(1.45, 0.85, 0.87)}) {
      const Mat3 F = R * d.asDiagonal() * R.transpose();
      const auto r = iso_at(m, F, a0);
      EXPECT_LT(energy_fd_error(W, F, r.S, kG1), kFdTolerance) << "d = " << d.transpose();
      EXPECT_LT(tangent_fd_error(S, F, r.CC), kFdTolerance) << "d = " << d.transpose();
    }
  }
}

TEST_P(BlemkerMuscleTest, ProjectionIsDeviatoric) {
  const Material& m = *material_;
  std::mt19937 rng(9);
  for (const Vec3& a0 : fibre_directions()) {
    for (double target : kFibreStretches) {
      const Mat3 F = F_with_fibre_stretch(rng, a0, target);
      const auto r = iso_at(m, F, a0);
      const Mat3 C = F.transpose() * F;
      Vec6 C_w = myo::sim::to_voigt(C);
      C_w.tail<3>() *= 2.0;
      const double scale = std::max(r.S.norm(), kG1);
      EXPECT_LT(std::abs(r.S.cwiseProduct(C).sum()), 1e-12 * scale * C.norm());
      EXPECT_LT((r.CC * C_w + 2.0 * myo::sim::to_voigt(r.S)).norm(), 1e-11 * r.CC.norm() * C.norm());
    }
  }
}

TEST_P(BlemkerMuscleTest, ObjectivityAndTransverseIsotropy) {
  const Material& m = *material_;
  std::mt19937 rng(11);
  for (const Vec3& a0 : fibre_directions()) {
    for (double target : kFibreStretches) {
      const Mat3 F = F_with_fibre_stretch(rng, a0, target);
      const auto ref = myo::sim::total_response(m, at(F, a0));
      const double scale = std::max(ref.S.norm(), kG1);
      // Objectivity: F -> Q F.
      const Mat3 Q = random_rotation(rng);
      const auto rot = myo::sim::total_response(m, at(Q * F, a0));
      EXPECT_NEAR(rot.W, ref.W, 1e-12 * std::max(std::abs(ref.W), kG1));
      EXPECT_LT((rot.S - ref.S).norm(), 1e-11 * scale);
      EXPECT_LT((rot.CC - ref.CC).norm(), 1e-11 * ref.CC.norm());
      // Material symmetry: rotations about the fibre and a fibre flip leave W and S unchanged.
      const Mat3 R = Eigen::AngleAxisd(0.7, a0).toRotationMatrix();
      const auto about = myo::sim::total_response(m, at(F * R, a0));
      EXPECT_NEAR(about.W, ref.W, 1e-12 * std::max(std::abs(ref.W), kG1));
      EXPECT_LT((R * about.S * R.transpose() - ref.S).norm(), 1e-11 * scale);
      const auto flipped = myo::sim::total_response(m, at(F, -a0));
      EXPECT_NEAR(flipped.W, ref.W, 1e-12 * std::max(std::abs(ref.W), kG1));
      EXPECT_LT((flipped.S - ref.S).norm(), 1e-12 * scale);
      // The fibre direction is a structural tensor: (F Q^T, Q a0) gives the same W.
      const auto moved = myo::sim::total_response(m, at(F * Q.transpose(), Q * a0));
      EXPECT_NEAR(moved.W, ref.W, 1e-12 * std::max(std::abs(ref.W), kG1));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Blemker, BlemkerMuscleTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.label; });

// ---- reference state --------------------------------------------------------------------------

TEST(BlemkerMuscle, ZeroStressAndEnergyAtIdentityWhenPassive) {
  const auto m = make(kCases[0]);
  for (const Vec3& a0 : fibre_directions()) {
    const auto iso = iso_at(*m, Mat3::Identity(), a0);
    EXPECT_LT(std::abs(iso.W), 1e-12 * kG1);
    EXPECT_LT(iso.S.norm(), 1e-12 * kG1);
    for (VolumetricForm form : {VolumetricForm::quadratic, VolumetricForm::logarithmic,
                                VolumetricForm::simo_taylor}) {
      m->set_volumetric({form, kKappa});
      const auto total = myo::sim::total_response(*m, at(Mat3::Identity(), a0));
      EXPECT_LT(std::abs(total.W), 1e-12 * kG1);
      EXPECT_LT(total.S.norm(), 1e-12 * kG1);
    }
  }
}

// At F = I (lambda_f = lambda_ofl = 1) the active fibre stress is sigma_max a; the uncoupled
// formulation keeps its deviator, sigma = sigma_max a (a0 (x) a0 - I/3), so the along-fibre stress
// exceeds the lateral one by sigma_max a (the fibre stress once the lateral faces are free).
TEST(BlemkerMuscle, ActiveStressAtOptimalLengthIsSigmaMaxTimesActivation) {
  for (double a : {0.25, 0.5, 1.0}) {
    const MuscleCase c{"active", {{"G1", kG1}, {"G2", kG2}, {"activation", a}}};
    const auto m = make(c);
    const double sigma_max = 3.0e5;
    for (const Vec3& a0 : fibre_directions()) {
      const auto total = myo::sim::total_response(*m, at(Mat3::Identity(), a0));
      const Mat3 sigma = myo::sim::cauchy_stress(Mat3::Identity(), total.S);
      const Mat3 expected = sigma_max * a * (a0 * a0.transpose() - Mat3::Identity() / 3.0);
      EXPECT_LT((sigma - expected).norm(), 1e-12 * sigma_max) << "a = " << a;
      const Vec3 n = a0.unitOrthogonal();
      EXPECT_NEAR(a0.dot(sigma * a0) - n.dot(sigma * n), sigma_max * a, 1e-12 * sigma_max);
      EXPECT_LT(std::abs(total.W), 1e-12 * kG1);
    }
  }
}

TEST(BlemkerMuscle, SmallStrainShearModuliAre2G1And2G2) {
  const auto m = make(kCases[0]);
  const auto total = myo::sim::total_response(*m, at(Mat3::Identity(), Vec3::UnitX()));
  // Voigt (xx, yy, zz, xy, yz, xz), fibre along x: xy and xz shear along the fibre, yz across.
  EXPECT_NEAR(total.CC(3, 3), 2.0 * kG1, 1e-9 * kG1);
  EXPECT_NEAR(total.CC(5, 5), 2.0 * kG1, 1e-9 * kG1);
  EXPECT_NEAR(total.CC(4, 4), 2.0 * kG2, 1e-9 * kG1);
  EXPECT_NEAR(m->shear_modulus(), 2.0 * kG2, 1e-12 * kG2);
}

// ---- closed-form homogeneous states -----------------------------------------------------------

// Blemker's along-fibre stress sigma_fibre = sigma_max (f_passive + a f_active)(l) l, written
// directly from the paper's curves (no code shared with the material), l = lambda / lambda_ofl.
double paper_fibre_stress(double lambda, double sigma_max, double a, double P1, double P2,
                          double lambda_ofl, double lambda_star) {
  const double l = lambda / lambda_ofl;
  double fp = 0.0;
  if (lambda > lambda_ofl && lambda < lambda_star) {
    fp = P1 * (std::exp(P2 * (l - 1.0)) - 1.0);
  } else if (lambda >= lambda_star) {
    const double P3 = P1 * P2 * std::exp(P2 * (lambda_star / lambda_ofl - 1.0));
    const double P4 = P1 * (std::exp(P2 * (lambda_star / lambda_ofl - 1.0)) - 1.0) -
                      P3 * lambda_star / lambda_ofl;
    fp = P3 * l + P4;
  }
  double fa = 0.0;
  if (l > 0.4 && l <= 0.6) fa = 9.0 * (l - 0.4) * (l - 0.4);
  if (l > 0.6 && l < 1.4) fa = 1.0 - 4.0 * (1.0 - l) * (1.0 - l);
  if (l >= 1.4 && l < 1.6) fa = 9.0 * (l - 1.6) * (l - 1.6);
  return sigma_max * (fp + a * fa) * l;
}

// Homogeneous uniaxial stretch lambda along a0 with the lateral stretch t chosen (Newton on the
// material's own lateral Cauchy stress) so that the lateral faces are stress-free. The shear
// invariants vanish, so sigma_ff = sigma_fibre(lambda_bar) / J, lambda_bar = J^(-1/3) lambda.
TEST(BlemkerMuscle, UniaxialFibreStretchGivesPaperFibreStress) {
  struct Fibre {
    double lambda_ofl, lambda_star;
  };
  for (const Fibre fib : {Fibre{1.0, 1.4}, Fibre{1.1, 1.3}}) {
    for (double a : {0.0, 0.5, 1.0}) {
      const MuscleCase c{"uniaxial",
                         {{"G1", kG1},
                          {"G2", kG2},
                          {"activation", a},
                          {"lambda_ofl", fib.lambda_ofl},
                          {"lambda_star", fib.lambda_star}}};
      for (double kappa : {kKappa, 1.0e11}) {
        const auto m = make(c, kappa);
        for (const Vec3& a0 : fibre_directions()) {
          const Mat3 R = Eigen::Quaterniond::FromTwoVectors(Vec3::UnitX(), a0).toRotationMatrix();
          const Vec3 n = R.col(1);
          // Every branch: active rise (0.5), plateau (0.7-1.2), exponential passive (1.2), the
          // linear passive extension beyond lambda_star with active fall (1.5) and without (1.7).
          for (double lambda : {0.5, 0.7, 0.9, 1.2, 1.5, 1.7}) {
            const auto F_of = [&](double t) {
              return Mat3(R * Vec3(lambda, t, t).asDiagonal() * R.transpose());
            };
            const auto sigma_of = [&](double t) {
              const Mat3 F = F_of(t);
              return Mat3(myo::sim::cauchy_stress(F, myo::sim::total_response(*m, at(F, a0)).S));
            };
            const auto lateral = [&](double t) { return n.dot(sigma_of(t) * n); };
            double t = 1.0 / std::sqrt(lambda);
            for (int it = 0; it < 60; ++it) {
              const double h = 1e-7 * t;
              const double step = lateral(t) / ((lateral(t + h) - lateral(t - h)) / (2.0 * h));
              t -= step;
              if (std::abs(step) < 1e-15 * t) break;
            }
            const Mat3 sigma = sigma_of(t);
            const double J = lambda * t * t;
            const double lambda_bar = std::cbrt(1.0 / J) * lambda;
            const double expected = paper_fibre_stress(lambda_bar, 3.0e5, a, 0.05, 6.6,
                                                       fib.lambda_ofl, fib.lambda_star) / J;
            const double scale = std::max(std::abs(expected), kG1);
            // The pressure kappa (J - 1) carries a roundoff of about kappa * 1e-16.
            const double tol = 1e-9 * scale + 1e-15 * kappa;
            EXPECT_NEAR(a0.dot(sigma * a0), expected, tol)
                << "lambda = " << lambda << ", a = " << a << ", kappa = " << kappa;
            EXPECT_LT(std::abs(lateral(t)), tol);
            EXPECT_LT((sigma - R * Mat3((R.transpose() * sigma * R).diagonal().asDiagonal()) *
                                   R.transpose())
                          .norm(),
                      tol);
            if (kappa > 1e10) {  // incompressible limit: the paper's formula at lambda itself
              const double incompressible = paper_fibre_stress(lambda, 3.0e5, a, 0.05, 6.6,
                                                               fib.lambda_ofl, fib.lambda_star);
              EXPECT_LT(std::abs(J - 1.0), 1e-5);
              EXPECT_NEAR(a0.dot(sigma * a0), incompressible, 1e-4 * scale);
            }
          }
        }
      }
    }
  }
}

// Simple shear, derived from W = G1 B1^2 + G2 B2^2 (+ W_fibre + U). For any W in simple shear
// F = I + gamma e (x) m (e, m orthonormal), J = 1 and the Cauchy shear stress is
// sigma(e, m) = P(e, m) = dW/dgamma (P = F S, sigma = P F^T with F^T m = m, and the pressure
// term -p F^-T has no (e, m) component since F^-T = I - gamma m (x) e).
//  - Along the fibre, e = a0, m = n0: C = I + gamma (a0 n0 + n0 a0) + gamma^2 n0 n0, so I4 = 1,
//    C a0 = a0 + gamma n0, I5 = 1 + gamma^2, B1^2 = I5/I4^2 - 1 = gamma^2 (B1 = gamma); I1 =
//    3 + gamma^2 gives w = (I1 I4 - I5)/2 = 1, B2 = 0. W = G1 gamma^2 and
//    sigma(a0, n0) = 2 G1 gamma exactly, for any gamma and activation (lambda_f stays 1).
//  - Across the fibres, e = n0, m = n1 (both normal to a0): C a0 = a0, I4 = I5 = 1, B1 = 0;
//    w = (3 + gamma^2 - 1)/2 = 1 + gamma^2/2 = cosh(2 asinh(gamma/2)), so B2 = 2 asinh(gamma/2),
//    W = 4 G2 asinh(gamma/2)^2 and sigma(n0, n1) = 4 G2 asinh(gamma/2) / sqrt(1 + gamma^2/4).
// Both are 2 G1 gamma and 2 G2 gamma to first order: the small-strain shear moduli 2 G1, 2 G2.
TEST(BlemkerMuscle, SimpleShearAlongAndAcrossFibres) {
  for (double a : {0.0, 0.5}) {
    const auto m = make({"shear", {{"G1", kG1}, {"G2", kG2}, {"activation", a}}});
    for (const Vec3& a0 : fibre_directions()) {
      const Vec3 n0 = a0.unitOrthogonal();
      const Vec3 n1 = a0.cross(n0);
      // gamma = 0.14 and 0.1416 put w - 1 = gamma^2/2 just below and above 1e-2, where the
      // material switches from the series of acosh(w)^2 to the closed form.
      for (double gamma : {1e-4, 1e-2, 0.14, 0.1416, 0.3, 1.0}) {
        const Mat3 F_along = Mat3::Identity() + gamma * a0 * n0.transpose();
        const auto along = myo::sim::total_response(*m, at(F_along, a0));
        const Mat3 s_along = myo::sim::cauchy_stress(F_along, along.S);
        const double tau_along = 2.0 * kG1 * gamma;
        EXPECT_NEAR(a0.dot(s_along * n0), tau_along, 1e-10 * tau_along) << "gamma = " << gamma;
        if (a == 0.0) {
          // W carries an absolute roundoff of about G2 * 1e-16 from w - 1 (formed by cancellation).
          EXPECT_NEAR(along.W, kG1 * gamma * gamma, 1e-10 * kG1 * gamma * gamma + 1e-12 * kG2);
        }

        const Mat3 F_across = Mat3::Identity() + gamma * n0 * n1.transpose();
        const auto across = myo::sim::total_response(*m, at(F_across, a0));
        const Mat3 s_across = myo::sim::cauchy_stress(F_across, across.S);
        const double tau_across =
            4.0 * kG2 * std::asinh(0.5 * gamma) / std::sqrt(1.0 + 0.25 * gamma * gamma);
        EXPECT_NEAR(n0.dot(s_across * n1), tau_across, 1e-10 * tau_across) << "gamma = " << gamma;
        const double B2 = 2.0 * std::asinh(0.5 * gamma);
        if (a == 0.0) {
          EXPECT_NEAR(across.W, kG2 * B2 * B2, 1e-10 * kG2 * B2 * B2 + 1e-12 * kG2);
        }
      }
    }
  }
}

TEST(BlemkerMuscle, FibreCurvesMatchThePaper) {
  const BlemkerMuscle m(BlemkerMuscleParams{});
  EXPECT_EQ(BlemkerMuscle::f_active(1.0), 1.0);
  EXPECT_NEAR(BlemkerMuscle::f_active(0.6), 0.36, 1e-15);
  EXPECT_NEAR(BlemkerMuscle::f_active(1.4), 0.36, 1e-15);
  EXPECT_EQ(BlemkerMuscle::f_active(0.3), 0.0);
  EXPECT_EQ(BlemkerMuscle::f_active(1.7), 0.0);
  EXPECT_EQ(m.f_passive(0.9), 0.0);
  EXPECT_NEAR(m.f_passive(1.2), 0.05 * (std::exp(6.6 * 0.2) - 1.0), 1e-15);
  // C1 continuity at lambda_star.
  const double h = 1e-7;
  EXPECT_NEAR(m.f_passive(1.4 + h) - m.f_passive(1.4 - h),
              2.0 * h * 0.05 * 6.6 * std::exp(6.6 * 0.4), 1e-12);
}

// The ground matrix is added, not blended: the muscle with matrix_mu is the muscle without it plus
// the one-term Ogden solid, in W, S and CC, at any F and fibre; its shear modulus grows by mu_m.
TEST(BlemkerMuscle, GroundMatrixAddsAnOgdenSolid) {
  const MuscleCase plain{"plain", {{"G1", kG1}, {"G2", kG2}, {"activation", 0.3}}};
  MuscleCase with_matrix = plain;
  with_matrix.params["matrix_mu"] = 2.17e3;
  with_matrix.params["matrix_alpha"] = -3.5;
  const auto a = make(plain), b = make(with_matrix);
  const myo::models::Ogden ogden(2.17e3, -3.5);
  std::mt19937 rng(7);
  for (const Vec3& a0 : fibre_directions()) {
    const Mat3 F = random_F(rng);
    const auto ra = iso_at(*a, F, a0), rb = iso_at(*b, F, a0), ro = iso_at(ogden, F, a0);
    EXPECT_NEAR(rb.W, ra.W + ro.W, 1e-12 * std::abs(rb.W));
    EXPECT_LT((rb.S - ra.S - ro.S).norm(), 1e-12 * rb.S.norm());
    EXPECT_LT((rb.CC - ra.CC - ro.CC).norm(), 1e-12 * rb.CC.norm());
  }
  EXPECT_DOUBLE_EQ(b->shear_modulus(), a->shear_modulus() + 2.17e3);
  const std::string zero = myo::test::error_of([&] {
    builtin_registry().make_material("blemker_muscle", {{"kappa", 1e6}, {"matrix_mu", 1e3}, {"matrix_alpha", 0.0}},
                                     "materials.iliacus");
  });
  EXPECT_NE(zero.find("materials.iliacus.matrix_alpha: 0"), std::string::npos) << zero;
}

// ---- parameter specification ------------------------------------------------------------------

using myo::test::error_of;

TEST(BlemkerMuscle, RegistrationDefaultsUnitsAndErrors) {
  const auto& spec = builtin_registry().material_spec("blemker_muscle");
  EXPECT_EQ(spec.kind, "material");
  struct Expected {
    const char* name;
    const char* unit;
    double default_value;
  };
  for (const Expected& e : {Expected{"G1", "Pa", 500.0}, Expected{"G2", "Pa", 500.0},
                            Expected{"P1", "-", 0.05}, Expected{"P2", "-", 6.6},
                            Expected{"lambda_ofl", "-", 1.0}, Expected{"lambda_star", "-", 1.4},
                            Expected{"sigma_max", "Pa", 3.0e5}, Expected{"activation", "-", 0.0},
                            Expected{"matrix_mu", "Pa", 0.0}, Expected{"matrix_alpha", "-", 2.0}}) {
    const auto* p = spec.find(e.name);
    ASSERT_NE(p, nullptr) << e.name;
    EXPECT_EQ(p->unit, e.unit) << e.name;
    EXPECT_EQ(p->default_value, e.default_value) << e.name;
    EXPECT_FALSE(p->long_name.empty()) << e.name;
    EXPECT_FALSE(p->source.empty()) << e.name;
  }
  ASSERT_NE(spec.find("kappa"), nullptr);
  EXPECT_TRUE(spec.find("kappa")->required());
  EXPECT_EQ(spec.find("activation")->max, 1.0);

  const auto m = builtin_registry().make_material("blemker_muscle", {{"kappa", 1e6}}, "m");
  EXPECT_EQ(m->name(), "blemker_muscle");
  EXPECT_EQ(m->volumetric().kappa_Pa, 1e6);
  EXPECT_EQ(as_muscle(*m).params().sigma_max_Pa, 3.0e5);

  const std::string range = error_of([&] {
    builtin_registry().make_material("blemker_muscle", {{"kappa", 1e6}, {"activation", 1.5}},
                                     "materials.psoas");
  });
  EXPECT_NE(range.find("materials.psoas.activation: 1.5"), std::string::npos) << range;
  const std::string order = error_of([&] {
    builtin_registry().make_material("blemker_muscle",
                                     {{"kappa", 1e6}, {"lambda_ofl", 1.2}, {"lambda_star", 1.1}},
                                     "materials.psoas");
  });
  EXPECT_NE(order.find("lambda_star: 1.1 is not allowed"), std::string::npos) << order;
}

TEST(BlemkerMuscle, ConstructorRejectsInvalidParameters) {
  const auto with = [](auto edit) {
    BlemkerMuscleParams p;
    edit(p);
    return p;
  };
  EXPECT_THROW(BlemkerMuscle(with([](auto& p) { p.G1_Pa = 0.0; })), std::invalid_argument);
  EXPECT_THROW(BlemkerMuscle(with([](auto& p) { p.G2_Pa = -1.0; })), std::invalid_argument);
  EXPECT_THROW(BlemkerMuscle(with([](auto& p) { p.P2 = 0.0; })), std::invalid_argument);
  EXPECT_THROW(BlemkerMuscle(with([](auto& p) { p.activation = -0.1; })), std::invalid_argument);
  EXPECT_THROW(BlemkerMuscle(with([](auto& p) { p.lambda_star = 1.0; })), std::invalid_argument);
  EXPECT_THROW(BlemkerMuscle(with([](auto& p) { p.sigma_max_Pa = std::nan(""); })),
               std::invalid_argument);
  EXPECT_NO_THROW(BlemkerMuscle(with([](auto& p) { p.P1 = 0.0; })));
  const BlemkerMuscle m(BlemkerMuscleParams{});
  myo::sim::IsochoricResponse r;
  EXPECT_THROW(m.isochoric(at(Mat3::Identity(), Vec3::Zero()), r), std::invalid_argument);
}

}  // namespace
