#include "myo/sim/simulation.hpp"

#include "myo/sim/contact_resolution.hpp"
#include "myo/sim/depth_profile.hpp"
#include "myo/sim/tangled_cells.hpp"
#include "myo/sim/target_region.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "myo/sim/deformable_ball.hpp"
#include "myo/sim/device_reach.hpp"
#include "myo/sim/input_text.hpp"
#include "myo/sim/json_writer.hpp"
#include "myo/sim/model.hpp"
#include "myo/sim/result_writer.hpp"

#ifndef MYO_VERSION
#define MYO_VERSION "0.0.0"
#endif
#ifndef MYO_BUILD_TYPE
#define MYO_BUILD_TYPE "unknown"
#endif

namespace myo::sim {
namespace {

Mesh build_mesh(const ScenarioSpec& spec) {
  try {
    Mesh mesh = spec.given_mesh ? *spec.given_mesh
                : spec.mesh_generator == "layered_box" ? make_layered_box(spec.box, "mesh")
                                                       : make_layered_cylinder(spec.cylinder, "mesh");
    add_deformable_balls(spec.balls, mesh);
    mesh.check();
    return mesh;
  } catch (const ScenarioError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  }
}

std::vector<RegionMaterial> build_materials(const ScenarioSpec& spec, const Registry& registry) {
  std::vector<RegionMaterial> out;
  for (const MaterialAssignment& a : spec.materials) {
    std::unique_ptr<Material> m;
    try {
      m = registry.make_material(a.model, a.params, "materials." + a.region);
    } catch (const std::invalid_argument& e) {
      throw ScenarioError(e.what());
    }
    VolumetricLaw vol = m->volumetric();
    vol.form = a.volumetric;
    m->set_volumetric(vol);
    out.push_back({a.region, std::shared_ptr<const Material>(std::move(m)), a.fibre});
  }
  return out;
}

/// n x 3 rows from a dof vector with dim components per node (axisymmetric: (r, z, 0)).
RowMatrixXd node_vectors(const Eigen::VectorXd& v, int n_nodes, int dim) {
  RowMatrixXd out = RowMatrixXd::Zero(n_nodes, 3);
  for (int n = 0; n < n_nodes; ++n)
    for (int i = 0; i < dim; ++i) out(n, i) = v(dim * n + i);
  return out;
}

const char* component_name(int i, bool axi) {
  static const char* xyz[] = {"x", "y", "z"};
  static const char* rz[] = {"r", "z"};
  return axi ? rz[i] : xyz[i];
}

/// The contacts, their face sets checked against the mesh (an auto penalty is set by the Model).
std::vector<ContactSpec> resolve_contacts(const ScenarioSpec& spec, const Mesh& mesh) {
  std::vector<ContactSpec> out = spec.contacts;
  for (const ContactSpec& c : out)
    if (!mesh.face_sets.count(c.face_set))
      throw ScenarioError((c.key_path.empty() ? "contact." + c.name : c.key_path) + ".surface: face set \"" +
                          c.face_set + "\" is not in the mesh");
  return out;
}

/// The pressure map: the contact pressure of every contact at the surface nodes (n_nodes x 1, Pa).
RowMatrixXd contact_pressure(const Model& model, const Eigen::VectorXd& u, double t) {
  RowMatrixXd p = RowMatrixXd::Zero(model.mesh().n_nodes(), 1);
  for (const PenaltyContact& c : model.contacts()) p.col(0) += c.nodal_pressure(u, t);
  return p;
}

/// Where the first device touches and the way it travels: the axis of the target selection and
/// of the depth profile (a deformable ball: where it touches). Without a device: the top of the
/// mesh's axis, pressed downwards.
std::pair<Vec3, Vec3> device_axis(const ScenarioSpec& spec, const Mesh& mesh) {
  if (!spec.contacts.empty()) {
    const ContactSpec& c = spec.contacts.front();
    return {c.origin + c.rotation * c.surface->tip(c.rotation.transpose() * c.direction), c.direction};
  }
  if (!spec.balls.empty()) return {spec.balls.front().position, spec.balls.front().direction};
  const int up = mesh.dim() - 1;
  Vec3 top = Vec3::Zero(), down = Vec3::Zero();
  top(up) = mesh.X.col(up).maxCoeff();
  down(up) = -1.0;
  return {top, down};
}

/// The depth profile of cf as line arrays for result.h5 (n_points x 1 each).
std::vector<Field> profile_fields(const DepthProfile& profile, const CellFields& cf) {
  return {{"depth_profile_depth", "m", false, profile.depths()},
          {"depth_profile_axial_compression", "Pa", false, profile.axial_compression(cf)},
          {"depth_profile_compression", "Pa", false, profile.compression(cf)}};
}

std::vector<double> to_std(const Eigen::VectorXd& v, double scale) {
  std::vector<double> out(v.size());
  for (int k = 0; k < v.size(); ++k) out[k] = v(k) * scale;
  return out;
}

/// `fields` followed by the material outputs of cf (cell means), one field each.
std::vector<Field> with_material_outputs(const CellFields& cf, std::vector<Field> fields) {
  for (size_t k = 0; k < cf.outputs.size(); ++k)
    fields.push_back({cf.outputs[k].name, cf.outputs[k].unit, true, cf.output_mean.col(k)});
  return fields;
}

struct OutputStatistic {
  std::string name, unit;
  double value;
};

/// Statistics of the material outputs (MaterialOutput::Summary) of the committed history, as
/// history columns and hence summary keys: per region the volume mean and the largest point value
/// (<name>_mean_<region>, <name>_max_<region>), or the largest value over the mesh (<name>); a
/// unit other than "-" is appended to the name.
std::vector<OutputStatistic> material_output_statistics(const Assembler& assembler, const Mesh& mesh) {
  CellFields cf;
  assembler.material_output_fields(cf);
  std::vector<OutputStatistic> out;
  for (size_t k = 0; k < cf.outputs.size(); ++k) {
    const MaterialOutput& o = cf.outputs[k];
    const std::string unit = o.unit == "-" ? "" : "_" + o.unit;
    double global_max = -INFINITY;
    for (const auto& [region, cells] : mesh.regions) {
      double integral = 0.0, volume = 0.0, max = -INFINITY;
      for (int c : cells) {
        if (std::isnan(cf.output_mean(c, k))) continue;
        integral += cf.output_mean(c, k) * cf.volume(c, 0);
        volume += cf.volume(c, 0);
        max = std::max(max, cf.output_max(c, k));
      }
      if (volume == 0.0) continue;
      global_max = std::max(global_max, max);
      if (o.summary != MaterialOutput::Summary::region_mean_max) continue;
      out.push_back({o.name + "_mean_" + region + unit, o.unit, integral / volume});
      out.push_back({o.name + "_max_" + region + unit, o.unit, max});
    }
    if (o.summary == MaterialOutput::Summary::global_max) out.push_back({o.name + unit, o.unit, global_max});
  }
  return out;
}

void add_material_output_columns(const Assembler& assembler, const Mesh& mesh, std::vector<std::string>& names,
                                 std::vector<std::string>& units) {
  for (const OutputStatistic& st : material_output_statistics(assembler, mesh)) {
    names.push_back(st.name);
    units.push_back(st.unit);
  }
}

bool is_output_time(const OutputSpec& o, double t) {
  if (o.times_s.empty()) return true;
  for (double s : o.times_s)
    if (std::abs(s - t) <= 1e-9 * std::max(1.0, std::abs(s))) return true;
  return false;
}

}  // namespace

namespace {

/// The model of a parsed scenario on its mesh: materials, loads, contacts with their penalties;
/// every set checked, every device shown to reach its surface. Throws ScenarioError.
std::unique_ptr<Model> build_model(const ScenarioSpec& spec, const Registry& registry, const Mesh& mesh) {
  for (const auto& s : spec.output.reaction_sets)
    if (!mesh.node_sets.count(s))
      throw ScenarioError("output.reaction_sets: node set \"" + s + "\" is not in the mesh");
  try {
    std::vector<RegionMaterial> materials = build_materials(spec, registry);
    ModelLoads loads = spec.loads;
    loads.contacts = resolve_contacts(spec, mesh);
    loads.pair_contacts = ball_pair_contacts(spec.balls, mesh, materials);
    loads.tied_forces = ball_tied_forces(spec.balls);
    check_devices_reach(spec.contacts, spec.balls, mesh);
    return std::make_unique<Model>(mesh, std::move(materials), spec.formulation, std::move(loads));
  } catch (const ScenarioError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  }
}

/// A share (-) as "5.41 %".
std::string format_percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g %%", 100.0 * share);
  return buf;
}

/// One line per accepted step, for the log: "step 12, t = 3.2 s, dt = 0.4 s, 5 Newton
/// iterations, residual 3.1e-10 N, indenter 12.3 N at 4.12 mm".
std::string step_line(const StepRecord& rec, const std::vector<std::string>& contact_names,
                      const std::vector<ContactState>& states) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "step %d, t = %.6g s, dt = %.3g s, %d Newton iterations, residual %.2e N",
                rec.step, rec.time_s, rec.dt_s, rec.iterations, rec.residual_N);
  std::string line = buf;
  if (rec.failed_attempts > 0) line += ", " + std::to_string(rec.failed_attempts) + " cutbacks";
  for (size_t k = 0; k < contact_names.size() && k < states.size(); ++k) {
    std::snprintf(buf, sizeof buf, ", %s %.4g N at %.4g mm", contact_names[k].c_str(), states[k].force_N,
                  states[k].depth_m * 1e3);
    line += buf;
  }
  return line;
}

