// Verification of the finite-strain viscoelastic wrapper (Simo 1987; Holzapfel 2000, sec. 6.10)
// around every registered elastic base ("viscoelastic_<base>": neo-Hookean, Mooney-Rivlin, Ogden,
// Blemker muscle passive and active):
//  - zero stress at F = I, objectivity, the algorithmic tangent against central differences of the
//    stress and the stress against central differences of the step's incremental potential, at a
//    state with history (several steps, dt = 0 included); the registered variant equals the
//    wrapper built by hand around the registered base;
//  - single Prony term, homogeneous isochoric step strain (uniaxial and simple shear) held
//    constant: relaxation against the closed form S_inf (1 + beta exp(-t/tau)) for dt from tau/20
//    to 4 tau, short- and long-time limits, observed order in dt when the step is applied over one
//    time step and for a smooth ramp;
//  - a small FE block held stretched through Model / NewtonSolver / Stepper: its reaction relaxes
//    as the material-point solution with the same steps (history committed per accepted step);
//  - the registry entries and the parameter checks.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "../builtin_registry.hpp"
#include "material_checks.hpp"
#include "myo/models/neo_hookean.hpp"
#include "myo/models/register_builtin.hpp"
#include "myo/models/viscoelastic.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/material.hpp"
#include "myo/sim/model.hpp"
#include "myo/sim/newton_solver.hpp"
#include "myo/sim/registry.hpp"
#include "myo/sim/stepper.hpp"
#include "../error_of.hpp"

namespace myo::models {
namespace {

using myo::test::builtin_registry;
using myo::test::random_rotation;
using myo::test::tangent_fd_error;
using sim::IsochoricResponse;
using sim::Mat3;
using sim::Mat6;
using sim::Material;
using sim::MaterialPoint;
using sim::TotalResponse;
using sim::Vec3;
using sim::Vec6;
using Term = Viscoelastic::Term;

constexpr double kMu = 1.0e3;          // Pa, long-term shear modulus of the bases
constexpr double kKappa = 2.0e4;       // Pa
constexpr double kFdTolerance = 1e-6;

std::shared_ptr<Material> neo_base() {
  auto m = std::make_shared<NeoHookean>(kMu);
  m->set_volumetric({sim::VolumetricForm::quadratic, kKappa});
  return m;
}

const std::vector<Term> kTwoTerms = {{1.5, 2.0}, {0.4, 30.0}};  // (beta, tau s)

// An elastic base from the registry and its registered "viscoelastic_<base>" with kTwoTerms.
struct Variant {
  std::string label;
  std::shared_ptr<const Material> base, visco;
  bool stress_free_at_identity = true;  // false for the active muscle
};

// Every elastic base of the registry (the muscle passive, active, and with its matrix of the size
// of the fibre terms), the fibre direction set per point by the tests.
std::vector<Variant> registered_variants(bool with_active_muscle) {
  struct Base {
    std::string label, name;
    sim::ParamValues params;
    bool stress_free;
  };
  std::vector<Base> list = {
      {"neo_hookean", "neo_hookean", {{"mu", kMu}}, true},
      {"mooney_rivlin", "mooney_rivlin", {{"c1", 300.0}, {"c2", 200.0}}, true},
      {"ogden_5", "ogden", {{"mu", kMu}, {"alpha", 5.0}}, true},
      {"ogden_-2", "ogden", {{"mu", kMu}, {"alpha", -2.0}}, true},
      {"ogden_two_terms", "ogden", {{"mu", 0.4 * kMu}, {"alpha", 2.0}, {"mu2", 0.6 * kMu}, {"alpha2", 12.0}}, true},
      {"veronda_westmann", "veronda_westmann", {{"C1", 0.5 * kMu}, {"C2", 2.0}}, true},
      {"polynomial", "polynomial", {{"C10", 0.25 * kMu}, {"C01", 0.25 * kMu}, {"C11", 2.0 * kMu}}, true},
      {"blemker_passive", "blemker_muscle", {{"G1", 500.0}, {"G2", 700.0}}, true},
      {"blemker_matrix", "blemker_muscle", {{"G1", 500.0}, {"G2", 700.0}, {"sigma_max", 3e3}},
       true}};
  if (with_active_muscle) {
    list.push_back({"blemker_active", "blemker_muscle",
                    {{"G1", 500.0}, {"G2", 700.0}, {"sigma_max", 3e3}, {"activation", 0.5}},
                    false});
  }
  std::vector<Variant> out;
  for (Base& b : list) {
    b.params["kappa"] = kKappa;
    sim::ParamValues prony = b.params;
    prony["beta1"] = kTwoTerms[0].beta;
    prony["tau1"] = kTwoTerms[0].tau_s;
    prony["beta2"] = kTwoTerms[1].beta;
    prony["tau2"] = kTwoTerms[1].tau_s;
    const auto& registry = builtin_registry();
    out.push_back({b.label, registry.make_material(b.name, b.params, "m"),
                   registry.make_material("viscoelastic_" + b.name, prony, "m"), b.stress_free});
  }
  return out;
}

// Material-point driver: trial evaluations read `old` and write `next`; commit() accepts.
class PointDriver {
 public:
  explicit PointDriver(const Material& m, const Vec3& fibre = Vec3::UnitX())
      : m_(m), fibre_(fibre), old_(m.n_history()), next_(m.n_history()) {
    m.init_history(old_.data());
  }
  MaterialPoint point(const Mat3& F, double dt_s) {
    MaterialPoint p;
    p.F = F;
    p.fibre = fibre_;
    p.dt_s = dt_s;
    p.history_old = old_.data();
    p.history_new = next_.data();
    return p;
  }
  IsochoricResponse trial(const Mat3& F, double dt_s) {
    IsochoricResponse r;
    m_.isochoric(point(F, dt_s), r);
    return r;
  }
  TotalResponse trial_total(const Mat3& F, double dt_s) {
    return sim::total_response(m_, point(F, dt_s));
  }
  void commit() { old_ = next_; }
  IsochoricResponse step(const Mat3& F, double dt_s) {
    const IsochoricResponse r = trial(F, dt_s);
    commit();
    return r;
  }
  const std::vector<double>& history() const { return old_; }
  const std::vector<double>& written() const { return next_; }

