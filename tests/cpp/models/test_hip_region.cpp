// The hip-region anatomy (hip_region.hpp): layer thicknesses from their sources, the BMI scaling,
// regions and sets, errors that name the key, and the section as exact plane strain (the 3D
// extrusion under a load that does not vary along the body axis gives the same force per length).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "myo/models/hip_region.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"
#include "../builtin_registry.hpp"
#include "../error_of.hpp"
#include "../run_result_access.hpp"

namespace {

using myo::models::HipRegionParams;
using myo::models::hip_layer_thickness;

TEST(HipRegion, LayersInTheFossaAndOverTheSpine) {
  const HipRegionParams p;
  const auto fossa = hip_layer_thickness(p, 0.5 * (p.fossa_x_m + p.brim_x_m - 0.010));
  EXPECT_DOUBLE_EQ(fossa.skin, 0.002);
  EXPECT_DOUBLE_EQ(fossa.fat, 0.0175);    // abdominal CT, men, at BMI 25
  EXPECT_DOUBLE_EQ(fossa.wall, 0.017);    // 6.7 + 5.4 + 4.9 mm
  EXPECT_DOUBLE_EQ(fossa.viscera, 0.025);
  EXPECT_DOUBLE_EQ(fossa.muscle, 0.015);  // iliacus
  EXPECT_DOUBLE_EQ(hip_layer_thickness(p, p.width_m).muscle, 0.030);  // psoas
  const auto spine = hip_layer_thickness(p, 0.5 * p.asis_x_m);
  EXPECT_DOUBLE_EQ(spine.fat, p.fat_asis_m);
  for (double t : {spine.wall, spine.viscera, spine.muscle}) EXPECT_DOUBLE_EQ(t, p.taper_m);
  // The bone is shallow over the spine and deep in the fossa.
  EXPECT_LT(spine.total(), 0.5 * fossa.total());
}

TEST(HipRegion, FatScalesWithBmi) {
  HipRegionParams p;
  const double x = p.fossa_x_m + 0.005;
  const double at25 = hip_layer_thickness(p, x).fat;
  p.bmi = 35.0;
  EXPECT_NEAR(hip_layer_thickness(p, x).fat, 2.0 * at25, 1e-15);  // (35 - 15) / (25 - 15)
  EXPECT_DOUBLE_EQ(hip_layer_thickness(p, x).wall, 0.017);        // the muscles do not scale
}

TEST(HipRegion, MeshRegionsSetsAndVolume) {
  HipRegionParams p;
  p.cells_x = 30;
  p.cells_y = 2;
  const myo::sim::Mesh m = myo::models::make_hip_region(p);
  EXPECT_NO_THROW(m.check());
  for (const char* r : {"skin", "fat", "abdominal_wall", "viscera", "iliacus", "psoas"})
    EXPECT_FALSE(m.regions.at(r).empty()) << r;
  for (int c : m.regions.at("iliacus")) EXPECT_LT(m.X(m.cells(c, 0), 0), p.brim_x_m);
  for (int c : m.regions.at("psoas")) EXPECT_GE(m.X(m.cells(c, 1), 0), p.brim_x_m);
  // The skin is flat on top; the bone (bottom) follows the layers: depth = their sum.
  const double z_top = m.X(m.node_sets.at("top")[0], 2);
  for (int n : m.node_sets.at("top")) EXPECT_DOUBLE_EQ(m.X(n, 2), z_top);
  for (int n : m.node_sets.at("bottom"))
    EXPECT_NEAR(z_top - m.X(n, 2), hip_layer_thickness(p, m.X(n, 0)).total(), 1e-12);
  EXPECT_EQ(m.face_sets.at("top").size(), size_t(30 * 2));
}

TEST(HipRegion, CellsGradedTowardThePressPoint) {
  HipRegionParams uniform;
  uniform.cells_x = 30;
  uniform.cells_y = 20;
  HipRegionParams graded = uniform;
  graded.lateral_grading = 8.0;
  const myo::sim::Mesh u = myo::models::make_hip_region(uniform), g = myo::models::make_hip_region(graded);
  ASSERT_EQ(u.n_nodes(), g.n_nodes());
  // The focus (55 mm, 50 mm) is a node column, so a device pressed there sits on a node; the
  // cells beside it are less than 0.4 of the uniform size, the edge cells 8x them.
  const auto xs = myo::models::hip_region_xs(graded), ys = myo::models::hip_region_ys(graded);
  const auto f = std::find(xs.begin(), xs.end(), graded.focus_x_m);
  ASSERT_NE(f, xs.end());
  EXPECT_NE(std::find(ys.begin(), ys.end(), graded.focus_y_m), ys.end());
  const double h_focus = *(f + 1) - *f, h_uniform = graded.width_m / graded.cells_x;
  EXPECT_LT(h_focus, 0.4 * h_uniform);
  EXPECT_NEAR((xs.back() - xs[xs.size() - 2]) / h_focus, 8.0, 0.5);
  // The same layers under every column, the skin flat on top.
  for (int n : g.node_sets.at("bottom"))
    EXPECT_NEAR(g.X(g.node_sets.at("top")[0], 2) - g.X(n, 2), hip_layer_thickness(graded, g.X(n, 0)).total(), 1e-12);
  // lateral_grading 1 (the default) is the uniform mesh of before, node for node.
  HipRegionParams one = uniform;
  one.focus_x_m = 0.03;
  EXPECT_EQ((myo::models::make_hip_region(one).X - u.X).norm(), 0.0);
}

TEST(HipRegion, ErrorsNameTheKey) {
  myo::sim::Registry registry = myo::test::builtin_registry();
  const std::string e = myo::test::error_of([&] {
    myo::sim::Scenario::from_text(
        "name: x\nmesh: {generator: hip_region, asis_x: 70 mm}\nmaterials: {}\n")
        .spec(registry);
  });
  EXPECT_NE(e.find("mesh.asis_x"), std::string::npos) << e;
  const std::string unit = myo::test::error_of([&] {
    myo::sim::Scenario::from_text("name: x\nmesh: {generator: hip_region, fat: 0.02}\nmaterials: {}\n").spec(registry);
  });
  EXPECT_NE(unit.find("mesh.fat"), std::string::npos) << unit;
  const std::string focus = myo::test::error_of([&] {
    myo::sim::Scenario::from_text(
        "name: x\nmesh: {generator: hip_region, lateral_grading: 4, focus_x: 130 mm}\nmaterials: {}\n")
        .spec(registry);
  });
  EXPECT_NE(focus.find("mesh.focus_x"), std::string::npos) << focus;
  // Each count may reach its documented maximum; two at once exceed any laptop and are refused by
  // the memory estimate, before the mesh is built.
  EXPECT_EQ(myo::test::error_of([&] {
              myo::sim::Scenario::from_text("name: x\nmesh: {generator: hip_region, cells_x: 200}\nmaterials: {}\n")
                  .spec(registry);
            }).find("memory"),
            std::string::npos);
  const std::string big = myo::test::error_of([&] {
    myo::sim::Scenario::from_text("name: x\nmesh: {generator: hip_region, cells_x: 200, cells_y: 200}\nmaterials: {}\n")
        .spec(registry);
  });
  EXPECT_EQ(big.rfind("mesh.cells_x, cells_y and cells_skin ... cells_muscle: the mesh would have 484812 nodes", 0), 0u)
      << big;
}

/// A flat rigid plate (a long cylinder along y) pressed 2 mm on every layer of neo-Hookean tissue.
std::string pressed(const std::string& mesh) {
  return "name: s\nmesh: {generator: hip_region, cells_x: 8, cells_fat: 1, cells_wall: 1, cells_viscera: 1, "
         "cells_muscle: 1, " + mesh + R"(}
materials:
  skin: {model: neo_hookean, mu: 30 kPa, kappa: 3 MPa}
  fat: {model: neo_hookean, mu: 1 kPa, kappa: 100 kPa}
  abdominal_wall: {model: neo_hookean, mu: 5 kPa, kappa: 500 kPa}
  viscera: {model: neo_hookean, mu: 1 kPa, kappa: 100 kPa}
  iliacus: {model: neo_hookean, mu: 5 kPa, kappa: 500 kPa}
  psoas: {model: neo_hookean, mu: 5 kPa, kappa: 500 kPa}
boundary:
  - {set: bottom, fix: all}
  - {set: y0, fix: [y]}
  - {set: y1, fix: [y]}
contact:
  - {surface: top, device: {model: cylinder, diameter: 150 mm, length: 1000 mm}, orientation: [0, 1, 0],
     position: [80 mm, 0 mm, 91.5 mm], depth: 2 mm}
time: {end: 1 s, steps: 2}
)";
}

TEST(HipRegion, SectionIsPlaneStrain) {
  myo::sim::Registry registry = myo::test::builtin_registry();
  using myo::sim::Scenario;
  const auto section = myo::sim::run_scenario(
      Scenario::from_text(pressed("section: 1, section_thickness: 10 mm, bmi: 25")), registry, "");
  const auto slab = myo::sim::run_scenario(
      Scenario::from_text(pressed("cells_y: 3, length: 30 mm, bmi: 25")), registry, "");
  ASSERT_TRUE(section.completed && slab.completed) << section.message << slab.message;
  const double f_section = myo::test::summary(section, "indenter_force_N") / 0.010;  // N/m
  const double f_slab = myo::test::summary(slab, "indenter_force_N") / 0.030;
  EXPECT_GT(f_section, 10.0);
  EXPECT_NEAR(f_slab, f_section, 1e-6 * f_section);
}

}  // namespace