/// Create out_dir, write scenario.resolved.yaml and open result.h5 with the mesh and the
/// attributes every run carries.
/// Creates out_dir and a summary.json that says the run has not finished; the run's own summary
/// replaces it (atomically) at the end, so a run that is killed leaves a summary saying so.
void start_output_dir(const std::string& out_dir, const std::string& name) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec || !std::filesystem::is_directory(out_dir))
    throw ScenarioError("--out " + quote_input(out_dir) + ": cannot create the output directory (" +
                        (ec ? ec.message() : std::string("a file of that name exists")) + ")");
  write_json_object(out_dir + "/summary.json",
                    {{"completed", JsonValue(0.0)},
                     {"scenario", JsonValue(name)},
                     {"message", JsonValue("not finished: the run is still going or was stopped; result.h5 "
                                           "holds every step written so far")},
                     {"version", JsonValue(MYO_VERSION)}});
}

std::unique_ptr<ResultWriter> open_result_files(const Scenario& scenario, const Registry& registry,
                                                const std::string& out_dir, const Mesh& mesh) {
  start_output_dir(out_dir, scenario.name());
  const std::string resolved = scenario.resolved_yaml(registry);
  std::ofstream(out_dir + "/scenario.resolved.yaml")
      << "# resolved by myorelease " << MYO_VERSION << " (" << MYO_BUILD_TYPE << ")\n" << resolved << "\n";
  auto writer = std::make_unique<ResultWriter>(out_dir + "/result.h5", mesh);
  writer->set_attribute("myorelease_version", MYO_VERSION);
  writer->set_attribute("build_type", MYO_BUILD_TYPE);
  writer->set_attribute("scenario", resolved);
  return writer;
}

