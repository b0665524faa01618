#include "myo/models/hook_release.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "myo/models/hip_region.hpp"
#include "myo/sim/element_geometry.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::models {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string mm(double metres) { return number(metres * 1e3) + " mm"; }

// The iliacus and psoas: toned_muscle on the in vivo matrix of toned_muscle_in_vivo (the tissue
// library; hip_hook_oblique.yaml), with the bridge's tone parameters and start state.
std::string toned_muscle_yaml(const sim::ParamValues& tone, const ToneState& start) {
  std::ostringstream o;
  o << "{model: toned_muscle, G1: 500 Pa, G2: 500 Pa, lambda_ofl: 0.97, matrix_mu: 2.17 kPa, matrix_alpha: 6.8, "
    << "kappa: " << number(kReleaseMuscleKappa_Pa) << ", fibre: [0, 1, 0]";
  for (const std::string& key : hook_release_tone_keys())
    if (auto it = tone.find(key); it != tone.end()) o << ", " << key << ": " << number(it->second);
  o << ", initial_released_fraction: " << number(start.released)
    << ", initial_thixotropic_tone: " << number(start.thixotropic)
    << ", initial_shortening_movable: " << number(start.shortening_movable)
    << ", initial_shortening_persistent: " << number(start.shortening_persistent) << "}";
  return o.str();
}

// The force let on in decades over the ramp (as hip_hook_oblique.yaml: 2, 10, 40, 100, 150 N at
// 1-5 s, scaled to force_N and ramp_s): the soft first 20 mm take a fifteenth of the force.
std::string force_table(const HookRelease& s) {
  static constexpr double kShare[] = {0.0, 2.0 / 150.0, 10.0 / 150.0, 40.0 / 150.0, 100.0 / 150.0, 1.0};
  std::ostringstream o;
  o << "{table: [";
  for (int i = 0; i < 6; ++i)
    o << (i ? ", " : "") << "[" << number(s.ramp_s * i / 5.0) << " s, " << number(s.force_N * kShare[i]) << " N]";
  if (s.hold_s > 0.0) o << ", [" << number(s.ramp_s + s.hold_s) << " s, " << number(s.force_N) << " N]";
  o << "]}";
  return o.str();
}

// The last value of history column `name` (0 when the run wrote none).
double last_of(const sim::RunResult& r, const std::string& name) {
  for (std::size_t c = 0; c < r.history_names.size(); ++c)
    if (r.history_names[c] == name && !r.history_columns[c].empty()) return r.history_columns[c].back();
  return 0.0;
}

// Reference volumes (m^3) of the iliacus and psoas regions, from one pass over the Gauss points.
std::pair<double, double> muscle_volumes_m3(const sim::Mesh& mesh) {
  for (const char* region : {"iliacus", "psoas"})
    if (!mesh.regions.count(region))
      throw std::invalid_argument(std::string("hook release: the run's mesh has no region '") + region +
                                  "' (not a hip_region run)");
  const std::vector<sim::GaussPointGeometry> g = sim::compute_gauss_geometry(mesh);
  const auto n_gp = static_cast<std::size_t>(sim::gauss_points_per_cell(mesh.cell_type));
  const auto volume = [&](const std::string& region) {
    double v = 0.0;
    for (int c : mesh.regions.at(region))
      for (std::size_t k = 0; k < n_gp; ++k) v += g[static_cast<std::size_t>(c) * n_gp + k].dV;
    return v;
  };
  return {volume("iliacus"), volume("psoas")};
}

}  // namespace

const std::vector<std::string>& hook_release_tone_keys() {
  static const std::vector<std::string> keys = {
      "baseline_tone", "release_threshold", "release_fraction", "release_tau", "recovery_tau",
      "short_stretch", "thixotropy_amount", "thixotropy_tau", "movement_rate", "movement_tau",
      "shortening_max", "adaptation_tau", "movement_undo_fraction"};
  return keys;
}

ToneDynamics release_tone_dynamics(const sim::Registry& registry, const sim::ParamValues& tone) {
  sim::ParamValues muscle = tone;
  muscle["kappa"] = kReleaseMuscleKappa_Pa;  // required by the spec; the tone model does not use it
  return ToneDynamics{ToneParams::from_values(registry.material_spec("toned_muscle").resolve(muscle, "tone"))};
}

