#include "myo/models/register_tone.hpp"

#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "myo/models/toned_muscle.hpp"

namespace myo::models {
namespace {

constexpr double kNoMax = std::numeric_limits<double>::infinity();

sim::ParamSpec spec(std::string name, std::string unit, double value, double min, double max,
                    std::string long_name, std::string source) {
  const bool length = unit == "m";  // m vs mm is the trap: a length needs its unit
  return {.name = std::move(name), .unit = std::move(unit), .default_value = value, .min = min,
          .max = max, .long_name = std::move(long_name), .source = std::move(source),
          .unit_required = length};
}

sim::ParamSpec time_constant(std::string name, double value, std::string long_name, std::string source) {
  sim::ParamSpec p = spec(std::move(name), "s", value, 0.0, kNoMax, std::move(long_name), std::move(source));
  p.min_exclusive = true;
  return p;
}

constexpr const char* kCalibrated = "calibrated (test_tone_calibration.cpp): ";
constexpr const char* kFitted =
    "coefficients fitted here to the two figures of the paper quoted in literature.md (the paper's "
    "own sigmoid coefficients not confirmed)";

std::vector<sim::ParamSpec> tone_field_params(const ToneParams& d) {
  return {
      spec("baseline_tone", "-", d.baseline, 0.0, 1.0, "baseline tone a_b (fraction of sigma_max)",
           "assumed: a tonic fibre stress sigma_max a_b = 3 kPa, so that tone is most of a "
           "resting along-fibre shear modulus of a few kPa"),
      spec("knot_x", "m", d.knot_centre_m.x(), -kNoMax, kNoMax, "knot centre x (reference; r when axisymmetric)", "scenario geometry"),
      spec("knot_y", "m", d.knot_centre_m.y(), -kNoMax, kNoMax, "knot centre y (reference; z when axisymmetric)", "scenario geometry"),
      spec("knot_z", "m", d.knot_centre_m.z(), -kNoMax, kNoMax, "knot centre z (reference)", "scenario geometry"),
      spec("knot_radius", "m", d.knot_radius_m, 0.0, kNoMax,
           "knot radius R: the raised tone falls to 1/e of its excess at R; 0: no knot", "assumed"),
      spec("knot_peak", "-", d.knot_peak, 0.0, 1.0, "tone a_k at the knot centre",
           std::string(kCalibrated) + "along-fibre shear modulus knot/normal = 1.18 at the default "
           "baseline, as MyotonPRO stiffness 270 vs 228 N/m of trigger points vs normal muscle"),
  };
}

std::vector<sim::ParamSpec> release_params(const ToneParams& d) {
  return {
      spec("release_threshold", "-", d.release_threshold, 0.0, kNoMax,
           "log compressive strain across the fibres (beyond a pure fibre stretch) above which "
           "sustained compression releases tone", "assumed"),
      spec("release_fraction", "-", d.release_fraction, 0.0, 1.0,
           "fraction q_max of the tone that sustained compression releases (0: no release)",
           std::string(kCalibrated) + "full release lowers the along-fibre shear modulus by 5.2 %, "
           "as 7 min of massage lowered it (Eriksson Crommert et al. 2015)"),
      time_constant("release_tau", d.release_tau_s, "time constant of release under compression",
                    "assumed, of the order of clinical holds of 30 s - 1 min"),
      time_constant("recovery_tau", d.recovery_tau_s, "time constant of the return of released tone",
                    "Eriksson Crommert et al. 2015: back to baseline within 3 min of rest (95 % in 3 tau)"),
  };
}

std::vector<sim::ParamSpec> adaptation_params(const ToneParams& d) {
  return {
      spec("short_stretch", "-", d.short_stretch, 0.0, kNoMax,
           "fibre stretch below which the muscle is held short (sitting)", "assumed"),
      spec("thixotropy_amount", "-", d.thixotropy_amount, 0.0, 1.0,
           "tone h_max that a long hold short adds", "assumed"),
      time_constant("thixotropy_tau", d.thixotropy_tau_s, "time constant of thixotropic build-up and decay",
                    "Lakie & Robson 1988: relaxed muscle stiffens at rest for at least 30 min"),
      spec("movement_rate", "1/s", d.movement_rate_per_s, 0.0, kNoMax,
           "fibre stretch rate above which the muscle moves (undoing thixotropy)", "assumed"),
      time_constant("movement_tau", d.movement_tau_s, "time constant of what movement undoes",
                    "J Appl Physiol 2020: a third of the slack-length shortening decays in 60 s (3 tau)"),
      spec("shortening_max", "-", d.shortening_max, 0.0, 0.5,
           "resting-length shortening of a long hold short (rho = 1 - shortening)", "assumed"),
      time_constant("adaptation_tau", d.adaptation_tau_s, "time constant of resting-length adaptation",
                    "assumed (the issue: over hours)"),
      spec("movement_undo_fraction", "-", d.movement_undo_fraction, 0.0, 1.0,
           "part of the resting-length shortening that movement undoes",
           "J Appl Physiol 2020: the shortening decays by a third, then holds for minutes"),
  };
}

std::vector<sim::ParamSpec> initial_state_params(const ToneParams& d) {
  constexpr const char* kHistory = "the history before t = 0 (e.g. tone_after_phases, models/bridge); 0: rested";
  return {
      spec("initial_released_fraction", "-", d.initial_released, 0.0, 1.0, "released fraction q at t = 0", kHistory),
      spec("initial_thixotropic_tone", "-", d.initial_thixotropic, 0.0, 1.0, "thixotropic tone h at t = 0", kHistory),
      spec("initial_shortening_movable", "-", d.initial_shortening_movable, 0.0, 1.0,
           "resting-length shortening that movement undoes, at t = 0", kHistory),
      spec("initial_shortening_persistent", "-", d.initial_shortening_persistent, 0.0, 1.0,
           "resting-length shortening that movement leaves, at t = 0", kHistory),
  };
}

std::vector<sim::ParamSpec> injury_params(const ToneParams& d) {
  constexpr const char* kLinderGanz = "Linder-Ganz et al. 2006 (rat muscle): ";
  constexpr const char* kGefen = "Gefen et al. 2008 [S]: ";
  return {
      spec("dti_pressure_high", "Pa", d.pressure.s_high, 0.0, kNoMax,
           "compressive stress tolerated for short holds",
           std::string(kLinderGanz) + "above 32 kPa cells die within 15 min - 1 h"),
      spec("dti_pressure_low", "Pa", d.pressure.s_low, 0.0, kNoMax,
           "compressive stress tolerated for long holds", std::string(kLinderGanz) + "above 9 kPa over 2 h or more"),
      time_constant("dti_pressure_mid_time", d.pressure.t_mid_s, "midpoint of the pressure-time sigmoid", kFitted),
      time_constant("dti_pressure_width", d.pressure.t_width_s, "width of the pressure-time sigmoid", kFitted),
      spec("dti_strain_high", "-", d.strain.s_high, 0.0, kNoMax, "strain tolerated for short holds",
           std::string(kGefen) + "about 65 % strain tolerated for about 1 h"),
      spec("dti_strain_low", "-", d.strain.s_low, 0.0, kNoMax, "strain tolerated for long holds",
           std::string(kGefen) + "about 40 % for about 4 h"),
      time_constant("dti_strain_mid_time", d.strain.t_mid_s, "midpoint of the strain-time sigmoid", kFitted),
      time_constant("dti_strain_width", d.strain.t_width_s, "width of the strain-time sigmoid", kFitted),
      time_constant("dti_min_time", d.pressure.t_min_s,
                    "shortest allowed hold, for loads at or above the short-time thresholds",
                    "Linder-Ganz et al. 2006: 15 min, the shortest time of the threshold"),
      spec("preceding_run", "s", d.preceding_run_s, 0.0, kNoMax, "duration of a run just before (0: none)",
           "scenario history"),
      spec("fatigue_run", "s", d.fatigue_run_s, 0.0, kNoMax,
           "a preceding run longer than this fatigues the muscle", "issue 4: a run of more than 90 min"),
      spec("fatigue_strain_factor", "-", d.fatigue_strain_factor, 0.0, 1.0,
           "strain thresholds of a fatigued muscle, as a fraction of the rested ones", "assumed"),
  };
}

}  // namespace

void register_tone(sim::Registry& registry) {
  if (!registry.has_material("blemker_muscle"))
    throw std::logic_error("register_tone: register blemker_muscle first (toned_muscle shares its parameters)");
  const ToneParams d;
  sim::ModelSpec ms{
      .kind = "material",
      .name = "toned_muscle",
      .summary =
          "Blemker muscle whose activation is a tone a(X, t) = clamp((a_rest(X) + h)(1 - q), 0, 1) "
          "(baseline, knot, release q by sustained compression, thixotropy h when held short) and "
          "whose optimal fibre stretch is lambda_ofl rho(t) (resting-length adaptation); "
          "deep-tissue-injury exposure against pressure-time and strain-time thresholds. A "
          "phenomenological model.",
      .source = "Blemker, Pinsky & Delp 2005 (muscle); tone dynamics phenomenological (this "
                "project), calibrated to MyotonPRO trigger-point stiffness, Eriksson Crommert et "
                "al. 2015, Lakie & Robson 1988; injury thresholds Linder-Ganz et al. 2006, Gefen et "
                "al. 2008",
      .params = {}};
  for (const sim::ParamSpec& p : registry.material_spec("blemker_muscle").params)
    if (p.name != "activation") ms.params.push_back(p);
  for (auto* group : {&tone_field_params, &release_params, &adaptation_params, &initial_state_params, &injury_params})
    for (sim::ParamSpec& p : (*group)(d)) ms.params.push_back(std::move(p));
  registry.add_material(std::move(ms), [](const sim::ParamValues& v) {
    // No "activation" key: the tone replaces it.
    auto material = std::make_unique<TonedMuscle>(BlemkerMuscleParams::from_values(v), ToneParams::from_values(v));
    material->set_volumetric(sim::VolumetricLaw{sim::VolumetricForm::quadratic, v.at("kappa")});
    return material;
  });
}

}  // namespace myo::models
