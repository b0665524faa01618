// The tone model driven through phases at one point (tone_phases.hpp): the closed forms of a long
// hold short, exactness (one phase = the same phase cut in pieces), movement undoing what it
// should, the same day in a finite-element block (whose stimulus lags a step), and errors.
#include <gtest/gtest.h>

#include <cmath>

#include "../builtin_registry.hpp"
#include "../error_of.hpp"
#include "myo/models/tone_phases.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::models {
namespace {

TonePhase sitting(double s) { return {"sitting", s, 0.88, 0.0, 0.0}; }

TEST(TonePhases, LongHoldShortMatchesTheClosedForms) {
  const ToneDynamics d{ToneParams{}};
  const ToneParams& p = d.params();
  const double T = 8.0 * 3600.0;
  const ToneState s = tone_after_phases(d, ToneState{}, {sitting(T)});
  const double grow_h = 1.0 - std::exp(-T / p.thixotropy_tau_s), grow_d = 1.0 - std::exp(-T / p.adaptation_tau_s);
  EXPECT_NEAR(s.thixotropic, p.thixotropy_amount * grow_h, 1e-15);
  EXPECT_NEAR(s.shortening_movable, p.movement_undo_fraction * p.shortening_max * grow_d, 1e-15);
  EXPECT_NEAR(s.shortening_persistent, (1.0 - p.movement_undo_fraction) * p.shortening_max * grow_d, 1e-15);
  EXPECT_NEAR(s.tone, p.baseline + p.thixotropy_amount * grow_h, 1e-15);
  EXPECT_EQ(s.released, 0.0);
}

TEST(TonePhases, APhaseCutInPiecesGivesTheSameState) {
  const ToneDynamics d{ToneParams{}};
  const ToneState whole = tone_after_phases(d, ToneState{}, {sitting(5000.0), {"run", 600.0, 1.0, 0.02, 0.0}});
  const ToneState cut = tone_after_phases(d, ToneState{}, {sitting(1234.5), sitting(3765.5), {"run", 100.0, 1.0, 0.02, 0.0},
                                                           {"run", 500.0, 1.0, 0.02, 0.0}});
  EXPECT_NEAR(whole.thixotropic, cut.thixotropic, 1e-16);
  EXPECT_NEAR(whole.shortening_movable, cut.shortening_movable, 1e-16);
  EXPECT_NEAR(whole.shortening_persistent, cut.shortening_persistent, 1e-16);
}

TEST(TonePhases, MovementUndoesThixotropyAndTheMovablePartOnly) {
  const ToneDynamics d{ToneParams{}};
  const ToneState day = tone_after_phases(d, ToneState{}, {sitting(8.0 * 3600.0)});
  const ToneState run = tone_after_phases(d, day, {{"run", 600.0, 1.0, 0.016, 0.0}});
  const double decay = std::exp(-600.0 / d.params().movement_tau_s);
  EXPECT_NEAR(run.thixotropic, day.thixotropic * decay, 1e-16);
  EXPECT_NEAR(run.shortening_movable, day.shortening_movable * decay, 1e-16);
  // The persistent part decays toward 0 at the adaptation rate only (not held short, not moving it).
  EXPECT_NEAR(run.shortening_persistent, day.shortening_persistent * std::exp(-600.0 / d.params().adaptation_tau_s),
              1e-16);
}

TEST(TonePhases, CompressionReleasesUpToTheReleaseFraction) {
  const ToneDynamics d{ToneParams{}};
  const ToneState s = tone_after_phases(d, ToneState{}, {{"hold", 60.0, 1.0, 0.0, 0.3}});
  EXPECT_NEAR(s.released, d.params().release_fraction * (1.0 - std::exp(-60.0 / d.params().release_tau_s)), 1e-16);
}

TEST(TonePhases, AFiniteElementBlockHeldShortForADayAgrees) {
  // A 1-cell toned block whose fibre ends are pulled 12 % short in 60 s and held 8 h (the
  // scenario sitting_day.yaml, shortened): the FE's drives lag one step, so the states agree to
  // the share of the first (60 s) steps in the build-up, a few 1e-4 of the amounts.
  const std::string yaml = R"(
name: held_short
mesh:
  generator: layered_box
  size_x: 40 mm
  size_y: 20 mm
  cells_x: 1
  cells_y: 1
  layers:
    - {name: muscle, thickness: 20 mm, cells: 1}
materials:
  muscle: {model: toned_muscle, kappa: 1 MPa, fibre: [1, 0, 0]}
boundary:
  - {set: bottom, fix: [z]}
  - {set: y0, fix: [y]}
  - {set: x0, fix: [x]}
  - set: x1
    displacement:
      x: {table: [[0 s, 0 mm], [60 s, -4.8 mm], [28860 s, -4.8 mm]]}
time: {end: 28860 s, steps: 60, dt_max: 1 h}
output: {depth_profile_points: 0}
)";
  const sim::RunResult r = sim::run_scenario(sim::Scenario::from_text(yaml), test::builtin_registry(), "");
  ASSERT_TRUE(r.completed) << r.message;
  const auto last = [&](const std::string& name) {
    for (std::size_t c = 0; c < r.history_names.size(); ++c)
      if (r.history_names[c] == name) return r.history_columns[c].back();
    ADD_FAILURE() << name << " not in the history";
    return 0.0;
  };
  const ToneDynamics d{ToneParams{}};
  const ToneState s = tone_after_phases(d, ToneState{}, {{"standing", 60.0, 1.0, 0.0, 0.0}, sitting(28800.0)});
  EXPECT_NEAR(last("tone_mean_muscle"), s.tone, 2e-4 * d.params().thixotropy_amount) << s.tone;
  EXPECT_NEAR(last("resting_length_factor_mean_muscle"), ToneDynamics::resting_length_factor(s),
              2e-3 * d.params().shortening_max);
}

TEST(TonePhases, ANegativeDurationNamesThePhase) {
  const ToneDynamics d{ToneParams{}};
  const std::string m = test::error_of([&] { tone_after_phases(d, ToneState{}, {{"nap", -5.0, 1.0, 0.0, 0.0}}); });
  EXPECT_NE(m.find("nap"), std::string::npos) << m;
  EXPECT_NE(m.find("-5"), std::string::npos) << m;
}

}  // namespace
}  // namespace myo::models
