// The "hip_flexor_bridge" study (hip_flexor_bridge.hpp).
#include "myo/models/hip_flexor_bridge.hpp"

#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "myo/models/hook_release.hpp"
#include "myo/models/param_helpers.hpp"
#include "myo/models/pelvis_inputs.hpp"
#include "myo/models/pelvis_posture.hpp"
#include "myo/models/sitting_day.hpp"

namespace myo::models {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

std::vector<sim::ParamSpec> chain_params() {
  const SittingDay day;
  const HookRelease hook;
  return {
      make_param("sitting_time", "s", day.sitting_s, 0.0, 86400.0, "hours at the desk", "the popular advice: all day"),
      make_param("sitting_hip_flexion", "rad", day.hip_flexion_rad, 0.0, 120.0 * kDeg,
                 "hip flexion while sitting (the iliacus's length comes from its path)", "assumed: a chair of knee height"),
      make_param("standing_time", "s", day.standing_s, 0.0, 86400.0, "standing after the day, before the posture",
                 "assumed"),
      make_param("release_force", "N", hook.force_N, 0.1, 1000.0, "hook force held along its line",
                 "the popular advice: body weight on the device; a fifth of 75 kg assumed"),
      make_param("release_ramp", "s", hook.ramp_s, 0.1, 600.0, "time to let the force on, in decades", "assumed"),
      make_param("release_hold", "s", hook.hold_s, 0.0, 3600.0, "time the hook is held",
                 "the popular advice: 30-90 s of sustained pressure"),
      make_length_param("release_tip_x", hook.tip_x_m, 0.0, 1.0,
                        "where the hook's tip enters the skin, across the hip region (lateral -> medial); it "
                        "travels along [-0.5, 0, -0.866], under the brim toward the fossa",
                        "50 mm medial to the ASIS, 15 mm lateral of the brim (hip_region defaults; as hip_hook_oblique.yaml)"),
      make_param("release_dt_max", "s", hook.dt_max_s, 0.01, 3600.0,
                 "largest time step of the release run's hold (the ramp takes 40 steps)", "numerical"),
      make_param("cells_x", "-", hook.cells_x, 2.0, 400.0, "hip-region cells across the width", "mesh resolution"),
      make_param("cells_y", "-", hook.cells_y, 1.0, 400.0, "hip-region cells along the body axis", "mesh resolution"),
      make_param("cells_per_layer", "-", hook.cells_per_layer, 0.0, 20.0,
                 "cells through every hip-region layer (0: the generator's defaults)", "mesh resolution"),
      make_param("rest_time", "s", 300.0, 0.0, 86400.0, "time after the hook is lifted", "assumed: 5 min"),
      make_param("run_time", "s", 600.0, 0.0, 86400.0,
                 "an easy run after the day instead of the hook (0: no comparison)", "assumed: 10 min"),
      make_param("hip_flexor_volume", "m^3", 400e-6, 1e-6, 5e-3, "volume of one side's iliacus and psoas",
                 "assumed: F_max l_opt / sigma with the gait2392 F_max, l_opt = 0.1 m and 61 N/cm^2 gives "
                 "358 cm^3; Reid 1994's 16.3 cm^2 psoas section over its length suggests more"),
  };
}

struct Posture {
  PostureResult standing, stride;
  double passive_extension_rad = 0.0;
  bool converged() const { return standing.converged && stride.converged; }
};

Posture posture(const PelvisInputs& in, const HipFlexorTightness& t) {
  PelvisParams p = in.model;
  p.hip_flexors = t;
  const PelvisModel model{p};
  return {solve_standing(model, in.standing), solve_stride(model, in.stride), passive_hip_extension(model)};
}

struct Stage {
  std::string name;
  double time_s;
  HipFlexorTightness tightness;
  double released;  ///< of the whole hip flexors' tone (-)
};

// The history (one row per stage: tightness and the postures it gives) into r; returns the
// postures, in stage order.
std::vector<Posture> stage_table(const std::vector<Stage>& stages, const PelvisInputs& in, double l_opt_mm,
                                 sim::RunResult& r) {
  r.history_names = {"stage", "time_s", "hip_flexor_tone", "hip_flexor_rho", "hip_flexor_shortening_mm",
                     "hip_flexor_released_fraction", "standing_tilt_deg", "standing_lumbar_extension_deg",
                     "standing_l5s1_compression_N", "stride_hip_extension_deg", "stride_tilt_deg",
                     "stride_lumbar_extension_deg", "stride_l5s1_compression_N", "passive_hip_extension_deg",
                     "converged"};
  r.history_columns.assign(r.history_names.size(), {});
  std::vector<Posture> postures;
  std::string stage_names;
  for (std::size_t k = 0; k < stages.size(); ++k) {
    const Stage& st = stages[k];
    const Posture p = posture(in, st.tightness);
    const std::vector<double> row = {double(k), st.time_s, st.tightness.tone, st.tightness.rho,
                                     (1.0 - st.tightness.rho) * l_opt_mm, st.released, deg(p.standing.pelvic_tilt_rad),
                                     deg(p.standing.lumbar_extension_rad), p.standing.lumbar.compression_N,
                                     deg(p.stride.hip_extension_rad), deg(p.stride.pelvic_tilt_rad),
                                     deg(p.stride.lumbar_extension_rad), p.stride.lumbar.compression_N,
                                     deg(p.passive_extension_rad), p.converged() ? 1.0 : 0.0};
    for (std::size_t c = 0; c < row.size(); ++c) r.history_columns[c].push_back(row[c]);
    postures.push_back(p);
    stage_names += (k ? ", " : "") + st.name;
  }
  r.summary_text = {{"stages", stage_names}};
  return postures;
}

// A summary value of a run (0 when the run did not write it).
double summary_value(const sim::RunResult& run, const std::string& key) {
  for (const auto& [k, v] : run.summary)
    if (k == key) return v;
  return 0.0;
}

// The hook run's own figures, under release_*.
std::vector<std::pair<std::string, double>> release_summary(const HookReleaseResult& fe, double held_s) {
  return {{"release_completed", fe.run.completed ? 1.0 : 0.0},
          {"release_end_time_s", held_s},
          {"release_depth_mm", summary_value(fe.run, "indentation_depth_mm")},
          {"release_peak_skin_pressure_kPa", summary_value(fe.run, "peak_contact_pressure_kPa")},
          {"release_target_mean_compressive_stress_kPa", summary_value(fe.run, "target_mean_compressive_stress_kPa")},
          {"release_target_force_fraction", summary_value(fe.run, "target_force_fraction")},
          {"release_injury_flag", summary_value(fe.run, "injury_flag")},
          {"release_iliacus_released_fraction", fe.iliacus_released},
          {"release_iliacus_released_fraction_max", fe.iliacus_released_max},
          {"release_psoas_released_fraction", fe.psoas_released}};
}

// What each stage does to the postures. Stage indices: 0 morning, 1 after_day, 2 end_of_hold,
// 3 without_hook, 4 after_rest, 5 after_run (if any); changes are from after_day, the hook's
// effect from the same time without it.
std::vector<std::pair<std::string, double>> posture_changes(const std::vector<Posture>& p) {
  const auto standing_tilt = [](const Posture& x) { return deg(x.standing.pelvic_tilt_rad); };
  const auto stride_tilt = [](const Posture& x) { return deg(x.stride.pelvic_tilt_rad); };
  const auto stride_ext = [](const Posture& x) { return deg(x.stride.hip_extension_rad); };
  const auto change = [&](std::size_t k, auto field) { return field(p[k]) - field(p[1]); };
  std::vector<std::pair<std::string, double>> s = {
      {"morning_standing_tilt_deg", standing_tilt(p[0])},
      {"day_standing_tilt_deg", standing_tilt(p[1])},
      {"day_standing_tilt_change_deg", standing_tilt(p[1]) - standing_tilt(p[0])},
      {"day_stride_tilt_change_deg", stride_tilt(p[1]) - stride_tilt(p[0])},
      {"day_stride_hip_extension_change_deg", stride_ext(p[1]) - stride_ext(p[0])},
      {"release_standing_tilt_change_deg", change(2, standing_tilt)},
      {"release_stride_tilt_change_deg", change(2, stride_tilt)},
      {"release_stride_hip_extension_change_deg", change(2, stride_ext)},
      {"hook_effect_standing_tilt_deg", standing_tilt(p[2]) - standing_tilt(p[3])},
      {"hook_effect_stride_tilt_deg", stride_tilt(p[2]) - stride_tilt(p[3])},
      {"rest_standing_tilt_change_deg", change(4, standing_tilt)},
      {"rest_stride_tilt_change_deg", change(4, stride_tilt)}};
  if (p.size() > 5) {
    s.emplace_back("run_standing_tilt_change_deg", change(5, standing_tilt));
    s.emplace_back("run_stride_tilt_change_deg", change(5, stride_tilt));
    s.emplace_back("run_stride_hip_extension_change_deg", change(5, stride_ext));
  }
  return s;
}

}  // namespace

