// The links of the hip-flexor bridge (models/bridge, hip_flexor_bridge.hpp) for Python, each
// callable alone: the tone model through phases, the sitting stretch from the pelvis model, the
// release scenario and the whole muscles' tone after the hold and after a rest. Inputs are dicts of
// SI numbers or quantity text checked against the registry's specs (toned_muscle, the
// hip_flexor_bridge study, pelvis_statics); outputs are plain dicts. Conversion only: the physics
// is in models/.
#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "myo/models/hip_flexor_bridge.hpp"
#include "myo/models/hook_release.hpp"
#include "myo/models/param_helpers.hpp"
#include "myo/models/pelvis_inputs.hpp"
#include "myo/models/sitting_day.hpp"
#include "myo/models/tone_phases.hpp"
#include "myo/sim/scenario_error.hpp"

namespace py = pybind11;

namespace myo::python {

namespace {

/// Run `f`, turning std::invalid_argument (the models' bad-input error) into ScenarioError.
template <class F>
auto checked(F&& f) {
  try {
    return f();
  } catch (const std::invalid_argument& e) {
    throw sim::ScenarioError(e.what());
  }
}

/// The parameters of `from` named in `keys`, as a spec of their own.
sim::ModelSpec subspec(const sim::ModelSpec& from, const std::vector<std::string>& keys, const std::string& name) {
  sim::ModelSpec spec;
  spec.kind = from.kind;
  spec.name = name;
  for (const std::string& key : keys)
    for (const sim::ParamSpec& p : from.params)
      if (p.name == key) spec.params.push_back(p);
  return spec;
}

sim::ParamValues study_values(const py::dict& given, const std::vector<std::string>& keys, const std::string& path) {
  return resolve_params(given, subspec(models::hip_flexor_bridge_spec(registry()), keys, path), path);
}

const std::vector<std::string> kReleaseKeys = {"release_force", "release_ramp", "release_hold", "release_dt_max",
                                               "release_tip_x", "cells_x",      "cells_y",      "cells_per_layer"};

/// The tone parameters (hook_release_tone_keys, defaults filled), SI.
sim::ParamValues tone_values(const py::dict& tone) {
  return resolve_params(tone, subspec(registry().material_spec("toned_muscle"), models::hook_release_tone_keys(), "tone"),
                        "tone");
}

/// The tone model with those parameters (as the study's).
models::ToneDynamics dynamics_from(const sim::ParamValues& tone) {
  return checked([&] { return models::release_tone_dynamics(registry(), tone); });
}

/// A tone state from {released, thixotropic, shortening_movable, shortening_persistent} (-), 0 when absent.
models::ToneState state_from(const py::dict& given, const std::string& path) {
  sim::ModelSpec spec;
  spec.kind = "state";
  spec.name = path;
  spec.params = {
      models::make_param("released", "-", 0.0, 0.0, 1.0, "released fraction of the tone q", "ToneState"),
      models::make_param("thixotropic", "-", 0.0, 0.0, 1.0, "thixotropic tone h", "ToneState"),
      models::make_param("shortening_movable", "-", 0.0, 0.0, 1.0, "resting-length shortening movement undoes",
                         "ToneState"),
      models::make_param("shortening_persistent", "-", 0.0, 0.0, 1.0, "the rest of the shortening", "ToneState")};
  const sim::ParamValues v = resolve_params(given, spec, path);
  models::ToneState s;
  s.released = v.at("released");
  s.thixotropic = v.at("thixotropic");
  s.shortening_movable = v.at("shortening_movable");
  s.shortening_persistent = v.at("shortening_persistent");
  return s;
}

py::dict state_dict(const models::ToneDynamics& dynamics, const models::ToneState& s) {
  const models::HipFlexorTightness t = models::tightness_of(dynamics, s);
  py::dict d;
  d["released"] = s.released;
  d["thixotropic"] = s.thixotropic;
  d["shortening_movable"] = s.shortening_movable;
  d["shortening_persistent"] = s.shortening_persistent;
  d["tone"] = t.tone;
  d["resting_length_factor"] = t.rho;
  return d;
}

py::dict tightness_dict(const models::WholeHipFlexors& w) {
  py::dict d;
  d["tone"] = w.tightness.tone;
  d["resting_length_factor"] = w.tightness.rho;
  d["released_fraction"] = w.released_fraction;
  return d;
}

models::TonePhase phase_from(const py::dict& given, std::size_t k) {
  const std::string path = "phases[" + std::to_string(k) + "]";
  py::dict numbers;
  models::TonePhase phase;
  phase.name = path;
  for (const auto& [key, value] : given) {
    if (py::str(key).cast<std::string>() == "name")
      phase.name = py::str(value);
    else
      numbers[key] = value;
  }
  sim::ModelSpec spec;
  spec.kind = "phase";
  spec.name = "tone_phase";
  spec.params = {
      models::make_param("duration_s", "s", phase.duration_s, 0.0, 1e9, "length of the phase", "TonePhase"),
      models::make_param("fibre_stretch", "-", phase.fibre_stretch, 1e-3, 10.0, "lambda_f held through the phase",
                         "TonePhase"),
      models::make_param("fibre_rate_per_s", "1/s", phase.fibre_rate_per_s, 0.0, 1e3, "|d lambda_f / dt|", "TonePhase"),
      models::make_param("compression", "-", phase.compression, 0.0, 10.0, "e_c across the fibres", "TonePhase")};
  const sim::ParamValues v = resolve_params(numbers, spec, path);
  phase.duration_s = v.at("duration_s");
  phase.fibre_stretch = v.at("fibre_stretch");
  phase.fibre_rate_per_s = v.at("fibre_rate_per_s");
  phase.compression = v.at("compression");
  return phase;
}

py::dict phase_dict(const models::TonePhase& p) {
  py::dict d;
  d["name"] = p.name;
  d["duration_s"] = p.duration_s;
  d["fibre_stretch"] = p.fibre_stretch;
  d["fibre_rate_per_s"] = p.fibre_rate_per_s;
  d["compression"] = p.compression;
  return d;
}

/// What hook_release_result reads of a run: its history columns and its mesh.
sim::RunResult run_from(const py::dict& history, const py::dict& mesh) {
  sim::RunResult r;
  for (const auto& [name, column] : history) {
    r.history_names.push_back(py::str(name));
    r.history_columns.push_back(column.cast<std::vector<double>>());
  }
  for (const char* key : {"coordinates", "cells", "cell_type", "regions"})
    if (!mesh.contains(key)) throw sim::ScenarioError(std::string("mesh: no '") + key + "'; expected a Result's mesh dict");
  const std::string type = mesh["cell_type"].cast<std::string>();
  if (type != "hex8") throw sim::ScenarioError("mesh.cell_type: '" + type + "'; the hip region is hex8");
  r.mesh.cell_type = sim::CellType::hex8;
  r.mesh.X = mesh["coordinates"].cast<sim::RowMatrixXd>();
  r.mesh.cells = mesh["cells"].cast<sim::RowMatrixXi>();
  for (const auto& [name, cells] : mesh["regions"].cast<py::dict>())
    r.mesh.regions[py::str(name)] = cells.cast<std::vector<int>>();
  return r;
}

}  // namespace

void init_bridge(py::module_& m) {
  m.def(
      "tone_after_phases",
      [](const py::list& phases, const py::object& start, const py::dict& tone) {
        const models::ToneDynamics dynamics = dynamics_from(tone_values(tone));
        std::vector<models::TonePhase> ps;
        for (std::size_t k = 0; k < phases.size(); ++k) ps.push_back(phase_from(phases[k].cast<py::dict>(), k));
        const models::ToneState s0 = start.is_none() ? models::ToneState{} : state_from(start.cast<py::dict>(), "start");
        return state_dict(dynamics, checked([&] { return models::tone_after_phases(dynamics, s0, ps); }));
      },
      py::arg("phases"), py::arg("start") = py::none(), py::arg("tone") = py::dict(),
      "The tone model at one point (no knot) driven through phases of constant drives (exact). "
      "phases: [{name, duration_s (s), fibre_stretch (-), fibre_rate_per_s (1/s), compression (-)}]; "
      "start: {released, thixotropic, shortening_movable, shortening_persistent} (-), None: rested; "
      "tone: toned_muscle parameters of the bridge (hook_release_tone_keys), SI or quantity text. "
      "Returns {released, thixotropic, shortening_movable, shortening_persistent, tone, "
      "resting_length_factor} (-). Raises ScenarioError naming the key and the value.");
  m.def("hook_release_tone_keys", &models::hook_release_tone_keys,
        "The toned_muscle parameters the bridge's tone model and release scenario take.");
  m.def(
      "sitting_fibre_stretch",
      [](const py::object& hip_flexion, const py::dict& pelvis) {
        py::dict given;
        given["sitting_hip_flexion"] = hip_flexion;
        const double q = study_values(given, {"sitting_hip_flexion"}, "sitting_day").at("sitting_hip_flexion");
        return models::sitting_fibre_stretch(models::PelvisModel{pelvis_inputs_from(pelvis).model}, q);
      },
      py::arg("hip_flexion"), py::arg("pelvis") = py::dict(),
      "lambda_f of the iliacus while sitting (-): its normalised fibre length on its gait2392 path at "
      "hip_flexion (rad or quantity text, '90 deg'), other joints as in quiet standing, over that of "
      "quiet standing. pelvis: pelvis_statics parameters.");
  m.def(
      "sitting_day_phases",
      [](const py::dict& day, double sitting_stretch) {
        sim::ModelSpec spec =
            subspec(models::hip_flexor_bridge_spec(registry()), {"sitting_time", "standing_time", "run_time"}, "sitting_day");
        for (sim::ParamSpec& p : spec.params)
          if (p.name == "run_time") p.default_value = models::SittingDay{}.run_s;  // a day without a run
        const sim::ParamValues v = resolve_params(day, spec, "sitting_day");
        models::SittingDay d;
        d.sitting_s = v.at("sitting_time");
        d.standing_s = v.at("standing_time");
        d.run_s = v.at("run_time");
        py::list out;
        for (const models::TonePhase& p : models::sitting_day_phases(d, sitting_stretch)) out.append(phase_dict(p));
        return out;
      },
      py::arg("day") = py::dict(), py::arg("sitting_stretch"),
      "The phases of a day: sitting (held at sitting_stretch, -), standing, then an easy run if "
      "run_time > 0. day: {sitting_time, standing_time, run_time} (s or quantity text; run_time "
      "defaults to 0). Returns phase dicts for tone_after_phases.");
  m.def(
      "hook_release_yaml",
      [](const py::dict& setup, const py::dict& tone, const py::object& start) {
        const models::HookRelease hook =
            checked([&] { return models::hook_release_from(study_values(setup, kReleaseKeys, "hook_release")); });
        const sim::ParamValues t = tone_values(tone);
        const models::ToneState s0 = start.is_none() ? models::ToneState{} : state_from(start.cast<py::dict>(), "start");
        return checked([&] { return models::hook_release_yaml(hook, t, s0); });
      },
      py::arg("setup") = py::dict(), py::arg("tone") = py::dict(), py::arg("start") = py::none(),
      "The release scenario (YAML text): the hook tip on the hip region, iliacus and psoas toned from "
      "`start` (a tone state, as tone_after_phases). setup: release_force (N), release_ramp (s), "
      "release_hold (s), release_dt_max (s), release_tip_x (m, needs a unit as text), cells_x, "
      "cells_y, cells_per_layer, as the hip_flexor_bridge study; tone as tone_after_phases.");
  m.def(
      "whole_hip_flexors",
      [](const py::dict& history, const py::dict& mesh, const py::dict& untouched, const py::dict& tone,
         const py::object& hip_flexor_volume) {
        const models::ToneDynamics dynamics = dynamics_from(tone_values(tone));
        py::dict given;
        if (!hip_flexor_volume.is_none()) given["hip_flexor_volume"] = hip_flexor_volume;
        const double V = study_values(given, {"hip_flexor_volume"}, "whole_hip_flexors").at("hip_flexor_volume");
        const models::ToneState un = state_from(untouched, "untouched");
        const models::HookReleaseResult fe = checked([&] { return models::hook_release_result(run_from(history, mesh)); });
        py::dict d = tightness_dict(checked([&] { return models::whole_hip_flexors(dynamics, fe, un, V); }));
        d["iliacus_volume_m3"] = fe.iliacus_volume_m3;
        d["psoas_volume_m3"] = fe.psoas_volume_m3;
        d["modelled_volume_share"] = (fe.iliacus_volume_m3 + fe.psoas_volume_m3) / V;
        d["iliacus_tone"] = fe.iliacus_tone;
        d["psoas_tone"] = fe.psoas_tone;
        d["iliacus_released_fraction"] = fe.iliacus_released;
        d["iliacus_released_fraction_max"] = fe.iliacus_released_max;
        d["psoas_released_fraction"] = fe.psoas_released;
        d["iliacus_resting_length_factor"] = fe.iliacus_resting_length_factor;
        d["psoas_resting_length_factor"] = fe.psoas_resting_length_factor;
        return d;
      },
      py::arg("history"), py::arg("mesh"), py::arg("untouched"), py::arg("tone") = py::dict(),
      py::arg("hip_flexor_volume") = py::none(),
      "Tone and rho of the whole hip flexors at the end of a release run: the run's iliacus and psoas "
      "(volume means of the last history row, region volumes from the mesh) and the rest of "
      "hip_flexor_volume (m^3 or quantity text; None: the study's default) at `untouched` (the "
      "day's state carried through the same time without pressure). history, mesh: a Result's. "
      "Returns {tone, resting_length_factor, released_fraction (-), the iliacus and psoas figures, "
      "their volumes (m^3) and modelled_volume_share}.");
  m.def(
      "after_rest",
      [](const py::dict& untouched, double released_fraction, const py::object& rest_time, const py::dict& tone) {
        const models::ToneDynamics dynamics = dynamics_from(tone_values(tone));
        py::dict given;
        given["rest_time"] = rest_time;
        const double rest_s = study_values(given, {"rest_time"}, "after_rest").at("rest_time");
        return tightness_dict(models::after_rest(dynamics, state_from(untouched, "untouched"), released_fraction, rest_s));
      },
      py::arg("untouched"), py::arg("released_fraction"), py::arg("rest_time"), py::arg("tone") = py::dict(),
      "Tone and rho of the whole hip flexors rest_time (s or quantity text) after the hold: the state "
      "goes on from `untouched` without pressure and released_fraction (-) decays as "
      "exp(-rest_time / recovery_tau). Returns {tone, resting_length_factor, released_fraction}.");
}

}  // namespace myo::python