std::string hook_release_yaml(const HookRelease& s, const sim::ParamValues& tone, const ToneState& start) {
  if (!(s.force_N > 0.0)) throw std::invalid_argument("release force: " + number(s.force_N) + " N; expected > 0 N");
  if (!(s.ramp_s > 0.0)) throw std::invalid_argument("release ramp: " + number(s.ramp_s) + " s; expected > 0 s");
  if (!(s.hold_s >= 0.0)) throw std::invalid_argument("release hold: " + number(s.hold_s) + " s; expected >= 0 s");
  HipRegionParams anatomy;
  anatomy.cells_x = s.cells_x;  // the skin height is that of the mesh the scenario generates
  if (!(s.tip_x_m > 0.0 && s.tip_x_m < anatomy.width_m))
    throw std::invalid_argument("release tip_x: " + number(s.tip_x_m * 1e3) + " mm; expected inside the hip region (0, " +
                                number(anatomy.width_m * 1e3) + ") mm");
  const double end_s = s.ramp_s + s.hold_s;
  const double dt_load_s = s.ramp_s / 40.0;  // as the scenario: 40 steps to the force
  std::ostringstream y;
  y << "# The hook-tip release of the hip-flexor bridge (models/bridge/hook_release.cpp), as run:\n"
    << "# hip_hook_oblique.yaml's press under the pelvic brim, on its own mesh and tone.\n"
    << "# Run: myorelease run scenario.resolved.yaml\n"
    << "name: hook_release\n"
    << "description: hook tip pressed under the pelvic brim, held at " << number(s.force_N) << " N for "
    << number(s.hold_s) << " s; iliacus and psoas toned from the sitting day\n"
    << "mesh:\n  generator: hip_region\n  cells_x: " << s.cells_x << "\n  cells_y: " << s.cells_y
    << "\n  lateral_grading: " << number(s.lateral_grading) << "\n";
  if (s.cells_per_layer > 0)
    for (const char* layer : {"cells_skin", "cells_fat", "cells_wall", "cells_viscera", "cells_muscle"})
      y << "  " << layer << ": " << s.cells_per_layer << "\n";
  y << "materials:\n"
    << "  skin: {preset: skin_in_vivo_hendriks}\n"
    << "  fat: {preset: subcutaneous_fat_in_vivo}\n"
    << "  abdominal_wall: {preset: relaxed_muscle_in_vivo, fibre: [1, 0, 0]}\n"
    << "  viscera: {preset: viscera_in_vivo}\n"
    << "  iliacus: " << toned_muscle_yaml(tone, start) << "\n"
    << "  psoas: " << toned_muscle_yaml(tone, start) << "\n"
    << "boundary:\n"
    << "  - {set: bottom, fix: all}\n"
    << "  - {set: y0, fix: [y]}\n"
    << "  - {set: y1, fix: [y]}\n"
    << "contact:\n"
    << "  - name: hook\n    surface: top\n    device: {preset: hook_tip, crease_fillet: 3 mm}\n"
    << "    position: [" << mm(s.tip_x_m) << ", " << mm(anatomy.length_m / 2) << ", " << mm(hip_region_skin_top_m(anatomy))
    << "]   # where the tip enters the skin\n"
    << "    direction: [-0.5, 0, -0.866]   # along the hook's line, under the brim toward the fossa\n"
    << "    orientation: [1, 0, 0]\n"
    << "    force: " << force_table(s) << "\n"
    << "    smoothing: 0.05 mm\n"
    << "solver: {shift_progress: 0.9, stabilization: 0.01}\n"
    << "time: {end: " << number(end_s) << " s, steps: " << std::max(4, static_cast<int>(std::ceil(end_s / dt_load_s)))
    << ", dt_max: {table: [[0 s, " << number(dt_load_s) << " s], [" << number(s.ramp_s) << " s, " << number(dt_load_s)
    << " s], [" << number(s.ramp_s + 1.0) << " s, " << number(s.dt_max_s) << " s]]}}\n"
    << "output:\n  times: [" << number(s.ramp_s) << " s, " << number(end_s) << " s]\n"
    << "  target: {region: iliacus, radius: 30 mm}\n";
  return y.str();
}

HookReleaseResult hook_release_result(sim::RunResult run) {
  HookReleaseResult r;
  r.run = std::move(run);
  std::tie(r.iliacus_volume_m3, r.psoas_volume_m3) = muscle_volumes_m3(r.run.mesh);
  r.iliacus_tone = last_of(r.run, "tone_mean_iliacus");
  r.psoas_tone = last_of(r.run, "tone_mean_psoas");
  r.iliacus_released = last_of(r.run, "released_fraction_mean_iliacus");
  r.psoas_released = last_of(r.run, "released_fraction_mean_psoas");
  r.iliacus_released_max = last_of(r.run, "released_fraction_max_iliacus");
  r.iliacus_resting_length_factor = last_of(r.run, "resting_length_factor_mean_iliacus");
  r.psoas_resting_length_factor = last_of(r.run, "resting_length_factor_mean_psoas");
  return r;
}

HookReleaseResult run_hook_release(const HookRelease& setup, const sim::ParamValues& tone, const ToneState& start,
                                   const sim::Registry& registry, const std::string& out_dir,
                                   const sim::ProgressCallback& progress) {
  const sim::Scenario scenario = sim::Scenario::from_text(hook_release_yaml(setup, tone, start));
  return hook_release_result(sim::run_scenario(scenario, registry, out_dir, progress));
}

}  // namespace myo::models