SittingDay sitting_day_from(const sim::ParamValues& values) {
  SittingDay day;
  day.sitting_s = values.at("sitting_time");
  day.hip_flexion_rad = values.at("sitting_hip_flexion");
  day.standing_s = values.at("standing_time");
  return day;
}

HookRelease hook_release_from(const sim::ParamValues& values) {
  HookRelease hook;
  hook.force_N = values.at("release_force");
  hook.ramp_s = values.at("release_ramp");
  hook.hold_s = values.at("release_hold");
  hook.dt_max_s = values.at("release_dt_max");
  hook.tip_x_m = values.at("release_tip_x");
  hook.cells_x = whole_number(values, "cells_x");
  hook.cells_y = whole_number(values, "cells_y");
  hook.cells_per_layer = whole_number(values, "cells_per_layer");
  return hook;
}

HipFlexorTightness tightness_of(const ToneDynamics& dynamics, const ToneState& state) {
  return {ToneDynamics::resting_length_factor(state), ToneDynamics::tone_from(dynamics.params().baseline, state)};
}

WholeHipFlexors whole_hip_flexors(const ToneDynamics& dynamics, const HookReleaseResult& fe, const ToneState& untouched,
                                  double V) {
  const double V_il = fe.iliacus_volume_m3, V_ps = fe.psoas_volume_m3;
  if (!(V_il + V_ps <= V))
    throw std::invalid_argument("hip_flexor_volume: " + std::to_string(V * 1e6) + " cm^3 is less than the modelled iliacus and psoas (" +
                                std::to_string((V_il + V_ps) * 1e6) + " cm^3)");
  const HipFlexorTightness t_un = tightness_of(dynamics, untouched);
  const double V_un = V - V_il - V_ps;
  const HipFlexorTightness t_hold{
      (V_il * fe.iliacus_resting_length_factor + V_ps * fe.psoas_resting_length_factor + V_un * t_un.rho) / V,
      (V_il * fe.iliacus_tone + V_ps * fe.psoas_tone + V_un * t_un.tone) / V};
  return {t_hold, 1.0 - t_hold.tone / t_un.tone};
}