 private:
  const Material& m_;
  Vec3 fibre_;
  std::vector<double> old_, next_;
};

Mat3 random_F(std::mt19937& rng) {
  std::uniform_real_distribution<double> stretch(0.75, 1.35);
  const Vec3 lambda(stretch(rng), stretch(rng), stretch(rng));
  return random_rotation(rng) * lambda.asDiagonal() * random_rotation(rng).transpose();
}

// Isochoric uniaxial stretch F = diag(l, l^-1/2, l^-1/2) (J = 1).
Mat3 isochoric_uniaxial(double l) {
  return Vec3(l, 1.0 / std::sqrt(l), 1.0 / std::sqrt(l)).asDiagonal();
}

// ---- basic properties -----------------------------------------------------------------------

// A fibre direction off the axes for the muscle (isotropic bases ignore it).
const Vec3 kFibre = Vec3(1.0, 2.0, -3.0).normalized();

TEST(Viscoelastic, ZeroStressAtIdentityAndInstantaneousSmallStrainTangent) {
  for (const Variant& v : registered_variants(false)) {
    const Material& m = *v.visco;
    for (double dt : {0.0, 0.1, 5.0, 1e4}) {
      PointDriver d(m, kFibre);
      const auto iso = d.trial(Mat3::Identity(), dt);
      EXPECT_LT(std::abs(iso.W), 1e-12 * kMu) << v.label;
      EXPECT_LT(iso.S.norm(), 1e-12 * kMu) << v.label << " dt " << dt;
      for (double h : d.written()) EXPECT_LT(std::abs(h), 1e-12 * kMu);
      const auto total = d.trial_total(Mat3::Identity(), dt);
      EXPECT_LT(total.S.norm(), 1e-12 * kMu) << v.label << " dt " << dt;
      // The tangent at F = I is (1 + sum beta_i xi_i) times the base's.
      double factor = 1.0;
      for (const Term& t : kTwoTerms) factor += t.beta * std::exp(-0.5 * dt / t.tau_s);
      IsochoricResponse ref;
      MaterialPoint at_identity;
      at_identity.fibre = kFibre;
      v.base->isochoric(at_identity, ref);
      EXPECT_LT((iso.CC - factor * ref.CC).norm(), 1e-12 * factor * ref.CC.norm()) << v.label;
    }
    // shear_modulus() is the instantaneous one: the dt = 0 tangent at F = I.
    EXPECT_NEAR(m.shear_modulus(), (1.0 + 1.5 + 0.4) * v.base->shear_modulus(), 1e-12 * kMu);
    EXPECT_EQ(m.n_history(), 18);
    EXPECT_EQ(m.volumetric().kappa_Pa, kKappa);
  }
}

// The registered "viscoelastic_<base>" is the wrapper around the registered base: the same
// response, step by step, as one built by hand; short-term (1 + sum beta) and long-term (base)
// limits at a general F.
TEST(Viscoelastic, RegisteredVariantsWrapTheirBase) {
  std::mt19937 rng(17);
  for (const Variant& v : registered_variants(true)) {
    EXPECT_EQ(v.visco->name(), "viscoelastic_" + v.base->name());
    const Viscoelastic by_hand(v.base, kTwoTerms);
    PointDriver a(*v.visco, kFibre), b(by_hand, kFibre), elastic(*v.base, kFibre);
    for (int k = 0; k < 3; ++k) {
      const Mat3 F = random_F(rng);
      const double dt = 0.5 * k;
      EXPECT_EQ(a.step(F, dt).S, b.step(F, dt).S) << v.label;
    }
    const Mat3 F = random_F(rng);
    const Mat3 S_base = elastic.trial(F, 0.0).S;
    const double scale = std::max(S_base.norm(), kMu);
    PointDriver fresh(*v.visco, kFibre);
    EXPECT_LT((fresh.trial(F, 0.0).S - (1.0 + 1.5 + 0.4) * S_base).norm(), 1e-12 * scale)
        << v.label;
    EXPECT_LT((a.step(F, 1e5).S - S_base).norm(), 1e-12 * scale) << v.label;
  }
}

TEST(Viscoelastic, WithoutTermsOrHistoryPointersIsConsistent) {
  std::mt19937 rng(5);
  const auto base = neo_base();
  const Viscoelastic none(base, {});
  const Viscoelastic one(base, {{0.7, 3.0}});
  for (int k = 0; k < 5; ++k) {
    const Mat3 F = random_F(rng);
    MaterialPoint p;
    p.F = F;
    p.dt_s = 0.5;
    IsochoricResponse r_base, r_none, r_null;
    base->isochoric(p, r_base);
    none.isochoric(p, r_none);
    EXPECT_EQ(r_none.S, r_base.S);
    EXPECT_EQ(r_none.CC, r_base.CC);
    EXPECT_EQ(r_none.W, r_base.W);
    // No history pointers: the initial state (zero history), nothing written.
    one.isochoric(p, r_null);
    PointDriver d(one);
    const auto r_hist = d.trial(F, 0.5);
    EXPECT_EQ(r_null.S, r_hist.S);
    EXPECT_EQ(r_null.CC, r_hist.CC);
  }
}

TEST(Viscoelastic, Objectivity) {
  std::mt19937 rng(11);
  for (const Variant& v : registered_variants(true)) {
    const Material& m = *v.visco;
    for (int k = 0; k < 4; ++k) {
      const Mat3 F1 = random_F(rng), F2 = random_F(rng);
      const Mat3 Q1 = random_rotation(rng), Q2 = random_rotation(rng);
      PointDriver ref(m, kFibre), rot(m, kFibre);
      ref.step(F1, 0.7);
      rot.step(Q1 * F1, 0.7);
      const auto a = ref.trial_total(F2, 1.3);
      const auto b = rot.trial_total(Q2 * F2, 1.3);
      const double scale = std::max(a.S.norm(), kMu);
      EXPECT_LT((b.S - a.S).norm(), 1e-11 * scale) << v.label;
      EXPECT_LT((b.CC - a.CC).norm(), 1e-11 * a.CC.norm()) << v.label;
      for (int h = 0; h < m.n_history(); ++h)
        EXPECT_NEAR(rot.written()[h], ref.written()[h], 1e-11 * scale);
      const Mat3 sigma = sim::cauchy_stress(F2, a.S);
      const Mat3 sigma_rot = sim::cauchy_stress(Q2 * F2, b.S);
      EXPECT_LT((sigma_rot - Q2 * sigma * Q2.transpose()).norm(), 1e-11 * scale) << v.label;
    }
  }
}

// A general history: an instantaneous load (Q_i = beta_i S_iso), then a step with relaxation.
void load_general_history(PointDriver& d, std::mt19937& rng) {
  d.step(random_F(rng), 0.0);
  d.step(random_F(rng), 0.8);
}

// The algorithmic tangent at a given history_old and dt equals dS/dE at that history and dt.
TEST(Viscoelastic, AlgorithmicTangentMatchesFiniteDifferencesAtFixedHistory) {
  std::mt19937 rng(2024);
  for (const Variant& v : registered_variants(true)) {
    for (int k = 0; k < 4; ++k) {
      PointDriver d(*v.visco, kFibre);
      load_general_history(d, rng);
      const Mat3 F = random_F(rng);
      for (double dt : {0.0, 0.2, 3.0, 100.0}) {
        const auto S_iso = [&](const Mat3& G) { return d.trial(G, dt).S; };
        const auto S_tot = [&](const Mat3& G) { return d.trial_total(G, dt).S; };
        const Mat6 CC = d.trial(F, dt).CC;
        EXPECT_LT(tangent_fd_error(S_iso, F, CC), kFdTolerance) << v.label << " dt " << dt;
        EXPECT_LT((CC - CC.transpose()).norm(), 1e-12 * CC.norm());
        EXPECT_LT(tangent_fd_error(S_tot, F, d.trial_total(F, dt).CC), kFdTolerance)
            << v.label << " total, dt " << dt;
      }
    }
  }
}

// The stress of one step derives from an incremental potential: with xi_i = exp(-dt/(2 tau_i)),
//     S_n+1 = (1 + sum beta_i xi_i) S_iso^inf(C) + H + S_vol,
//     H = sum_i (xi_i^2 Q_i,n - beta_i xi_i S_iso,n^inf)   (fixed during the step),
// so S_n+1 = dPi/dE with Pi(F) = (1 + sum beta_i xi_i) W_iso^inf + H : E + U(J), E = (C - I)/2.
// Pi is built here from the returned W (the base's) and the stored history (which checks its
// layout), and P = F S is checked against its central differences.
TEST(Viscoelastic, StressMatchesIncrementalPotentialAtFixedHistory) {
  std::mt19937 rng(99);
  const auto from_voigt = [](const double* h) {
    Mat3 A;
    A << h[0], h[3], h[5], h[3], h[1], h[4], h[5], h[4], h[2];
    return A;
  };
  for (const Variant& v : registered_variants(true)) {
    for (int k = 0; k < 3; ++k) {
      PointDriver d(*v.visco, kFibre);
      load_general_history(d, rng);
      const Mat3 F = random_F(rng);
      for (double dt : {0.0, 0.2, 3.0}) {
        double factor = 1.0;
        Mat3 H = Mat3::Zero();
        for (size_t i = 0; i < kTwoTerms.size(); ++i) {
          const double xi = std::exp(-0.5 * dt / kTwoTerms[i].tau_s);
          factor += kTwoTerms[i].beta * xi;
          H += xi * xi * from_voigt(d.history().data() + 6 * (i + 1)) -
               kTwoTerms[i].beta * xi * from_voigt(d.history().data());
        }
        const auto Pi = [&](const Mat3& G) {
          const Mat3 E = 0.5 * (G.transpose() * G - Mat3::Identity());
          return factor * d.trial(G, dt).W + H.cwiseProduct(E).sum() +
                 v.visco->volumetric().U(G.determinant());
        };
        const double err = myo::test::energy_fd_error(Pi, F, d.trial_total(F, dt).S, kMu);
        EXPECT_LT(err, kFdTolerance) << v.label << " dt " << dt;
      }
    }
  }
}

// ---- relaxation: closed form and convergence in dt ---------------------------------------------

constexpr double kBeta = 1.5;
constexpr double kTau = 2.0;    // s
constexpr double kStretch = 1.3;

// Simple shear F = I + gamma e1 (x) e2 (J = 1) and the neo-Hookean S_iso of any isochoric F,
// written from the energy directly: S_iso = mu (I - I1/3 C^-1).
Mat3 simple_shear(double gamma) {
  Mat3 F = Mat3::Identity();
  F(0, 1) = gamma;
  return F;
}

Mat3 neo_hookean_S_iso_of(double mu, const Mat3& F) {
  const Mat3 C = F.transpose() * F;
  return mu * (Mat3::Identity() - C.trace() / 3.0 * C.inverse());
}

// Ideal step (one dt = 0 step), then held: S(t) = S_inf (1 + beta exp(-t/tau)), and the
// recurrence is exact for held strain with any dt (Q decays by xi^2 = exp(-dt/tau) per step).
// Isochoric uniaxial stretch and simple shear, dt from tau/20 to 4 tau.
TEST(Viscoelastic, StepStrainRelaxationMatchesClosedFormForAnyDt) {
  const Viscoelastic m(neo_base(), {{kBeta, kTau}});
  for (const Mat3& F : {isochoric_uniaxial(kStretch), simple_shear(0.5)}) {
    const Mat3 S_inf = neo_hookean_S_iso_of(kMu, F);
    const double scale = kBeta * S_inf.norm();
    for (double dt : {kTau / 20.0, kTau / 3.0, kTau, 4.0 * kTau}) {
      PointDriver d(m);
      // t = 0+: the short-term response, (1 + beta) times the elastic one.
      const Mat3 S0 = d.step(F, 0.0).S;
      EXPECT_LT((S0 - (1.0 + kBeta) * S_inf).norm(), 1e-13 * scale);
      double max_err = 0.0;
      const int n_steps = static_cast<int>(std::ceil(5.0 * kTau / dt));  // to t >= 5 tau
      for (int n = 1; n <= n_steps; ++n) {
        const Mat3 S = d.step(F, dt).S;
        const Mat3 exact = S_inf * (1.0 + kBeta * std::exp(-n * dt / kTau));
        max_err = std::max(max_err, (S - exact).norm() / scale);
      }
      std::printf("[ info     ] ideal step (%s), dt = %.3g tau: max |S - S_closed| / |beta S_inf| "
                  "= %.2e\n", F(0, 1) != 0.0 ? "simple shear" : "uniaxial", dt / kTau, max_err);
      EXPECT_LT(max_err, 1e-12);
      // Long-time limit: the elastic response.
      const Mat3 S_long = d.step(F, 100.0 * kTau).S;
      EXPECT_LT((S_long - S_inf).norm(), 1e-13 * scale);
      // Re-evaluating the accepted state with dt = 0 reproduces it exactly (idempotent output).
      EXPECT_EQ(d.trial(F, 0.0).S, S_long);
    }
  }
}

// The step applied over the first time step (as an FE run does): the closed form of the ideal
// step is reached with error O(dt).
TEST(Viscoelastic, StepOverOneTimeStepConvergesFirstOrderToClosedForm) {
  const Viscoelastic m(neo_base(), {{kBeta, kTau}});
  const Mat3 F = isochoric_uniaxial(kStretch);
  const Mat3 S_inf = neo_hookean_S_iso_of(kMu, isochoric_uniaxial(kStretch));
  const double scale = kBeta * S_inf.norm();
  std::vector<double> errors;
  for (int per_tau : {10, 20, 40, 80}) {
    const double dt = kTau / per_tau;
    PointDriver d(m);
    double max_err = 0.0;
    for (int n = 1; n <= 5 * per_tau; ++n) {
      const Mat3 S = d.step(F, dt).S;
      if (n % per_tau == 0) {  // t = tau, 2 tau, ..., 5 tau
        const Mat3 exact = S_inf * (1.0 + kBeta * std::exp(-n * dt / kTau));
        max_err = std::max(max_err, (S - exact).norm() / scale);
      }
    }
    // Long-time limit reached as well.
    EXPECT_LT((d.step(F, 100.0 * kTau).S - S_inf).norm(), 1e-13 * scale);
    errors.push_back(max_err);
  }
  for (size_t k = 0; k < errors.size(); ++k) {
    const double order = k == 0 ? 0.0 : std::log2(errors[k - 1] / errors[k]);
    std::printf("[ info     ] step over one step, dt = tau/%d: max rel. error %.3e, order %.3f\n",
                10 << k, errors[k], order);
    if (k > 0) {
      EXPECT_NEAR(order, 1.0, 0.05);
    }
  }
  EXPECT_LT(errors.back(), 1e-2);
}

// A smooth ramp of the stretch over [0, tau], then held: against the convolution integral
// Q(t) = beta (S(t) - 1/tau int_0^t exp(-(t - s)/tau) S(s) ds), by Gauss-Legendre; the midpoint
// rule of the recurrence converges with order 2.
TEST(Viscoelastic, SmoothRampConvergesSecondOrder) {
  const Viscoelastic m(neo_base(), {{kBeta, kTau}});
  const double T = kTau, t_end = 3.0 * kTau;
  const auto stretch = [&](double t) { return 1.0 + (kStretch - 1.0) * std::min(t / T, 1.0); };
  const auto S_inf = [&](double t) { return neo_hookean_S_iso_of(kMu, isochoric_uniaxial(stretch(t))); };
  const auto exact = [&](double t) {
    static const double x[5] = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831,
                                0.9061798459386640};
    static const double w[5] = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
                                0.4786286704993665, 0.2369268850561891};
    Mat3 integral = Mat3::Zero();
    // Split at the kink t = T; 400 panels each.
    const double edges[3] = {0.0, std::min(t, T), t};
    for (int seg = 0; seg < 2; ++seg) {
      const double a = edges[seg], b = edges[seg + 1];
      if (b <= a) continue;
      const int panels = 400;
      const double h = (b - a) / panels;
      for (int p = 0; p < panels; ++p)
        for (int g = 0; g < 5; ++g) {
          const double s = a + h * (p + 0.5 + 0.5 * x[g]);
          integral += 0.5 * h * w[g] * std::exp(-(t - s) / kTau) * S_inf(s);
        }
    }
    return Mat3(S_inf(t) + kBeta * (S_inf(t) - integral / kTau));
  };
  const double scale = kBeta * S_inf(T).norm();
  std::vector<double> errors;
  for (int per_tau : {10, 20, 40, 80}) {
    const double dt = kTau / per_tau;
    PointDriver d(m);
    double max_err = 0.0;
    const int n_steps = static_cast<int>(std::lround(t_end / dt));
    for (int n = 1; n <= n_steps; ++n) {
      const double t = n * dt;
      const Mat3 S = d.step(isochoric_uniaxial(stretch(t)), dt).S;
      if (n % (per_tau / 2) == 0) max_err = std::max(max_err, (S - exact(t)).norm() / scale);
    }
    errors.push_back(max_err);
  }
  for (size_t k = 0; k < errors.size(); ++k) {
    const double order = k == 0 ? 0.0 : std::log2(errors[k - 1] / errors[k]);
    std::printf("[ info     ] smooth ramp, dt = tau/%d: max rel. error %.3e, order %.3f\n", 10 << k,
                errors[k], order);
    if (k > 0) {
      EXPECT_NEAR(order, 2.0, 0.1);
    }
  }
  EXPECT_LT(errors.back(), 1e-4);
}