void write_summary_json(const std::string& out_dir, const RunResult& result) {
  std::vector<std::pair<std::string, JsonValue>> entries;
  for (const auto& [k, v] : result.summary) entries.emplace_back(k, JsonValue(v));
  for (const auto& [k, v] : result.summary_text) entries.emplace_back(k, JsonValue(v));
  for (const auto& [k, v] : result.summary_arrays) entries.emplace_back(k, JsonValue(v));
  write_json_object(out_dir + "/summary.json", entries);
}

/// The unit of a history column from its name's suffix ("tilt_deg" -> "deg"); "-" if none.
std::string unit_of(const std::string& name) {
  static const std::vector<std::string> units = {"deg_per_mm", "deg", "mm", "m", "N_m", "Nm", "N", "s", "rad", "kPa", "Pa"};
  for (const std::string& u : units)
    if (name.size() > u.size() && name.compare(name.size() - u.size() - 1, std::string::npos, "_" + u) == 0) return u;
  return "-";
}

/// A study scenario: the registered runner computes, this writes its result as any run's.
RunResult run_study(const Scenario& scenario, const ScenarioSpec& spec, const Registry& registry,
                    const std::string& out_dir, const ProgressCallback& progress) {
  const auto t_start = std::chrono::steady_clock::now();
  RunResult result;
  if (!out_dir.empty()) start_output_dir(out_dir, spec.name);
  try {
    result = registry.study_runner(spec.study)(spec.study_params, {spec.name, spec.description, progress, &registry, out_dir});
  } catch (const std::invalid_argument& e) {
    throw ScenarioError("study: " + std::string(e.what()));
  }
  result.times.total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
  // No mesh: an empty hex8 mesh keeps result.h5's layout (and its readers) unchanged.
  result.mesh = Mesh{};
  result.mesh.X.resize(0, 3);
  result.mesh.cells.resize(0, 8);
  const size_t rows = result.history_columns.empty() ? 0 : result.history_columns.front().size();
  result.steps = static_cast<int>(rows);
  result.summary.insert(result.summary.begin(), {{"completed", result.completed ? 1.0 : 0.0},
                                                 {"steps", static_cast<double>(rows)}});
  result.summary.emplace_back("wall_time_s", result.times.total_s);
  result.summary_text.insert(result.summary_text.begin(), {{"scenario", spec.name}, {"study", spec.study}});
  result.summary_text.emplace_back("message", result.message);
  result.summary_text.emplace_back("version", MYO_VERSION);
  if (!out_dir.empty()) {
    result.out_dir = out_dir;
    auto writer = open_result_files(scenario, registry, out_dir, result.mesh);
    writer->set_attribute("study", spec.study);
    std::vector<std::string> units;
    for (const std::string& n : result.history_names) units.push_back(unit_of(n));
    writer->write_history(result.history_names, units, result.history_columns);
    writer->close();
    write_summary_json(out_dir, result);
  }
  return result;
}

}  // namespace

