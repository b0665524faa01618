// Presets: the registry mechanism, the embedded device catalogue and tissue library, their use in
// scenarios (`preset:` with overrides), and Gent's Shore A conversion that the catalogue cites.
#include <gtest/gtest.h>

#include <cmath>

#include "../builtin_registry.hpp"
#include "../error_of.hpp"
#include "myo/models/blemker_muscle.hpp"
#include "myo/models/rigid_sphere.hpp"
#include "myo/models/shore_hardness.hpp"
#include "myo/sim/scenario.hpp"

namespace myo::models {
namespace {

using myo::test::builtin_registry;
using myo::test::error_of;

TEST(ShoreHardness, GentRelationMatchesHandValues) {
  // S = 50: E = 0.0981 (56 + 381.168) / (0.137505 (254 - 127)) = 42.88618 / 17.46314 = 2.455812 MPa.
  EXPECT_NEAR(shore_a_to_youngs_modulus(50.0), 2.455812e6, 1.0);
  // S = 30: 0.0981 (56 + 228.7008) / (0.137505 (254 - 76.2)) = 27.92914 / 24.44839 = 1.142372 MPa.
  EXPECT_NEAR(shore_a_to_youngs_modulus(30.0), 1.142372e6, 1.0);
  // S = 80: 0.0981 (56 + 609.8688) / (0.137505 (254 - 203.2)) = 65.32172 / 6.985254 = 9.351375 MPa.
  EXPECT_NEAR(shore_a_to_youngs_modulus(80.0), 9.351375e6, 1.0);
  EXPECT_NEAR(shore_a_to_shear_modulus(30.0), 1.142372e6 / 3.0, 1.0);
}

TEST(ShoreHardness, IncreasesWithHardnessAndRejectsItsOutsideDomain) {
  double last = 0.0;
  for (double s = 0.0; s < 99.9; s += 0.5) {
    const double E = shore_a_to_youngs_modulus(s);
    EXPECT_GT(E, last) << "S = " << s;
    last = E;
  }
  EXPECT_NE(error_of([] { shore_a_to_youngs_modulus(100.0); }).find("shore_a: 100"), std::string::npos);
  EXPECT_THROW(shore_a_to_youngs_modulus(-1.0), std::invalid_argument);
}

TEST(Presets, RegistryFindsPresetsByKindAndListsKnownNames) {
  sim::Registry r;
  sim::Preset p{"device", "big_ball", "sphere", {{"diameter", 0.1}}, "assumed", "a big ball", {{"diameter", "m"}}};
  r.add_preset(p);
  EXPECT_TRUE(r.has_preset("device", "big_ball"));
  EXPECT_FALSE(r.has_preset("material", "big_ball"));
  EXPECT_EQ(r.preset("device", "big_ball").params.at("diameter"), 0.1);
  const std::string message = error_of([&] { r.preset("device", "small_ball"); });
  EXPECT_NE(message.find("unknown device preset 'small_ball'"), std::string::npos) << message;
  EXPECT_NE(message.find("big_ball"), std::string::npos) << message;
  EXPECT_THROW(r.add_preset(p), std::invalid_argument);
}

// At F = I a passive material is stress-free; an active muscle (activation a > 0) carries its
// isometric fibre stress sigma f (x) f, sigma = sigma_max (f_passive(l) + a f_active(l)) l at
// l = 1 / lambda_ofl (a sigma_max at optimal length, lambda_ofl = 1; more, with the passive curve
// too, for fibres resting beyond it), whose deviatoric part (the isochoric stress; the pressure is
// zero at J = 1) has the norm sqrt(2/3) sigma.
double expected_stress_at_identity(const sim::ParamValues& resolved) {
  if (!resolved.count("activation")) return 0.0;
  const BlemkerMuscle muscle(BlemkerMuscleParams::from_values(resolved));
  const double l = 1.0 / resolved.at("lambda_ofl"), a = resolved.at("activation");
  const double sigma = resolved.at("sigma_max") * (muscle.f_passive(l) + a * BlemkerMuscle::f_active(l)) * l;
  return std::sqrt(2.0 / 3.0) * sigma;
}

TEST(Presets, TissueLibraryMaterialsBuildAndArePassivelyStressFreeAtIdentity) {
  const sim::Registry& r = builtin_registry();
  int n = 0;
  for (const sim::Preset& p : r.presets()) {
    if (p.kind != "material") continue;
    ++n;
    ASSERT_TRUE(r.has_material(p.model)) << p.name << ": " << p.model;
    EXPECT_NE(p.source, "") << p.name;
    const auto material = r.make_material(p.model, p.params, "materials." + p.name);
    std::vector<double> old_h(material->n_history()), new_h(material->n_history());
    material->init_history(old_h.data());
    sim::MaterialPoint point;
    point.history_old = old_h.data();
    point.history_new = new_h.data();
    const sim::TotalResponse response = sim::total_response(*material, point);
    std::printf("%-30s %-26s mu = %9.4g Pa, |S(I)| = %.1e Pa\n", p.name.c_str(), p.model.c_str(),
                material->shear_modulus(), response.S.norm());
    const double expected = expected_stress_at_identity(r.material_spec(p.model).resolve(p.params, p.name));
    EXPECT_NEAR(response.S.norm(), expected, 1e-9 * (material->shear_modulus() + expected)) << p.name;
  }
  for (const char* name : {"skin", "subcutaneous_fat", "relaxed_muscle", "toned_muscle", "fascia", "bone"})
    EXPECT_TRUE(r.has_preset("material", name)) << name;
  EXPECT_GE(n, 6);
}

TEST(Presets, DeviceCatalogueBuildsEveryRegisteredDevice) {
  const sim::Registry& r = builtin_registry();
  int built = 0, meshed = 0;
  for (const sim::Preset& p : r.presets()) {
    if (p.kind != "device") continue;
    ASSERT_TRUE(r.has_device(p.model)) << p.name << ": " << p.model;
    if (p.model == "deformable_ball") {
      // A meshed body, not a rigid surface: its values must satisfy the ball's spec.
      EXPECT_NO_THROW(r.device_spec(p.model).resolve(p.params, p.name)) << p.name;
      ++meshed;
      continue;
    }
    const auto device = r.make_device(p.model, p.params, "device");
    const sim::Vec3 tip = device->tip(-sim::Vec3::UnitZ());
    std::printf("%-18s %-11s tip(-z) z = %7.2f mm\n", p.name.c_str(), p.model.c_str(), 1e3 * tip.z());
    EXPECT_NEAR(device->distance(tip).g, 0.0, 1e-12) << p.name;
    ++built;
  }
  for (const char* name : {"massage_ball", "lacrosse_ball", "foam_roller", "release_ball", "hook_tip",
                           "thumb", "algometer"})
    EXPECT_TRUE(r.has_preset("device", name)) << name;
  EXPECT_GE(built, 6);
  EXPECT_EQ(r.preset("device", "release_ball").model, "deformable_ball");
  EXPECT_GE(meshed, 1);
}

TEST(Presets, DeformableBallsCiteTheirShoreHardness) {
  for (auto [name, shore] : {std::pair{"release_ball", 30.0}, std::pair{"soft_massage_ball", 40.0}}) {
    const sim::Preset& p = builtin_registry().preset("device", name);
    EXPECT_NEAR(p.params.at("shear_modulus") / shore_a_to_shear_modulus(shore), 1.0, 1e-3) << name;
    EXPECT_NE(p.source.find("Shore A " + std::to_string(static_cast<int>(shore))), std::string::npos)
        << p.source;
  }
}

std::string scenario_text(const std::string& material, const std::string& device) {
  return "name: preset_check\n"
         "mesh: {size_x: 20 mm, size_y: 20 mm, cells_x: 2, cells_y: 2,\n"
         "       layers: [{name: tissue, thickness: 10 mm, cells: 1}]}\n"
         "materials: {tissue: " + material + "}\n"
         "boundary: [{set: bottom, fix: all}]\n"
         "contact: [{surface: top, device: " + device + ", position: [10 mm, 10 mm, 10 mm], depth: 1 mm}]\n";
}

double sphere_radius(const sim::ScenarioSpec& spec) {
  return dynamic_cast<const RigidSphere&>(*spec.contacts.at(0).surface).radius();
}

TEST(Presets, ScenarioDevicePresetWithOverride) {
  const sim::Registry& r = builtin_registry();
  const std::string nh = "{model: neo_hookean, mu: 1 kPa, kappa: 100 kPa}";
  const auto plain = sim::Scenario::from_text(scenario_text(nh, "{preset: lacrosse_ball}"));
  EXPECT_DOUBLE_EQ(sphere_radius(plain.spec(r)), 0.032);
  const std::string resolved = plain.resolved_yaml(r);
  EXPECT_NE(resolved.find("model: sphere"), std::string::npos) << resolved;
  EXPECT_NE(resolved.find("diameter: 64 mm"), std::string::npos) << resolved;
  const auto bigger = sim::Scenario::from_text(scenario_text(nh, "{preset: lacrosse_ball, diameter: 70 mm}"));
  EXPECT_DOUBLE_EQ(sphere_radius(bigger.spec(r)), 0.035);
  // The resolved scenario parses again to the same device.
  EXPECT_DOUBLE_EQ(sphere_radius(sim::Scenario::from_text(bigger.resolved_yaml(r)).spec(r)), 0.035);

  const auto unknown = sim::Scenario::from_text(scenario_text(nh, "{preset: tennis_ball}"));
  const std::string message = error_of([&] { unknown.spec(r); });
  EXPECT_NE(message.find("contact[0].device.preset"), std::string::npos) << message;
  EXPECT_NE(message.find("lacrosse_ball"), std::string::npos) << message;
  const auto clash = sim::Scenario::from_text(scenario_text(nh, "{preset: lacrosse_ball, model: cone}"));
  EXPECT_THROW(clash.spec(r), sim::ScenarioError);
}

TEST(Presets, UnregisteredModelFailsOnlyWhenUsed) {
  sim::Registry r = builtin_registry();
  sim::Preset ghost;
  ghost.kind = "device";
  ghost.name = "ghost_ball";
  ghost.model = "ghost_model";
  ghost.params = {{"diameter", 0.05}};
  ghost.units = {{"diameter", "m"}};
  r.add_preset(ghost);
  EXPECT_NO_THROW(sim::Scenario::from_text(scenario_text("{preset: skin}", "{model: sphere, diameter: 20 mm}")).spec(r));
  const auto s = sim::Scenario::from_text(scenario_text("{preset: skin}", "{preset: ghost_ball}"));
  const std::string message = error_of([&] { s.spec(r); });
  EXPECT_NE(message.find("ghost_model"), std::string::npos) << message;
  EXPECT_NE(message.find("contact[0].device"), std::string::npos) << message;
}

TEST(Presets, ReleaseBallPresetBuildsTheMeshedBall) {
  const auto s = sim::Scenario::from_text(scenario_text("{preset: skin}", "{preset: release_ball}"));
  const sim::ScenarioSpec spec = s.spec(builtin_registry());
  ASSERT_EQ(spec.balls.size(), 1u);
  EXPECT_DOUBLE_EQ(spec.balls[0].diameter_m, 0.1);
  EXPECT_TRUE(spec.contacts.empty());
}

TEST(Presets, ScenarioMaterialPresetWithOverride) {
  const sim::Registry& r = builtin_registry();
  const auto s = sim::Scenario::from_text(scenario_text("{preset: skin}", "{model: sphere, diameter: 20 mm}"));
  const sim::ScenarioSpec spec = s.spec(r);
  EXPECT_EQ(spec.materials.at(0).model, "neo_hookean");
  EXPECT_DOUBLE_EQ(spec.materials.at(0).params.at("mu"), 334.4e3);
  const std::string resolved = s.resolved_yaml(r);
  EXPECT_NE(resolved.find("mu: 334.4 kPa"), std::string::npos) << resolved;
  const auto soft = sim::Scenario::from_text(
      scenario_text("{preset: skin, mu: 200 kPa}", "{model: sphere, diameter: 20 mm}"));
  EXPECT_DOUBLE_EQ(soft.spec(r).materials.at(0).params.at("mu"), 200e3);
  EXPECT_DOUBLE_EQ(soft.spec(r).materials.at(0).params.at("kappa"), 33.33e6);
}

}  // namespace
}  // namespace myo::models