// ---- FE: a block held stretched, through Model / NewtonSolver / Stepper -----------------------

sim::NewtonSettings tight() {
  sim::NewtonSettings s;
  s.residual_rtol = 1e-13;
  s.increment_rtol = 1e-13;
  s.max_iterations = 40;
  return s;
}

// Uniaxial stretch lambda along z, lateral stretch t solved for S_xx = 0 at the trial history
// (Newton on the material law with the driver's history_old), then committed. Returns P_zz (Pa).
double point_uniaxial_step(PointDriver& d, double lambda, double dt, double& t) {
  const auto F_of = [&](double s) { return Mat3(Vec3(s, s, lambda).asDiagonal()); };
  for (int it = 0; it < 60; ++it) {
    const double s = d.trial_total(F_of(t), dt).S(0, 0);
    const double h = 1e-7;
    const double ds = (d.trial_total(F_of(t + h), dt).S(0, 0) - s) / h;
    t -= s / ds;
    if (std::abs(s / ds) < 1e-15) break;
  }
  const double P = lambda * d.trial_total(F_of(t), dt).S(2, 2);
  d.commit();  // the last trial was at the converged t
  return P;
}

TEST(ViscoelasticFE, BlockHeldStretchedRelaxesAsMaterialPoint) {
  const double L = 0.02, lambda = 1.2, beta = 1.0, tau = 2.0;  // m, -, -, s
  auto base = std::make_shared<NeoHookean>(1e4);
  base->set_volumetric({sim::VolumetricForm::quadratic, 1e6});
  auto material = std::make_shared<Viscoelastic>(base, std::vector<Term>{{beta, tau}});
  const double dt = tau / 10.0;
  for (sim::Formulation form : {sim::Formulation::displacement, sim::Formulation::q1p0}) {
    sim::Mesh mesh = sim::make_layered_box({L, L, 2, 2, {{"tissue", L, 1, 1.0}}});
    sim::ModelLoads loads;
    loads.dirichlet = {{"x0", 0, sim::TimeTable::constant(0), {}},
                       {"y0", 1, sim::TimeTable::constant(0), {}},
                       {"bottom", 2, sim::TimeTable::constant(0), {}},
                       // stretched within the first step, then held
                       {"top", 2, sim::TimeTable::ramp(0, dt, (lambda - 1) * L), {}}};
    sim::Model model(mesh, {{"tissue", material}}, form, loads);
    sim::NewtonSolver newton(model, tight());
    sim::StepControl c;
    c.t_end_s = 5.0 * tau;
    c.dt_initial_s = c.dt_max_s = dt;

    PointDriver point(*material);
    double t_lat = 1.0, max_rel = 0.0, P_first = 0.0, P_last = 0.0;
    int steps = 0;
    Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs()), R;
    const auto status = sim::Stepper::run(model, newton, c, u, [&](const sim::StepRecord& rec,
                                                                   const Eigen::VectorXd& u_acc) {
      // After commit: dt = 0 re-evaluates the accepted state without relaxing it again.
      double energy;
      model.evaluate(u_acc, rec.time_s, 0.0, false, R, energy);
      double f = 0.0;
      for (int n : mesh.node_sets.at("top")) f += R(3 * n + 2);
      const double P_fe = f / (L * L);
      const double P_point = point_uniaxial_step(point, lambda, rec.dt_s, t_lat);
      max_rel = std::max(max_rel, std::abs(P_fe / P_point - 1.0));
      if (rec.step == 1) P_first = P_fe;
      P_last = P_fe;
      ++steps;
    });
    ASSERT_TRUE(status.completed) << status.message;
    EXPECT_EQ(steps, 50);
    std::printf("[ info     ] FE block (%s): %d steps, max |P_FE / P_point - 1| = %.2e\n",
                sim::to_string(form).c_str(), steps, max_rel);
    EXPECT_LT(max_rel, 1e-6) << sim::to_string(form);
    // It relaxes: about (1 + beta xi) times the elastic stress after the first step, close to the
    // elastic one (within beta e^-5 of it) at 5 tau.
    PointDriver elastic(*base);
    double t_el = 1.0;
    const double P_elastic = point_uniaxial_step(elastic, lambda, 0.0, t_el);
    EXPECT_NEAR(P_first / P_elastic, 1.0 + beta * std::exp(-0.5 * dt / tau), 0.05);
    EXPECT_NEAR(P_last / P_elastic, 1.0, 1.5 * beta * std::exp(-5.0));
    EXPECT_GT(P_last / P_elastic, 1.0);
  }
}

