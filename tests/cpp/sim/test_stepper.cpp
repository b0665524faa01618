// The stepper's largest step as a function of time (time.dt_max: {table: ...}, FEBio's dtmax load
// curve): fine steps while the load moves, long ones in the hold after it; bad tables refused.
#include "myo/sim/stepper.hpp"

#include <gtest/gtest.h>

#include <string>

#include "../builtin_registry.hpp"
#include "../error_of.hpp"
#include "../run_result_access.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::column;
using myo::test::error_of;

// A block pressed 2 mm in its first second and held for 9 s more.
const std::string kPressAndHold = R"(name: press_and_hold
mesh:
  generator: layered_box
  size_x: 20 mm
  size_y: 20 mm
  cells_x: 2
  cells_y: 2
  layers:
    - {name: tissue, thickness: 10 mm, cells: 2}
materials:
  tissue: {model: neo_hookean, mu: 10 kPa, kappa: 1 MPa}
boundary:
  - {set: bottom, fix: all}
  - {set: top, displacement: {z: {table: [[0 s, 0 mm], [1 s, -2 mm], [10 s, -2 mm]]}}}
time: {end: 10 s, steps: 10, growth: 2}
)";

TEST(Stepper, DtMaxFollowsItsTableFineWhileLoadingLongInTheHold) {
  Scenario sc = Scenario::from_text(kPressAndHold);
  sc.set("time.dt_max", "{table: [[0 s, 0.1 s], [1 s, 0.1 s], [1.5 s, 4 s]]}");
  const RunResult r = run_scenario(sc, builtin_registry(), "");
  ASSERT_TRUE(r.completed) << r.message;
  const std::vector<double>& t = column(r, "time_s");
  double previous = 0.0;
  int loading_steps = 0, hold_steps = 0;
  for (double ti : t) {
    const double dt = ti - previous;
    const double allowed = previous <= 1.0 ? 0.1 : std::min(4.0, 0.1 + (previous - 1.0) / 0.5 * 3.9);
    EXPECT_LE(dt, allowed * (1 + 1e-9)) << "step ending at " << ti << " s";
    (ti <= 1.0 + 1e-12 ? loading_steps : hold_steps) += 1;
    previous = ti;
  }
  EXPECT_EQ(loading_steps, 10);  // 1 s in steps of at most 0.1 s
  EXPECT_LE(hold_steps, 8);      // 9 s: the steps grow (x2 after easy ones) toward 4 s
  // A scalar dt_max is a constant, not a ramp: the same run with 0.1 s throughout takes 100 steps.
  Scenario flat = Scenario::from_text(kPressAndHold);
  flat.set("time.dt_max", "0.1 s");
  EXPECT_EQ(column(run_scenario(flat, builtin_registry(), ""), "time_s").size(), 100u);
}

TEST(Stepper, ADtMaxTableWithAStepThatIsNotPositiveIsRefused) {
  Scenario sc = Scenario::from_text(kPressAndHold);
  sc.set("time.dt_max", "{table: [[0 s, 0.1 s], [1 s, 0 s]]}");
  const std::string e = error_of([&] { check_scenario(sc, builtin_registry()); });
  EXPECT_NE(e.find("time.dt_max.table"), std::string::npos) << e;
  EXPECT_NE(e.find("expected > 0 s"), std::string::npos) << e;
}

}  // namespace
}  // namespace myo::sim
