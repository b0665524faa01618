// Target-region outputs: the force entering a whole layer that carries the load to the base is
// the device force (equilibrium of the layers above it); a narrower target takes a fraction
// that grows with its radius; the depth profile starts at the contact and decays with depth.
#include <gtest/gtest.h>

#include <cmath>

#include "../builtin_registry.hpp"
#include "../run_result_access.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::summary;

const std::vector<double>& array(const RunResult& r, const std::string& key) {
  for (const auto& [k, v] : r.summary_arrays)
    if (k == key) return v;
  throw std::runtime_error("no summary array " + key);
}

RunResult press(const std::string& target, const std::string& mesh_kind) {
  const std::string mesh = mesh_kind == "axi" ? R"(
mesh:
  generator: layered_cylinder
  radius: 40 mm
  cells_r: 12
)"
                                              : R"(
mesh:
  generator: layered_box
  size_x: 60 mm
  size_y: 60 mm
  cells_x: 8
  cells_y: 8
)";
  const std::string position = mesh_kind == "axi" ? "[0 mm, 20 mm]" : "[30 mm, 30 mm, 20 mm]";
  return run_scenario(Scenario::from_text("name: target" + mesh + R"(
  layers:
    - {name: muscle, thickness: 12 mm, cells: 4}
    - {name: fat, thickness: 6 mm, cells: 3}
    - {name: skin, thickness: 2 mm, cells: 1}
materials:
  skin: {model: neo_hookean, mu: 30 kPa, kappa: 30 MPa}
  fat: {model: neo_hookean, mu: 2 kPa, kappa: 2 MPa}
  muscle: {model: neo_hookean, mu: 10 kPa, kappa: 10 MPa}
boundary: [{set: bottom, fix: all}]
contact:
  - {surface: top, device: {model: sphere, diameter: 30 mm}, position: )" + position +
                                          R"(, force: 2 N}
time: {end: 1 s, steps: 4}
output: {target: )" + target + R"(, depth_profile_points: 21}
)"),
                      builtin_registry(), "");
}

TEST(TargetRegion, WholeLayerOverTheBaseTakesTheWholeForce) {
  for (const std::string kind : {"axi", "3d"}) {
    const RunResult r = press("{region: muscle}", kind);
    ASSERT_TRUE(r.completed) << r.message;
    std::printf("%s: device %.9f N, entering the muscle %.9f N\n", kind.c_str(), summary(r, "indenter_force_N"),
                summary(r, "target_force_N"));
    EXPECT_NEAR(summary(r, "indenter_force_N"), 2.0, 1e-6);
    EXPECT_NEAR(summary(r, "target_force_fraction"), 1.0, 1e-6);
    EXPECT_GT(summary(r, "target_peak_compressive_stress_kPa"), summary(r, "target_mean_compressive_stress_kPa"));
  }
}

// Outside the contact the surface bulges and the muscle's top is pulled, not pushed, so a disc
// that reaches beyond the contact may carry more than the device force; only the whole layer
// must carry exactly it.
TEST(TargetRegion, NarrowTargetTakesAFractionGrowingWithItsRadius) {
  std::vector<double> fractions;
  for (const char* radius : {"5 mm", "10 mm", "45 mm"}) {
    const RunResult r = press(std::string("{region: muscle, radius: ") + radius + "}", "axi");
    ASSERT_TRUE(r.completed) << r.message;
    fractions.push_back(summary(r, "target_force_fraction"));
    std::printf("radius %s: fraction %.4f, mean compressive stress %.4f kPa\n", radius, fractions.back(),
                summary(r, "target_mean_compressive_stress_kPa"));
  }
  EXPECT_GT(fractions[0], 0.0);
  EXPECT_LT(fractions[0], fractions[1]);
  EXPECT_LT(fractions[1], 1.0);
  EXPECT_NEAR(fractions[2], 1.0, 1e-6);  // the disc holds every cell of the layer
}

TEST(TargetRegion, DepthProfileDecaysBelowTheContact) {
  const RunResult r = press("{region: muscle}", "axi");
  ASSERT_TRUE(r.completed) << r.message;
  const auto& depth = array(r, "depth_profile_depth_mm");
  const auto& axial = array(r, "depth_profile_axial_compression_kPa");
  ASSERT_EQ(depth.size(), 21u);
  EXPECT_NEAR(depth.front(), 0.0, 1e-12);
  EXPECT_NEAR(depth.back(), 20.0, 1e-9);
  for (double v : axial) EXPECT_TRUE(std::isfinite(v));
  // Compressed all the way down; weaker in the muscle near the base than under the skin.
  EXPECT_GT(axial.front(), 0.0);
  EXPECT_GT(axial.back(), 0.0);
  EXPECT_LT(axial.back(), axial.front());
  EXPECT_LE(axial.front(), summary(r, "peak_contact_pressure_kPa") * 1.0001);
}

}  // namespace
}  // namespace myo::sim