// ---- registry and parameter checks -----------------------------------------------------------

using myo::test::error_of;

TEST(ViscoelasticRegistry, NeoHookeanCombinationIsBuiltAndChecked) {
  const auto& registry = builtin_registry();
  ASSERT_TRUE(registry.has_material("viscoelastic_neo_hookean"));
  const auto& spec = registry.material_spec("viscoelastic_neo_hookean");
  EXPECT_FALSE(spec.summary.empty());
  EXPECT_FALSE(spec.source.empty());
  for (const char* key : {"mu", "kappa", "beta1", "tau1", "beta2", "tau2"}) {
    const sim::ParamSpec* p = spec.find(key);
    ASSERT_NE(p, nullptr) << key;
    EXPECT_FALSE(p->unit.empty() || p->long_name.empty() || p->source.empty()) << key;
  }
  EXPECT_TRUE(spec.find("tau1")->required());
  EXPECT_EQ(spec.find("beta2")->default_value, 0.0);

  const sim::ParamValues one = {{"mu", 530.0}, {"kappa", 5e4}, {"beta1", 0.64}, {"tau1", 700.0}};
  const auto m1 = registry.make_material("viscoelastic_neo_hookean", one, "materials.fat");
  EXPECT_EQ(m1->name(), "viscoelastic_neo_hookean");
  EXPECT_EQ(m1->n_history(), 12);  // S_iso,n and one Q
  EXPECT_EQ(m1->volumetric().kappa_Pa, 5e4);
  EXPECT_NEAR(m1->shear_modulus(), 1.64 * 530.0, 1e-12 * 530.0);
  // The registered material is the class itself: same response as one built by hand.
  const Viscoelastic by_hand(std::make_shared<NeoHookean>(530.0), {{0.64, 700.0}});
  std::mt19937 rng(3);
  PointDriver a(*m1), b(by_hand);
  for (int k = 0; k < 3; ++k) {
    const Mat3 F = random_F(rng);
    EXPECT_EQ(a.step(F, 50.0).S, b.step(F, 50.0).S);
  }

  sim::ParamValues two = one;
  two["beta2"] = 10.0;
  two["tau2"] = 5.0;
  EXPECT_EQ(registry.make_material("viscoelastic_neo_hookean", two, "m")->n_history(), 18);
  two.erase("tau2");
  EXPECT_EQ(error_of([&] {
              registry.make_material("viscoelastic_neo_hookean", two, "materials.fat");
            }),
            "materials.fat.tau2: 0 s is out of range; expected > 0 s when beta2 > 0 (relaxation "
            "time of Prony term 2)");
  sim::ParamValues bad = one;
  bad["beta1"] = -1.0;
  const std::string beta_msg =
      error_of([&] { registry.make_material("viscoelastic_neo_hookean", bad, "materials.fat"); });
  EXPECT_NE(beta_msg.find("materials.fat.beta1: -1 is out of range"), std::string::npos)
      << beta_msg;
  bad = one;
  bad["tau1"] = 0.0;
  const std::string tau_msg =
      error_of([&] { registry.make_material("viscoelastic_neo_hookean", bad, "materials.fat"); });
  EXPECT_NE(tau_msg.find("materials.fat.tau1: 0 s is out of range"), std::string::npos) << tau_msg;
  bad = one;
  bad.erase("tau1");
  const std::string missing =
      error_of([&] { registry.make_material("viscoelastic_neo_hookean", bad, "materials.fat"); });
  EXPECT_NE(missing.find("materials.fat.tau1: missing required key"), std::string::npos) << missing;
}