RunResult run_scenario(const Scenario& scenario, const Registry& registry, const std::string& out_dir,
                       const ProgressCallback& progress) {
  const auto t_start = std::chrono::steady_clock::now();
  const ScenarioSpec spec = scenario.spec(registry);
  if (!spec.study.empty()) return run_study(scenario, spec, registry, out_dir, progress);
  RunResult result;
  result.mesh = build_mesh(spec);
  const Mesh& mesh = result.mesh;
  const bool axi = mesh.axisymmetric();
  const int dim = mesh.dim();
  std::unique_ptr<Model> model_ptr = build_model(spec, registry, mesh);
  Model& model = *model_ptr;
  NewtonSolver newton(model, spec.newton);
  model.set_stabilization(spec.newton.stabilization, spec.steps.dt_initial_s);
  int tangled_cells = 0;                  // at the last accepted step
  std::string tangled_warning;            // the first step with tangled cells
  result.n_dofs = model.n_dofs();

  std::unique_ptr<ResultWriter> writer;
  if (!out_dir.empty()) {
    result.out_dir = out_dir;
    writer = open_result_files(scenario, registry, out_dir, mesh);
    writer->set_attribute("formulation", to_string(spec.formulation));
  }

  // History columns: time, step, iterations, max |u|, reactions per requested set and component.
  std::vector<std::string> names = {"time_s", "step", "newton_iterations", "max_displacement_mm"};
  std::vector<std::string> units = {"s", "-", "-", "mm"};
  for (const auto& s : spec.output.reaction_sets)
    for (int i = 0; i < dim; ++i) {
      names.push_back("reaction_force_" + s + "_" + component_name(i, axi) + "_N");
      units.push_back("N");
      names.push_back("displacement_" + s + "_" + component_name(i, axi) + "_mm");
      units.push_back("mm");
    }
  add_material_output_columns(model.assembler(), mesh, names, units);
  const std::vector<std::pair<std::string, std::string>> contact_columns = {
      {"_force_N", "N"}, {"_depth_mm", "mm"}, {"_peak_pressure_kPa", "kPa"},
      {"_mean_pressure_kPa", "kPa"}, {"_contact_area_mm2", "mm^2"}};
  const size_t first_contact_column = names.size();
  std::vector<std::string> contact_names;
  for (const auto& c : spec.contacts) contact_names.push_back(c.name);
  for (const auto& b : spec.balls) contact_names.push_back(b.name);
  for (const auto& c : contact_names)
    for (const auto& [col, unit] : contact_columns) {
      names.push_back(c + col);
      units.push_back(unit);
    }
  // Frictional contacts add their tangential force and stick/slip areas.
  const std::vector<std::pair<std::string, std::string>> friction_columns = {
      {"_friction_force_N", "N"}, {"_normal_load_N", "N"}, {"_stick_area_mm2", "mm^2"},
      {"_slip_area_mm2", "mm^2"}};
  for (const auto& c : spec.contacts)
    if (c.friction > 0.0)
      for (const auto& [col, unit] : friction_columns) {
        names.push_back(c.name + col);
        units.push_back(unit);
      }
  const auto [axis_point, axis_direction] = device_axis(spec, mesh);
  std::unique_ptr<TargetRegion> target;
  const size_t first_target_column = names.size();
  if (!spec.output.target.region.empty()) {
    try {
      target = std::make_unique<TargetRegion>(mesh, spec.output.target, axis_point, axis_direction);
    } catch (const std::invalid_argument& e) {
      throw ScenarioError(e.what());
    }
    for (const auto& [col, unit] : {std::pair<std::string, std::string>{"target_mean_compressive_stress_kPa", "kPa"},
                                    {"target_peak_compressive_stress_kPa", "kPa"},
                                    {"target_mean_axial_stress_kPa", "kPa"},
                                    {"target_peak_compressive_strain", "-"},
                                    {"target_force_N", "N"},
                                    {"target_force_fraction", "-"}}) {
      names.push_back(col);
      units.push_back(unit);
    }
  }
  if (spec.newton.stabilization > 0.0) {
    names.push_back("stabilization_force_share");  // the damping's share of the load: not physics
    units.push_back("-");
  }
  std::unique_ptr<DepthProfile> profile;  // along a device's axis only
  if ((!spec.contacts.empty() || !spec.balls.empty()) && spec.output.depth_profile_points >= 2)
    profile = std::make_unique<DepthProfile>(mesh, axis_point, axis_direction, spec.output.depth_profile_points);
  std::vector<std::vector<double>> columns(names.size());

  std::vector<std::string> rigid_names;
  std::vector<double> penalty_factors;
  for (const PenaltyContact& c : model.contacts()) {
    rigid_names.push_back(c.spec().name);
    penalty_factors.push_back(c.auto_penalty() ? c.spec().penalty_factor : 0.0);
  }
  ContactResolution resolution(rigid_names, penalty_factors);

  Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs()), R;
  const auto& eq = model.equations();
  auto on_accept = [&](const StepRecord& rec, const Eigen::VectorXd& u_acc) {
    double energy;
    {
      ScopedTimer timer(result.times.assembly_s);
      // dt = 0: the history was committed; a zero step re-reads the accepted state without
      // advancing rate-dependent materials once more.
      model.evaluate(u_acc, rec.time_s, 0.0, false, R, energy);
    }
    ScopedTimer timer(result.times.output_s);
    for (int d = 0; d < model.n_dofs(); ++d)
      if (eq[d] >= 0) R(d) = 0.0;  // keep reactions only
    // The load the damping is measured against: applied forces (contact included) and reactions.
    const double load_N = std::hypot(model.external_force_norm(), R.norm());
    const double damping_share = load_N > 0.0 ? model.stabilization().force_norm_N() / load_N : 0.0;
    if (model.stabilization().active() && damping_share > spec.newton.stabilization_limit)
      throw StopRun{"at t = " + std::to_string(rec.time_s) + " s the viscous stabilization carries " +
                    format_percent(damping_share) + " of the load (solver.stabilization_limit = " +
                    format_percent(spec.newton.stabilization_limit) +
                    "): no equilibrium near this state, the damping holds it up; the run ends at the step before"};
    double umax = 0.0;
    for (int n = 0; n < mesh.n_nodes(); ++n)
      umax = std::max(umax, u_acc.segment(dim * n, dim).norm());
    tangled_cells = count_tangled_cells(mesh, u_acc);
    if (tangled_cells > 0 && tangled_warning.empty())
      tangled_warning = "at t = " + std::to_string(rec.time_s) + " s (step " + std::to_string(rec.step) + ") " +
                        std::to_string(tangled_cells) +
                        " cells have a corner turned inside out (corner Jacobian <= 0): the mesh no longer follows "
                        "the tissue there, and the figures from this step on are not reliable; refine those cells "
                        "or stop the loading before";
    std::vector<double> row = {rec.time_s, double(rec.step), double(rec.iterations), umax * 1e3};
    for (const auto& s : spec.output.reaction_sets)
      for (int i = 0; i < dim; ++i) {
        double f = 0.0, d = 0.0;
        const auto& nodes = mesh.node_sets.at(s);
        for (int n : nodes) f += R(dim * n + i), d += u_acc(dim * n + i);
        row.push_back(f);
        row.push_back(1e3 * d / static_cast<double>(nodes.size()));  // mean over the set
      }
    for (const OutputStatistic& st : material_output_statistics(model.assembler(), mesh)) row.push_back(st.value);
    std::vector<ContactState> states = model.contact_states();
    resolution.observe(rec.time_s, states);
    size_t tied = 0;
    for (size_t b = 0; b < spec.balls.size(); ++b) {
      states.push_back(model.pair_contact_states()[b]);
      const DeformableBallSpec& ball = spec.balls[b];
      // Travel of the ball's handle: prescribed, or the tied unknown under force control.
      states.back().depth_m = ball.force_control
                                  ? u_acc(model.tied_dofs().at(tied++)) * ball.direction(ball.travel_component())
                                  : ball.depth(rec.time_s);
    }
    for (const ContactState& cs : states) {
      row.push_back(cs.force_N);
      row.push_back(cs.depth_m * 1e3);
      row.push_back(cs.peak_pressure_Pa * 1e-3);
      row.push_back(cs.mean_pressure_Pa * 1e-3);
      row.push_back(cs.area_m2 * 1e6);
    }
    for (size_t k = 0; k < spec.contacts.size(); ++k) {
      if (!(spec.contacts[k].friction > 0.0)) continue;
      const ContactState& cs = states[k];
      for (double v : {cs.friction_force_N.norm(), cs.pressure_force_N, cs.stick_area_m2 * 1e6, cs.slip_area_m2 * 1e6})
        row.push_back(v);
    }
    const bool write = writer && is_output_time(spec.output, rec.time_s);
    CellFields cf;
    if (write || target) cf = model.assembler().cell_fields(u_acc, rec.time_s, 0.0);
    if (target) {
      const TargetState ts = target->evaluate(model.assembler(), cf, u_acc, rec.time_s);
      const double device_force = states.empty() ? 0.0 : states.front().force_N;
      for (double v : {ts.mean_compressive_stress_Pa * 1e-3, ts.peak_compressive_stress_Pa * 1e-3,
                       ts.mean_axial_stress_Pa * 1e-3, ts.peak_compressive_strain, ts.force_N,
                       device_force > 0.0 ? ts.force_N / device_force : 0.0})
        row.push_back(v);
    }
    if (model.stabilization().active()) row.push_back(damping_share);
    for (size_t k = 0; k < row.size(); ++k) columns[k].push_back(row[k]);
    result.displacement = u_acc.head(dim * mesh.n_nodes());
    result.reaction_forces = node_vectors(R, mesh.n_nodes(), dim).leftCols(dim);
    const std::vector<Field> profile_arrays = profile && write ? profile_fields(*profile, cf) : std::vector<Field>{};
    if (write) {
      const int written = writer->write_step(rec.time_s, with_material_outputs(cf, {{"displacement", "m", false, node_vectors(u_acc, mesh.n_nodes(), dim)},
                                      {"reaction_force", "N", false, node_vectors(R, mesh.n_nodes(), dim)},
                                      {"contact_pressure", "Pa", false, contact_pressure(model, u_acc, rec.time_s)},
                                      {"cauchy_stress", "Pa", true, cf.cauchy_stress},
                                      {"von_mises_stress", "Pa", true, cf.von_mises},
                                      {"green_lagrange_strain", "-", true, cf.green_lagrange},
                                      {"volume_ratio", "-", true, cf.J}}));
      if (!profile_arrays.empty()) writer->write_step_arrays(written, profile_arrays);
      writer->write_history(names, units, columns);
      writer->flush();
    }
    if (progress) progress(rec.time_s / spec.steps.t_end_s, step_line(rec, contact_names, states));
  };
  const RunStatus status = Stepper::run(model, newton, spec.steps, u, on_accept);

  result.completed = status.completed;
  result.message = status.message;
  result.steps = status.steps;
  result.newton_iterations = status.newton_iterations;
  result.cutbacks = status.cutbacks;
  result.history_names = names;
  result.history_columns = columns;
  if (result.displacement.size() == 0) {
    result.displacement = u.head(dim * mesh.n_nodes());
    result.reaction_forces = RowMatrixXd::Zero(mesh.n_nodes(), dim);
  }
  {
    ScopedTimer timer(result.times.output_s);
    const CellFields cf = model.assembler().cell_fields(result.displacement, status.time_reached_s, 0.0);
    result.cauchy_stress = cf.cauchy_stress;
    result.von_mises = cf.von_mises;
    result.green_lagrange = cf.green_lagrange;
    if (profile) {
      const std::vector<Field> p = profile_fields(*profile, cf);
      result.summary_arrays = {{"depth_profile_depth_mm", to_std(p[0].values.col(0), 1e3)},
                               {"depth_profile_axial_compression_kPa", to_std(p[1].values.col(0), 1e-3)},
                               {"depth_profile_compression_kPa", to_std(p[2].values.col(0), 1e-3)}};
    }
  }
  const PhaseTimes& nt = newton.times();
  // The contact terms are timed inside the assembly; reported apart.
  result.times.contact_s = model.contact_seconds();
  result.times.assembly_s += nt.assembly_s - result.times.contact_s;
  result.times.factorization_s = nt.factorization_s;
  result.times.solve_s = nt.solve_s;
  result.times.total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();

  auto& s = result.summary;
  s.emplace_back("completed", status.completed ? 1.0 : 0.0);
  s.emplace_back("end_time_s", status.time_reached_s);
  s.emplace_back("steps", status.steps);
  s.emplace_back("newton_iterations", status.newton_iterations);
  s.emplace_back("cutbacks", status.cutbacks);
  s.emplace_back("factorizations", newton.factorizations());
  const FactorizationReasons& why = newton.factorization_reasons();
  s.emplace_back("factorizations_newton", why.newton_iteration);
  s.emplace_back("factorizations_predictor", why.predictor);
  s.emplace_back("factorizations_bfgs", why.bfgs_reformation);
  s.emplace_back("factorizations_shift_retry", why.shift_retry);
  s.emplace_back("factorizations_ldlt_fallback", why.ldlt_fallback);
  s.emplace_back("shifted_factorizations", newton.shifted_factorizations());
  s.emplace_back("bfgs_reformations", newton.reformations());
  s.emplace_back("reuse_iterations", newton.reuse_iterations());
  s.emplace_back("reuse_steps", newton.reuse_steps());
  s.emplace_back("ldlt_fallback_factorizations", newton.indefinite_factorizations());
  if (model.stabilization().active()) {
    // Not physics: how much of the answer the damping carried (Abaqus's ALLSD / ALLIE).
    const auto& share = columns[std::find(names.begin(), names.end(), "stabilization_force_share") - names.begin()];
    s.emplace_back("stabilization_peak_force_share", share.empty() ? 0.0 : *std::max_element(share.begin(), share.end()));
    s.emplace_back("stabilization_dissipated_energy_J", model.stabilization().dissipated_J());
    s.emplace_back("stabilization_energy_ratio", model.strain_energy_J() > 0.0
                                                     ? model.stabilization().dissipated_J() / model.strain_energy_J()
                                                     : 0.0);
  }
  s.emplace_back("n_dofs", model.n_dofs());
  s.emplace_back("n_cells", mesh.n_cells());
  s.emplace_back("tangled_cells", tangled_cells);
  for (size_t k = 3; k < names.size(); ++k)
    s.emplace_back(names[k], columns[k].empty() ? 0.0 : columns[k].back());
  if (!contact_names.empty()) {
    // The first contact under the DESIGN's names; every contact is in the history by its name.
    const size_t k = first_contact_column;
    auto last = [&](size_t j) { return columns[j].empty() ? 0.0 : columns[j].back(); };
    auto add_once = [&](const std::string& key, double v) {
      for (const auto& [name, value] : s)
        if (name == key) return;  // a contact named "indenter" already wrote it
      s.emplace_back(key, v);
    };
    add_once("indenter_force_N", last(k));
    add_once("indentation_depth_mm", last(k + 1));
    add_once("peak_contact_pressure_kPa", last(k + 2));
    add_once("mean_contact_pressure_kPa", last(k + 3));
    add_once("contact_area_mm2", last(k + 4));
  }
  if (target && !contact_names.empty()) {  // a rigid device or a deformable ball
    // The designer's figure of merit: stress delivered to the target per unit of skin pressure.
    const double peak_skin = columns[first_contact_column + 2].empty() ? 0.0 : columns[first_contact_column + 2].back();
    const double target_mean = columns[first_target_column].empty() ? 0.0 : columns[first_target_column].back();
    s.emplace_back("target_stress_per_skin_pressure", peak_skin > 0.0 ? target_mean / peak_skin : 0.0);
  }
  s.emplace_back("peak_von_mises_stress_kPa", result.von_mises.size() ? result.von_mises.maxCoeff() * 1e-3 : 0.0);
  s.emplace_back("wall_time_s", result.times.total_s);
  s.emplace_back("assembly_time_s", result.times.assembly_s);
  s.emplace_back("factorization_time_s", result.times.factorization_s);
  s.emplace_back("solve_time_s", result.times.solve_s);
  s.emplace_back("contact_time_s", result.times.contact_s);
  s.emplace_back("output_time_s", result.times.output_s);
  result.summary_text = {{"scenario", spec.name},
                         {"formulation", to_string(spec.formulation)},
                         {"linear_solver", newton.linear_solver_name()},
                         {"message", status.message},
                         {"version", MYO_VERSION}};
  if (target) result.summary_text.emplace_back("target_region", spec.output.target.region);
  std::string warnings;
  for (const std::string& w : resolution.warnings()) warnings += (warnings.empty() ? "" : "\n") + w;
  if (!tangled_warning.empty()) warnings += (warnings.empty() ? "" : "\n") + tangled_warning;
  result.summary_text.emplace_back("warnings", warnings);
  if (writer) {
    writer->write_history(names, units, columns);
    writer->close();
    write_summary_json(out_dir, result);
  }
  return result;
}

void check_scenario(const Scenario& scenario, const Registry& registry) {
  const ScenarioSpec spec = scenario.spec(registry);
  if (!spec.study.empty()) return;  // a study's parameters are checked by spec()
  const Mesh mesh = build_mesh(spec);
  build_model(spec, registry, mesh);
}

std::vector<std::pair<std::string, std::string>> build_info() {
  return {{"version", MYO_VERSION},
          {"build_type", MYO_BUILD_TYPE},
          {"openmp_threads", std::to_string(omp_get_max_threads())},
          {"linear_solvers", "cholmod (default), ldlt, cg"},
          {"eigen", std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
                        std::to_string(EIGEN_MINOR_VERSION)}};
}

}  // namespace myo::sim