WholeHipFlexors after_rest(const ToneDynamics& dynamics, const ToneState& untouched, double released, double rest_s) {
  const ToneState rested = tone_after_phases(dynamics, untouched, {{"rest", rest_s, 1.0, 0.0, 0.0}});
  const double released_rest = released * std::exp(-rest_s / dynamics.params().recovery_tau_s);
  const HipFlexorTightness t = tightness_of(dynamics, rested);
  return {{t.rho, t.tone * (1.0 - released_rest)}, released_rest};
}

sim::ModelSpec hip_flexor_bridge_spec(const sim::Registry& registry) {
  sim::ModelSpec spec;
  spec.kind = "study";
  spec.name = "hip_flexor_bridge";
  spec.summary =
      "sitting day -> hip-flexor tone and resting length -> standing tilt and stride posture -> hook-tip hold on "
      "the hip region (finite elements) -> new tone -> new tilt, after a rest, and after a run instead";
  spec.source =
      "tone model (tone_dynamics.hpp); gait2392 paths and Thelen 2003 muscles (pelvis); hip_region anatomy; "
      "hook_tip device (assumed geometry)";
  spec.params = chain_params();
  const sim::ModelSpec& muscle = registry.material_spec("toned_muscle");
  for (const std::string& key : hook_release_tone_keys())
    for (const sim::ParamSpec& p : muscle.params)
      if (p.name == key) spec.params.push_back(p);
  for (sim::ParamSpec& p : pelvis_param_specs())
    if (p.name != "hip_flexor_rho" && p.name != "hip_flexor_tone") spec.params.push_back(std::move(p));
  return spec;
}