// Every elastic base has its "viscoelastic_<base>": the base's parameters unchanged (name, unit,
// default, range) followed by the four Prony parameters.
TEST(ViscoelasticRegistry, EveryElasticBaseHasAVariantWithItsParametersAndPronyTerms) {
  const auto& registry = builtin_registry();
  for (const char* name : {"neo_hookean", "mooney_rivlin", "ogden", "veronda_westmann", "polynomial", "blemker_muscle"}) {
    const std::string variant = std::string("viscoelastic_") + name;
    ASSERT_TRUE(registry.has_material(variant)) << variant;
    const auto& base = registry.material_spec(name);
    const auto& visco = registry.material_spec(variant);
    ASSERT_EQ(visco.params.size(), base.params.size() + 4) << variant;
    for (size_t k = 0; k < base.params.size(); ++k) {
      const sim::ParamSpec &b = base.params[k], &v = visco.params[k];
      EXPECT_EQ(v.name, b.name) << variant;
      EXPECT_EQ(v.unit, b.unit) << variant << "." << b.name;
      EXPECT_TRUE(v.default_value == b.default_value ||
                  (std::isnan(v.default_value) && std::isnan(b.default_value)))
          << variant << "." << b.name;
      EXPECT_EQ(v.min, b.min) << variant << "." << b.name;
      EXPECT_EQ(v.max, b.max) << variant << "." << b.name;
    }
    const std::vector<std::string> prony = {"beta1", "tau1", "beta2", "tau2"};
    for (size_t k = 0; k < prony.size(); ++k)
      EXPECT_EQ(visco.params[base.params.size() + k].name, prony[k]) << variant;
    EXPECT_NE(visco.source.find("Holzapfel 2000"), std::string::npos) << variant;
  }
}

