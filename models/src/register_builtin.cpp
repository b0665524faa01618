#include "myo/models/register_builtin.hpp"

#include <limits>
#include <memory>
#include <utility>

#include "myo/models/mooney_rivlin.hpp"
#include "myo/models/neo_hookean.hpp"
#include "myo/models/ogden.hpp"

namespace myo::models {

namespace {

constexpr double kRequired = std::numeric_limits<double>::quiet_NaN();
constexpr double kNoMax = std::numeric_limits<double>::infinity();

sim::ParamSpec param(std::string name, std::string unit, double min, double max,
                     std::string long_name, std::string source) {
  sim::ParamSpec p;
  p.name = std::move(name);
  p.unit = std::move(unit);
  p.default_value = kRequired;
  p.min = min;
  p.max = max;
  p.long_name = std::move(long_name);
  p.source = std::move(source);
  return p;
}

sim::ParamSpec positive_modulus(std::string name, std::string long_name, std::string source) {
  sim::ParamSpec p = param(std::move(name), "Pa", 0.0, kNoMax, std::move(long_name),
                           std::move(source));
  p.min_exclusive = true;
  return p;
}

// kappa has no default on purpose: a sensible value scales with the shear modulus
// (kappa/mu ~ 100-1000 for near-incompressible soft tissue), which a constant cannot express,
// and a silent default would hide the choice of compressibility from the scenario file.
sim::ParamSpec bulk_modulus() {
  return positive_modulus("kappa", "bulk modulus",
                          "required, no default; near-incompressible soft tissue is usually "
                          "modelled with kappa/mu = 100-1000 (assumed)");
}

// The scenario parser may later replace the form; quadratic matches Abaqus/CalculiX peers.
template <class M>
std::unique_ptr<sim::Material> with_volumetric(std::unique_ptr<M> material,
                                               const sim::ParamValues& values) {
  material->set_volumetric(sim::VolumetricLaw{sim::VolumetricForm::quadratic, values.at("kappa")});
  return material;
}

void register_neo_hookean(sim::Registry& registry) {
  sim::ModelSpec spec;
  spec.kind = "material";
  spec.name = "neo_hookean";
  spec.summary = "uncoupled neo-Hookean solid, W = mu/2 (I1_bar - 3) + U(J)";
  spec.source = "Treloar 1943, Trans. Faraday Soc. 39:36; uncoupled form Simo & Taylor 1991";
  spec.params = {positive_modulus("mu", "shear modulus", "Treloar 1943"), bulk_modulus()};
  registry.add_material(std::move(spec), [](const sim::ParamValues& values) {
    return with_volumetric(std::make_unique<NeoHookean>(values.at("mu")), values);
  });
}

void register_mooney_rivlin(sim::Registry& registry) {
  sim::ModelSpec spec;
  spec.kind = "material";
  spec.name = "mooney_rivlin";
  spec.summary =
      "uncoupled Mooney-Rivlin solid, W = c1 (I1_bar - 3) + c2 (I2_bar - 3) + U(J); "
      "shear modulus 2 (c1 + c2)";
  spec.source = "Mooney 1940, J. Appl. Phys. 11:582; Rivlin 1948; as FEBio 'Mooney-Rivlin'";
  sim::ParamSpec c2 = positive_modulus("c2", "second Mooney-Rivlin coefficient (I2_bar term)",
                                       "Rivlin 1948");
  c2.min_exclusive = false;  // c2 = 0 is the neo-Hookean solid
  spec.params = {positive_modulus("c1", "first Mooney-Rivlin coefficient (I1_bar term)",
                                  "Mooney 1940"),
                 c2, bulk_modulus()};
  registry.add_material(std::move(spec), [](const sim::ParamValues& values) {
    return with_volumetric(std::make_unique<MooneyRivlin>(values.at("c1"), values.at("c2")),
                           values);
  });
}

void register_ogden(sim::Registry& registry) {
  sim::ModelSpec spec;
  spec.kind = "material";
  spec.name = "ogden";
  spec.summary =
      "one-term uncoupled Ogden solid, W = 2 mu/alpha^2 (sum_a lambda_a_bar^alpha - 3) + U(J)";
  spec.source = "Ogden 1972, Proc. R. Soc. Lond. A 326:565-584";
  const sim::ParamSpec alpha = param("alpha", "-", -30.0, 30.0,
                                     "Ogden exponent (nonzero; 2 is neo-Hookean)", "Ogden 1972");
  spec.params = {positive_modulus("mu", "small-strain shear modulus", "Ogden 1972"), alpha,
                 bulk_modulus()};
  registry.add_material(std::move(spec), [](const sim::ParamValues& values) {
    return with_volumetric(std::make_unique<Ogden>(values.at("mu"), values.at("alpha")), values);
  });
}

}  // namespace

void register_builtin(sim::Registry& registry) {
  register_neo_hookean(registry);
  register_mooney_rivlin(registry);
  register_ogden(registry);
}

}  // namespace myo::models