sim::RunResult run_hip_flexor_bridge(const sim::ParamValues& values, const sim::StudyContext& context) {
  if (!context.registry) throw std::logic_error("hip_flexor_bridge: needs the registry (StudyContext::registry)");
  const sim::Registry& registry = *context.registry;
  const auto progress = [&](double f, const std::string& m) {
    if (context.progress) context.progress(f, m);
  };

  // Link 1: the day, at one point of the hip flexors.
  sim::ParamValues tone_given;
  for (const std::string& key : hook_release_tone_keys()) tone_given[key] = values.at(key);
  const ToneDynamics dynamics = release_tone_dynamics(registry, tone_given);
  const PelvisInputs in = pelvis_inputs(values);
  const SittingDay day = sitting_day_from(values);
  const double sit_stretch = sitting_fibre_stretch(PelvisModel{in.model}, day.hip_flexion_rad);
  const ToneState morning;
  const ToneState after_day = tone_after_phases(dynamics, morning, sitting_day_phases(day, sit_stretch));
  const auto tightness = [&](const ToneState& s) { return tightness_of(dynamics, s); };
  progress(0.02, "sitting day");

  // Link 3: the hook on the hip region, starting from the day's state.
  const HookRelease hook = hook_release_from(values);
  const std::string release_dir = context.out_dir.empty() ? "" : context.out_dir + "/release";
  const HookReleaseResult fe = run_hook_release(
      hook, tone_given, after_day, registry, release_dir,
      [&](double f, const std::string& m) { progress(0.05 + 0.9 * f, "hook release: " + m); });
  const double held_s = summary_value(fe.run, "end_time_s");

  // Link 4: the whole hip flexors after the hold, and after the rest.
  const ToneState untouched = tone_after_phases(dynamics, after_day, {{"still", held_s, 1.0, 0.0, 0.0}});
  const WholeHipFlexors hold = whole_hip_flexors(dynamics, fe, untouched, values.at("hip_flexor_volume"));
  const double rest_s = values.at("rest_time");
  const WholeHipFlexors rest = after_rest(dynamics, untouched, hold.released_fraction, rest_s);

  // Links 2 and 4: the postures of every stage.
  const double day_end_s = day.sitting_s + day.standing_s;
  std::vector<Stage> stages = {{"morning", 0.0, tightness(morning), 0.0},
                               {"after_day", day_end_s, tightness(after_day), 0.0},
                               {"end_of_hold", day_end_s + held_s, hold.tightness, hold.released_fraction},
                               {"without_hook", day_end_s + held_s, tightness(untouched), 0.0},
                               {"after_rest", day_end_s + held_s + rest_s, rest.tightness, rest.released_fraction}};
  const double run_s = values.at("run_time");
  if (run_s > 0.0) {
    SittingDay run_day = day;
    run_day.run_s = run_s;
    stages.push_back({"after_run", day_end_s + run_s,
                      tightness(tone_after_phases(dynamics, morning, sitting_day_phases(run_day, sit_stretch))), 0.0});
  }
  const double l_opt_mm = PelvisModel{in.model}.muscle(0).params().optimal_fibre_length_m * 1e3;

  sim::RunResult r;
  const std::vector<Posture> postures = stage_table(stages, in, l_opt_mm, r);
  bool converged = true;
  for (const Posture& p : postures) converged = converged && p.converged();
  progress(1.0, "postures");

  auto& s = r.summary;
  s = {{"sitting_fibre_stretch", sit_stretch},
       {"day_hip_flexor_tone", stages[1].tightness.tone},
       {"day_hip_flexor_rho", stages[1].tightness.rho},
       {"day_hip_flexor_shortening_mm", (1.0 - stages[1].tightness.rho) * l_opt_mm}};
  for (auto& entry : release_summary(fe, held_s)) s.push_back(std::move(entry));
  s.emplace_back("release_modelled_volume_share", (fe.iliacus_volume_m3 + fe.psoas_volume_m3) / values.at("hip_flexor_volume"));
  s.emplace_back("release_hip_flexor_released_fraction", hold.released_fraction);
  s.emplace_back("rest_hip_flexor_released_fraction", rest.released_fraction);
  for (auto& entry : posture_changes(postures)) s.push_back(std::move(entry));
  r.completed = fe.run.completed && converged;
  r.message = !fe.run.completed ? "the hook release stopped at t = " + std::to_string(held_s) +
                                      " s (" + fe.run.message + "); its figures are those of the time reached"
              : !converged      ? "a posture did not converge (see the history column converged)"
                                : "";
  // The hook run's warnings (an unresolved contact, say) are the study's too.
  for (const auto& [key, text] : fe.run.summary_text) {
    if (key != "warnings" || text.empty()) continue;
    std::string lines, line;
    std::istringstream in_text(text);
    while (std::getline(in_text, line)) lines += (lines.empty() ? "" : "\n") + ("release: " + line);
    r.summary_text.emplace_back("warnings", lines);
  }
  return r;
}

}  // namespace myo::models
