#include "myo/models/register_builtin.hpp"

#include <limits>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "myo/models/blemker_muscle.hpp"
#include "myo/models/mooney_rivlin.hpp"
#include "myo/models/neo_hookean.hpp"
#include "myo/models/ogden.hpp"
#include "myo/models/param_helpers.hpp"
#include "myo/models/polynomial.hpp"
#include "myo/models/register_anatomy.hpp"
#include "myo/models/register_bridge.hpp"
#include "myo/models/register_deformable_ball.hpp"
#include "myo/models/register_devices.hpp"
#include "myo/models/register_pelvis.hpp"
#include "myo/models/register_presets.hpp"
#include "myo/models/register_tone.hpp"
#include "myo/models/veronda_westmann.hpp"
#include "myo/models/viscoelastic.hpp"

namespace myo::models {

namespace {

constexpr double kRequired = std::numeric_limits<double>::quiet_NaN();
constexpr double kNoMax = std::numeric_limits<double>::infinity();

sim::ParamSpec param(std::string name, std::string unit, double min, double max,
                     std::string long_name, std::string source) {
  return make_param(std::move(name), std::move(unit), kRequired, min, max, std::move(long_name), std::move(source));
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

// The spec of a material: its registry name, the energy in one line, the paper.
sim::ModelSpec material_spec(std::string name, std::string summary, std::string source) {
  sim::ModelSpec spec;
  spec.kind = "material";
  spec.name = std::move(name);
  spec.summary = std::move(summary);
  spec.source = std::move(source);
  return spec;
}

// Registers the base and its "viscoelastic_<name>" (defined below, with the Prony parameters).
void add_with_viscoelastic(sim::Registry& registry, sim::ModelSpec spec,
                           const sim::Registry::MaterialFactory& factory);

void register_neo_hookean(sim::Registry& registry) {
  sim::ModelSpec spec = material_spec("neo_hookean",
      "uncoupled neo-Hookean solid, W = mu/2 (I1_bar - 3) + U(J)",
      "Treloar 1943, Trans. Faraday Soc. 39:36; uncoupled form Simo & Taylor 1991");
  spec.params = {positive_modulus("mu", "shear modulus", "Treloar 1943"), bulk_modulus()};
  add_with_viscoelastic(registry, std::move(spec), [](const sim::ParamValues& values) {
    return with_volumetric(std::make_unique<NeoHookean>(values.at("mu")), values);
  });
}

void register_mooney_rivlin(sim::Registry& registry) {
  sim::ModelSpec spec = material_spec("mooney_rivlin",
      "uncoupled Mooney-Rivlin solid, W = c1 (I1_bar - 3) + c2 (I2_bar - 3) + U(J); "
      "shear modulus 2 (c1 + c2)",
      "Mooney 1940, J. Appl. Phys. 11:582; Rivlin 1948; as FEBio 'Mooney-Rivlin'");
  sim::ParamSpec c2 = positive_modulus("c2", "second Mooney-Rivlin coefficient (I2_bar term)",
                                       "Rivlin 1948");
  c2.min_exclusive = false;  // c2 = 0 is the neo-Hookean solid
  spec.params = {positive_modulus("c1", "first Mooney-Rivlin coefficient (I1_bar term)",
                                  "Mooney 1940"),
                 c2, bulk_modulus()};
  add_with_viscoelastic(registry, std::move(spec), [](const sim::ParamValues& values) {
    return with_volumetric(std::make_unique<MooneyRivlin>(values.at("c1"), values.at("c2")),
                           values);
  });
}

// Terms 2 and 3 are optional: mu2 = 0 (the default) leaves term 2 out, and so on.
std::vector<OgdenTerm> ogden_terms(const sim::ParamValues& values) {
  std::vector<OgdenTerm> terms{{values.at("mu"), values.at("alpha")}};
  for (const char* i : {"2", "3"}) {
    const double mu = values.at(std::string("mu") + i);
    if (mu != 0.0) terms.push_back({mu, values.at(std::string("alpha") + i)});
  }
  return terms;
}

void register_ogden(sim::Registry& registry) {
  sim::ModelSpec spec = material_spec("ogden",
      "uncoupled Ogden solid with 1-3 terms, W = sum_i 2 mu_i/alpha_i^2 (sum_a lambda_a_bar^alpha_i "
      "- 3) + U(J); shear modulus mu + mu2 + mu3",
      "Ogden 1972, Proc. R. Soc. Lond. A 326:565-584");
  const sim::ParamSpec alpha = param("alpha", "-", -30.0, 30.0,
                                     "Ogden exponent (nonzero; 2 is neo-Hookean)", "Ogden 1972");
  spec.params = {positive_modulus("mu", "small-strain shear modulus of term 1", "Ogden 1972"), alpha};
  for (const char* i : {"2", "3"}) {
    sim::ParamSpec mu_i = make_param(std::string("mu") + i, "Pa", 0.0, 0.0, kNoMax,
                                     std::string("small-strain shear modulus of term ") + i +
                                         " (0: no term " + i + ")",
                                     "Ogden 1972");
    sim::ParamSpec alpha_i = make_param(std::string("alpha") + i, "-", 2.0, -30.0, 30.0,
                                        std::string("exponent of term ") + i + " (nonzero)",
                                        "Ogden 1972");
    spec.params.push_back(mu_i);
    spec.params.push_back(alpha_i);
  }
  spec.params.push_back(bulk_modulus());
  add_with_viscoelastic(registry, std::move(spec), [](const sim::ParamValues& values) {
    return with_volumetric(std::make_unique<Ogden>(ogden_terms(values)), values);
  });
}

void register_veronda_westmann(sim::Registry& registry) {
  sim::ModelSpec spec = material_spec("veronda_westmann",
      "uncoupled Veronda-Westmann solid, W = C1 (exp(C2 (I1_bar - 3)) - 1) - C1 C2/2 (I2_bar - 3) + "
      "U(J); shear modulus C1 C2",
      "Veronda & Westmann 1970, J Biomech 3:111; as FEBio 'Veronda-Westmann'");
  sim::ParamSpec C2 = param("C2", "-", 0.0, 1000.0, "exponent of the I1 term (stiffening rate)",
                            "Veronda & Westmann 1970");
  C2.min_exclusive = true;
  spec.params = {positive_modulus("C1", "modulus of the exponential term", "Veronda & Westmann 1970"),
                 C2, bulk_modulus()};
  add_with_viscoelastic(registry, std::move(spec), [](const sim::ParamValues& values) {
    return with_volumetric(std::make_unique<VerondaWestmann>(values.at("C1"), values.at("C2")), values);
  });
}

void register_polynomial(sim::Registry& registry) {
  sim::ModelSpec spec = material_spec("polynomial",
      "uncoupled second-order polynomial (Rivlin) solid, W = C10 a + C01 b + C20 a^2 + C11 a b + "
      "C02 b^2 + U(J), a = I1_bar - 3, b = I2_bar - 3; shear modulus 2 (C10 + C01)",
      "Rivlin & Saunders 1951, Phil. Trans. R. Soc. A 243:251; e.g. in vivo skin: "
                "Hendriks 2005 (C10 9.4 kPa, C11 82 kPa)");
  spec.params = {positive_modulus("C10", "coefficient of (I1_bar - 3)", "Rivlin & Saunders 1951")};
  const char* higher[][2] = {{"C01", "coefficient of (I2_bar - 3)"},
                             {"C20", "coefficient of (I1_bar - 3)^2"},
                             {"C11", "coefficient of (I1_bar - 3)(I2_bar - 3)"},
                             {"C02", "coefficient of (I2_bar - 3)^2"}};
  for (const auto& [key, long_name] : higher)
    spec.params.push_back(make_param(key, "Pa", 0.0, 0.0, kNoMax, long_name, "Rivlin & Saunders 1951"));
  spec.params.push_back(bulk_modulus());
  add_with_viscoelastic(registry, std::move(spec), [](const sim::ParamValues& values) {
    const PolynomialCoefficients c{values.at("C10"), values.at("C01"), values.at("C20"),
                                   values.at("C11"), values.at("C02")};
    return with_volumetric(std::make_unique<Polynomial>(c), values);
  });
}

// Prony parameters of the viscoelastic wrapper (Holzapfel 2000, sec. 6.10). The registry takes
// doubles only, so each base is registered as its own "viscoelastic_<base>" (add_with_viscoelastic);
// the second term is optional: beta2 = 0 (the default) leaves it out.
std::vector<sim::ParamSpec> prony_params() {
  sim::ParamSpec beta1 = param("beta1", "-", 0.0, kNoMax,
                               "free-energy factor of Prony term 1 (short-term shear modulus = "
                               "(1 + beta1 + beta2) mu)",
                               "Holzapfel 2000, sec. 6.10; e.g. porcine fat: Sims et al. 2010 "
                               "report alpha = 0.39, i.e. beta1 = alpha/(1 - alpha) = 0.64 if "
                               "alpha is the relaxing fraction of the short-term modulus "
                               "(mapping assumed)");
  sim::ParamSpec tau1 = param("tau1", "s", 0.0, kNoMax, "relaxation time of Prony term 1",
                              "Holzapfel 2000, sec. 6.10; e.g. porcine fat 700 s (Sims et al. "
                              "2010, Biomech Model Mechanobiol 9:703)");
  tau1.min_exclusive = true;
  sim::ParamSpec beta2 = param("beta2", "-", 0.0, kNoMax,
                               "free-energy factor of Prony term 2 (0: one term only)",
                               "Holzapfel 2000, sec. 6.10; two terms as Palevski et al. 2006, "
                               "J Biomech Eng 128:782 (short/long-term shear modulus 8509/609 Pa = 14 "
                               "non-preconditioned, 5711/807 Pa = 7 preconditioned)");
  beta2.default_value = 0.0;
  sim::ParamSpec tau2 = param("tau2", "s", 0.0, kNoMax,
                              "relaxation time of Prony term 2 (required, > 0, when beta2 > 0)",
                              "Holzapfel 2000, sec. 6.10; Palevski et al. 2006 (tau1, tau2 "
                              "individually not confirmed)");
  tau2.default_value = 0.0;
  return {beta1, tau1, beta2, tau2};
}

std::vector<Viscoelastic::Term> prony_terms(const sim::ParamValues& values) {
  std::vector<Viscoelastic::Term> terms = {{values.at("beta1"), values.at("tau1")}};
  if (values.at("beta2") > 0.0) {
    if (!(values.at("tau2") > 0.0)) {
      std::ostringstream message;
      message << "tau2: " << values.at("tau2") << " s is out of range; expected > 0 s when "
              << "beta2 > 0 (relaxation time of Prony term 2)";
      throw std::invalid_argument(message.str());
    }
    terms.push_back({values.at("beta2"), values.at("tau2")});
  }
  return terms;
}

// Every elastic base is registered twice: as itself and as "viscoelastic_<name>", the base's
// parameters (its moduli are then the long-term, equilibrium ones) plus the Prony terms, built by
// the same factory and wrapped (see viscoelastic.hpp). The wrapper copies the base's U(J).
void add_with_viscoelastic(sim::Registry& registry, sim::ModelSpec spec,
                           const sim::Registry::MaterialFactory& factory) {
  sim::ModelSpec visco = spec;
  visco.name = "viscoelastic_" + spec.name;
  visco.summary = spec.summary +
                  "; with a Prony series on the isochoric part, S = S_vol + S_iso + sum Q_i, "
                  "dQ_i/dt + Q_i/tau_i = beta_i dS_iso/dt (the base's moduli are long-term)";
  visco.source = spec.source +
                 "; viscoelasticity: Simo 1987, CMAME 60:153; Holzapfel 2000, Nonlinear Solid "
                 "Mechanics, sec. 6.10; as FEBio 'uncoupled viscoelastic'";
  for (sim::ParamSpec& p : prony_params()) visco.params.push_back(std::move(p));
  registry.add_material(std::move(spec), factory);
  registry.add_material(std::move(visco), [factory](const sim::ParamValues& values) {
    std::shared_ptr<const sim::Material> base = factory(values);
    return std::make_unique<Viscoelastic>(std::move(base), prony_terms(values));
  });
}

// Blemker, Pinsky & Delp 2005 muscle. The paper's values reached us only through secondary
// sources (FEBio, ArtiSynth; literature.md [S]); G1 = G2 = 500 Pa is "of order 500 Pa" there.
void register_blemker_muscle(sim::Registry& registry) {
  constexpr const char* kBlemkerS =
      "Blemker, Pinsky & Delp 2005, J Biomech 38:657 (value seen in secondary sources only [S])";
  const auto with_default = [](sim::ParamSpec p, double value) {
    p.default_value = value;
    return p;
  };
  sim::ModelSpec spec = material_spec("blemker_muscle",
      "transversely isotropic active muscle, W = G1 B1^2 + G2 B2^2 + W_fibre(lambda_f) + U(J), "
      "fibre stress sigma_max (f_passive + a f_active(lambda_f/lambda_ofl)) lambda_f/lambda_ofl; "
      "fibre direction from the mesh",
      "Blemker, Pinsky & Delp 2005, J Biomech 38:657; as FEBio 'muscle material'; shear "
      "invariants B1, B2 of Criscione, Douglas & Hunter 2001");
  sim::ParamSpec P1 = param("P1", "-", 0.0, kNoMax,
                            "passive fibre stress scale, as a fraction of sigma_max", kBlemkerS);
  sim::ParamSpec P2 = param("P2", "-", 0.0, 100.0, "passive fibre exponential rate", kBlemkerS);
  P2.min_exclusive = true;
  sim::ParamSpec lambda_ofl =
      param("lambda_ofl", "-", 0.0, kNoMax, "fibre stretch at optimal fibre length", kBlemkerS);
  lambda_ofl.min_exclusive = true;
  sim::ParamSpec lambda_star =
      param("lambda_star", "-", 0.0, kNoMax,
            "fibre stretch where the passive fibre curve turns linear (> lambda_ofl)", kBlemkerS);
  lambda_star.min_exclusive = true;
  sim::ParamSpec sigma_max = param("sigma_max", "Pa", 0.0, kNoMax,
                                   "maximum isometric active fibre stress", kBlemkerS);
  sim::ParamSpec activation =
      param("activation", "-", 0.0, 1.0, "muscle activation a (0 passive, 1 maximal)",
            "assumed (passive muscle by default)");
  spec.params = {
      with_default(positive_modulus("G1", "along-fibre shear coefficient (modulus 2 G1)",
                                    kBlemkerS),
                   500.0),
      with_default(positive_modulus("G2", "cross-fibre shear coefficient (modulus 2 G2)",
                                    kBlemkerS),
                   500.0),
      with_default(P1, 0.05),
      with_default(P2, 6.6),
      with_default(lambda_ofl, 1.0),
      with_default(lambda_star, 1.4),
      with_default(sigma_max, 3.0e5),
      with_default(activation, 0.0),
      make_param("matrix_mu", "Pa", 0.0, 0.0, kNoMax,
                 "shear modulus of an isotropic one-term Ogden ground matrix (0: none)",
                 "not in Blemker et al. 2005; e.g. fitted to in vivo transverse compression, "
                 "Isogai et al. 2022"),
      make_param("matrix_alpha", "-", 2.0, -30.0, 30.0,
                 "Ogden exponent of the ground matrix (nonzero)", "Ogden 1972"),
      bulk_modulus()};
  add_with_viscoelastic(registry, std::move(spec), [](const sim::ParamValues& values) {
    return with_volumetric(std::make_unique<BlemkerMuscle>(BlemkerMuscleParams::from_values(values)),
                           values);
  });
}

}  // namespace

void register_builtin(sim::Registry& registry) {
  register_neo_hookean(registry);
  register_mooney_rivlin(registry);
  register_ogden(registry);
  register_veronda_westmann(registry);
  register_polynomial(registry);
  register_blemker_muscle(registry);
  register_tone(registry);
  register_devices(registry);
  register_deformable_ball(registry);
  register_pelvis(registry);
  register_anatomy(registry);
  register_bridge(registry);
  register_presets(registry);  // last: presets are checked against the models registered above
}

}  // namespace myo::models
