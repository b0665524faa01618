// The toned_muscle material (toned_muscle.hpp): zero stress at F = I with zero tone; at fixed
// tone it is exactly blemker_muscle with activation a and optimal fibre stretch lambda_ofl rho;
// finite-difference checks of S against W and of CC against S with a non-trivial history (tone,
// release, shortened resting length) and dt > 0; objectivity; the knot at the point's position;
// the stimulus measures; the history written only when asked; outputs; registry errors.
#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "../error_of.hpp"
#include "material_checks.hpp"
#include "myo/models/blemker_muscle.hpp"
#include "myo/models/tone_stimulus.hpp"
#include "tone_point.hpp"

namespace myo::models {
namespace {

using myo::test::energy_fd_error;
using myo::test::random_rotation;
using myo::test::tangent_fd_error;
using myo::test::toned_muscle;
using myo::test::TonePoint;
using sim::Mat3;
using sim::Vec3;

constexpr double kFdTolerance = 1e-6;

Mat3 random_F(std::mt19937& rng) { return myo::test::random_deformation(rng, 0.8, 1.25); }

// A history with tone released, thixotropic tone and a shortened resting length, last stimulus
// compressed and held short (so that a step of dt > 0 moves every state).
std::vector<double> busy_history() {
  ToneState s;
  s.released = 0.03;
  s.thixotropic = 0.02;
  s.shortening_movable = 0.01;
  s.shortening_persistent = 0.03;
  s.stimulus.compression = 0.3;
  s.stimulus.fibre_stretch = 0.9;
  std::vector<double> h(ToneState::kSize);
  s.to_history(h.data());
  return h;
}

sim::MaterialPoint point(const Mat3& F, const Vec3& a0, const std::vector<double>& history, double dt) {
  sim::MaterialPoint p;
  p.F = F;
  p.fibre = a0;
  p.X = Vec3(0.011, 0.0, 0.0);
  p.dt_s = dt;
  p.history_old = history.data();
  return p;
}

TEST(TonedMuscle, ZeroStressAtIdentityWithZeroTone) {
  const auto m = toned_muscle({{"baseline_tone", 0.0}, {"knot_peak", 0.0}, {"knot_radius", 0.01}});
  const TonePoint p(m);
  const sim::IsochoricResponse r = p.response(Mat3::Identity());
  EXPECT_LT(r.S.norm(), 1e-12);
  EXPECT_EQ(r.W, 0.0);
  // With the default tone the muscle carries its tonic stress at F = I: along the fibre, the
  // deviatoric split gives 2/3 of sigma_max a (the pressure takes the rest).
  const TonePoint toned(toned_muscle());
  EXPECT_NEAR(toned.response(Mat3::Identity()).S(0, 0), 2.0 / 3.0 * 3e5 * 0.01, 1e-9);
}

TEST(TonedMuscle, AtFixedToneItIsBlemkerWithThatActivationAndLength) {
  const auto m = toned_muscle({{"knot_radius", 0.01}, {"knot_x", 0.01}});
  const std::vector<double> h = busy_history();
  std::mt19937 rng(3);
  for (double dt : {0.0, 20.0}) {
    const Mat3 F = random_F(rng);
    const Vec3 a0 = Vec3(1, 2, 2).normalized();
    sim::MaterialPoint p = point(F, a0, h, dt);
    std::vector<double> h_new(ToneState::kSize);
    p.history_new = h_new.data();
    sim::IsochoricResponse r;
    m->isochoric(p, r);
    const ToneState next = ToneState::from_history(h_new.data());
    const double rho = ToneDynamics::resting_length_factor(next);
    EXPECT_GT(next.tone, 0.01);  // knot and thixotropy raise it
    EXPECT_LT(rho, 1.0);
    BlemkerMuscleParams bp = m->muscle().params();
    bp.activation = next.tone;
    bp.lambda_ofl *= rho;
    bp.lambda_star *= rho;
    sim::IsochoricResponse b;
    BlemkerMuscle(bp).isochoric(p, b);
    EXPECT_LT((r.S - b.S).norm(), 1e-12 * b.S.norm()) << "dt = " << dt;
    EXPECT_LT((r.CC - b.CC).norm(), 1e-12 * b.CC.norm()) << "dt = " << dt;
  }
}

TEST(TonedMuscle, StressAndTangentMatchFiniteDifferencesAtFixedTone) {
  const auto m = toned_muscle({{"knot_radius", 0.01}, {"knot_x", 0.01}});
  const std::vector<double> h = busy_history();
  std::mt19937 rng(11);
  for (double dt : {0.0, 5.0, 600.0}) {
    for (const Vec3& a0 : {Vec3(Vec3::UnitX()), Vec3(Vec3(1.0, -2.0, 0.5).normalized())}) {
      const auto iso = [&](const Mat3& F) {
        sim::IsochoricResponse r;
        m->isochoric(point(F, a0, h, dt), r);
        return r;
      };
      for (int k = 0; k < 4; ++k) {
        const Mat3 F = random_F(rng);
        const sim::IsochoricResponse r = iso(F);
        EXPECT_LT(energy_fd_error([&](const Mat3& G) { return iso(G).W; }, F, r.S, 1e3), kFdTolerance) << dt;
        EXPECT_LT(tangent_fd_error([&](const Mat3& G) { return iso(G).S; }, F, r.CC), kFdTolerance) << dt;
      }
    }
  }
}

TEST(TonedMuscle, Objectivity) {
  const auto m = toned_muscle({{"knot_radius", 0.01}});
  const std::vector<double> h = busy_history();
  std::mt19937 rng(5);
  for (int k = 0; k < 5; ++k) {
    const Mat3 F = random_F(rng), Q = random_rotation(rng);
    const Vec3 a0 = Vec3(0.3, 0.4, -0.2).normalized();
    sim::IsochoricResponse r, rq;
    m->isochoric(point(F, a0, h, 10.0), r);
    m->isochoric(point(Q * F, a0, h, 10.0), rq);
    EXPECT_LT((rq.S - r.S).norm(), 1e-11 * r.S.norm());
    EXPECT_LT((rq.CC - r.CC).norm(), 1e-11 * r.CC.norm());
    EXPECT_NEAR(rq.W, r.W, 1e-11 * std::abs(r.W));
  }
}

TEST(TonedMuscle, KnotToneFollowsThePointPosition) {
  const auto m = toned_muscle({{"knot_radius", 0.005}, {"knot_x", 0.02}, {"knot_y", 0.01}, {"knot_z", 0.0}});
  TonePoint centre(m, Vec3(0.02, 0.01, 0.0)), far(m, Vec3(0.1, 0.01, 0.0));
  centre.step(Mat3::Identity(), 1.0);
  far.step(Mat3::Identity(), 1.0);
  EXPECT_NEAR(centre.state().tone, m->dynamics().params().knot_peak, 1e-15);
  EXPECT_NEAR(far.state().tone, m->dynamics().params().baseline, 1e-15);
}

TEST(TonedMuscle, StimulusMeasures) {
  const ToneStimulus rest;
  // A transverse squeeze at constant fibre length: e_c = -ln(lambda); stretch 1/lambda along y.
  ToneStimulus s = measure_tone_stimulus(myo::test::cross_squeeze(0.8), Vec3::UnitX(), Mat3::Zero(), 0.0, rest, 1.0);
  EXPECT_NEAR(s.compression, -std::log(0.8), 1e-12);
  EXPECT_NEAR(s.injury_strain, 0.25, 1e-12);  // 1/0.8 - 1 exceeds 1 - 0.8
  EXPECT_NEAR(s.fibre_stretch, 1.0, 1e-14);
  // A pure fibre stretch is no compression, whatever its size; its rate is read over the step.
  s = measure_tone_stimulus(myo::test::fibre_stretch(1.4), Vec3::UnitX(), Mat3::Zero(), 0.0, rest, 20.0);
  EXPECT_NEAR(s.compression, 0.0, 1e-14);
  EXPECT_NEAR(s.fibre_rate_per_s, 0.4 / 20.0, 1e-14);
  EXPECT_NEAR(s.injury_strain, 0.4, 1e-14);
  // dt = 0 keeps the last rate.
  EXPECT_EQ(measure_tone_stimulus(Mat3::Identity(), Vec3::UnitX(), Mat3::Zero(), 0.0, s, 0.0).fibre_rate_per_s,
            s.fibre_rate_per_s);
  // Compressive stress: the smallest principal Cauchy stress, with the pressure.
  Mat3 S = Mat3::Zero();
  S(2, 2) = -5e3;
  s = measure_tone_stimulus(Mat3::Identity(), Vec3::UnitX(), S, -2e3, rest, 1.0);
  EXPECT_NEAR(s.compressive_stress_Pa, 7e3, 1e-9);
}

TEST(TonedMuscle, HistoryIsWrittenOnlyWhenAskedAndOutputsReadIt) {
  const auto m = toned_muscle();
  const std::vector<double> h = busy_history();
  sim::IsochoricResponse r;
  m->isochoric(point(Mat3::Identity(), Vec3::UnitX(), h, 10.0), r);  // no history_new: fine
  std::vector<double> h_new(ToneState::kSize, -1.0);
  sim::MaterialPoint p = point(myo::test::cross_squeeze(0.8), Vec3::UnitX(), h, 10.0);
  p.history_new = h_new.data();
  m->isochoric(p, r);
  const ToneState s = ToneState::from_history(h_new.data());
  const auto names = m->outputs();
  std::vector<double> v(names.size());
  m->output_values(h_new.data(), v.data());
  const auto value = [&](const std::string& name) {
    for (size_t k = 0; k < names.size(); ++k)
      if (names[k].name == name) return v[k];
    ADD_FAILURE() << "no output " << name;
    return std::numeric_limits<double>::quiet_NaN();
  };
  EXPECT_EQ(value("tone"), s.tone);
  EXPECT_EQ(value("resting_length_factor"), ToneDynamics::resting_length_factor(s));
  EXPECT_EQ(value("released_fraction"), s.released);
  EXPECT_EQ(value("rest_shear_modulus"), m->rest_shear_modulus(s.tone, ToneDynamics::resting_length_factor(s)));
  EXPECT_EQ(value("injury_flag"), 0.0);
  EXPECT_NEAR(s.stimulus.compression, -std::log(0.8), 1e-12);
}

TEST(TonedMuscle, RegistryChecksTheParameters) {
  const std::string e = myo::test::error_of([] { toned_muscle({{"knot_peak", 2.0}}); });
  EXPECT_NE(e.find("materials.muscle.knot_peak"), std::string::npos) << e;
  EXPECT_NE(myo::test::error_of([] { toned_muscle({{"activation", 0.5}}); }).find("activation"), std::string::npos);
  const sim::ModelSpec& spec = myo::test::builtin_registry().material_spec("toned_muscle");
  for (const sim::ParamSpec& p : spec.params) {
    EXPECT_FALSE(p.source.empty()) << p.name;
    EXPECT_FALSE(p.unit.empty()) << p.name;
  }
}

TEST(TonedMuscle, StartsFromTheInitialStateItIsGiven) {
  const auto m = toned_muscle({{"initial_released_fraction", 0.02}, {"initial_thixotropic_tone", 0.004},
                               {"initial_shortening_movable", 0.006}, {"initial_shortening_persistent", 0.012}});
  std::vector<double> h(ToneState::kSize, -1.0);
  m->init_history(h.data());
  const ToneState s = ToneState::from_history(h.data());
  EXPECT_EQ(s.released, 0.02);
  EXPECT_EQ(s.thixotropic, 0.004);
  EXPECT_EQ(s.shortening_movable, 0.006);
  EXPECT_EQ(s.shortening_persistent, 0.012);
  EXPECT_EQ(s.stimulus.fibre_stretch, 1.0);  // at rest length, still
  EXPECT_EQ(s.pressure_damage, 0.0);
  // Rested by default.
  std::vector<double> h0(ToneState::kSize, -1.0);
  toned_muscle()->init_history(h0.data());
  EXPECT_EQ(ToneState::from_history(h0.data()).thixotropic, 0.0);
  EXPECT_EQ(ToneDynamics::resting_length_factor(ToneState::from_history(h0.data())), 1.0);
  // More released than release_fraction allows is an error naming the key.
  const std::string e = myo::test::error_of([] { toned_muscle({{"initial_released_fraction", 0.5}}); });
  EXPECT_NE(e.find("initial_released_fraction"), std::string::npos) << e;
  EXPECT_NE(e.find("0.5"), std::string::npos) << e;
}

}  // namespace
}  // namespace myo::models