TEST(ViscoelasticRegistry, ConstructorRejectsInvalidInput) {
  EXPECT_EQ(error_of([] { const Viscoelastic m(nullptr, {{1.0, 1.0}}); }),
            "base: no elastic base material given (viscoelastic)");
  const auto nested = std::make_shared<Viscoelastic>(neo_base(), std::vector<Term>{{1.0, 1.0}});
  EXPECT_NE(error_of([&] { const Viscoelastic m(nested, {{1.0, 1.0}}); })
                .find("base: 'viscoelastic_neo_hookean' carries 12 history values"),
            std::string::npos);
  EXPECT_EQ(error_of([] { const Viscoelastic m(neo_base(), {{1.0, 1.0}, {-0.5, 1.0}}); }),
            "beta2: -0.5 is out of range; expected >= 0 (Prony free-energy factor)");
  EXPECT_EQ(error_of([] { const Viscoelastic m(neo_base(), {{1.0, 0.0}}); }),
            "tau1: 0 s is out of range; expected > 0 s (Prony relaxation time)");
  EXPECT_THROW(Viscoelastic(neo_base(), {{std::nan(""), 1.0}}), std::invalid_argument);
  EXPECT_NO_THROW(Viscoelastic(neo_base(), {{0.0, 1.0}}));
}

}  // namespace
}  // namespace myo::models
