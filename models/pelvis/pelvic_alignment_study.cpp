// The "pelvic_alignment" study (pelvic_alignment_study.hpp).
#include "myo/models/pelvic_alignment_study.hpp"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "myo/models/param_helpers.hpp"
#include "myo/models/pelvis_inputs.hpp"

namespace myo::models {

sim::ModelSpec pelvic_alignment_spec() {
  sim::ModelSpec spec;
  spec.kind = "study";
  spec.name = "pelvic_alignment";
  spec.summary =
      "pelvis model (pelvis_statics) against hip-flexor tightness rho = rho_min..1: standing tilt and lumbar "
      "extension, running terminal stance compensations (hip extension, tilt, lumbar extension, moments, L5-S1 "
      "load), Thomas-test hip extension; summary: rho = 1 figures, the Preece 2021 stretch, d tilt / d length";
  spec.source = "Delp 1990 (gait2392); Thelen 2003; Rajagopal 2016 (ASIS, PSIS); Preece 2008, 2021";
  for (sim::ParamSpec& p : pelvis_param_specs())
    if (p.name != "hip_flexor_rho") spec.params.push_back(std::move(p));
  spec.params.push_back(make_param("rho_min", "-", 0.94, 0.7, 1.0,
                                   "smallest iliacus/psoas resting-length factor of the sweep", "6 % shortening, assumed"));
  spec.params.push_back(make_param("points", "-", 7, 2, 200, "rho values from rho_min to 1", "-"));
  spec.params.push_back(make_param("test_moment", "N*m", 5.0, 0.5, 50.0,
                                   "moment at which the Thomas-type test reads the passive hip extension", "assumed"));
  spec.params.push_back(make_param("stretch_gain", "rad", 2.6 * 3.14159265358979323846 / 180.0, 0.0, 0.3,
                                   "passive hip extension gained by the stretch", "Preece et al. 2021: +2.6 deg"));
  return spec;
}

namespace {

struct Point {
  PostureResult standing, stride;
  double passive_extension_rad = 0.0;
};

Point solve_point(const PelvisInputs& in, double rho, double test_moment) {
  PelvisParams p = in.model;
  p.hip_flexors.rho = rho;
  const PelvisModel model{p};
  return {solve_standing(model, in.standing), solve_stride(model, in.stride), passive_hip_extension(model, test_moment)};
}

}  // namespace

sim::RunResult run_pelvic_alignment(const sim::ParamValues& values, const sim::StudyContext& context) {
  const PelvisInputs in = pelvis_inputs(values);
  const double rho_min = values.at("rho_min"), test_moment = values.at("test_moment");
  const int n = whole_number(values, "points");
  const PelvisModel base{in.model};
  const double l_opt_mm = base.muscle(0).params().optimal_fibre_length_m * 1e3;  // iliacus = psoas in gait2392

  sim::RunResult r;
  r.history_names = {"hip_flexor_rho", "hip_flexor_shortening_mm", "passive_hip_extension_deg",
                     "standing_tilt_deg", "standing_lumbar_extension_deg", "standing_trunk_lean_deg",
                     "standing_hip_flexion_deg", "standing_trunk_hold_N_m", "standing_l5s1_compression_N",
                     "standing_l5s1_shear_N", "stride_hip_extension_deg", "stride_tilt_deg",
                     "stride_lumbar_extension_deg", "stride_hip_active_moment_N_m", "stride_lumbar_active_moment_N_m",
                     "stride_hip_flexor_force_N", "stride_l5s1_compression_N", "stride_l5s1_shear_N", "converged"};
  r.history_columns.assign(r.history_names.size(), {});
  bool all_converged = true;
  for (int k = 0; k < n; ++k) {
    const double rho = rho_min + (1.0 - rho_min) * k / (n - 1);
    const Point pt = solve_point(in, rho, test_moment);
    const PostureResult &s = pt.standing, &t = pt.stride;
    const double flexor_force = t.muscles[0].force_N + t.muscles[1].force_N;  // iliacus + psoas, one leg
    const std::vector<double> row = {
        rho, (1.0 - rho) * l_opt_mm, deg(pt.passive_extension_rad), deg(s.pelvic_tilt_rad),
        deg(s.lumbar_extension_rad), deg(s.trunk_angle_rad), deg(s.q(2)), s.trunk_hold_Nm, s.lumbar.compression_N,
        s.lumbar.shear_N, deg(t.hip_extension_rad), deg(t.pelvic_tilt_rad), deg(t.lumbar_extension_rad),
        t.active_Nm(2), t.active_Nm(3), flexor_force, t.lumbar.compression_N, t.lumbar.shear_N,
        s.converged && t.converged ? 1.0 : 0.0};
    for (std::size_t c = 0; c < row.size(); ++c) r.history_columns[c].push_back(row[c]);
    all_converged = all_converged && s.converged && t.converged;
    if (context.progress) context.progress((k + 1.0) / n, "rho " + std::to_string(rho));
  }

  // rho = 1 (the baseline), the Preece stretch and the local slopes.
  const Point p1 = solve_point(in, 1.0, test_moment);
  PelvisParams at1 = in.model;
  at1.hip_flexors.rho = 1.0;
  const double rho_stretch = stretched_rho(PelvisModel{at1}, values.at("stretch_gain"), test_moment);
  const Point ps = solve_point(in, rho_stretch, test_moment);
  const double h = 1e-3;  // rho step of the central differences (0.1 mm of l_opt)
  const Point lo = solve_point(in, 1.0 - h, test_moment), hi = solve_point(in, 1.0 + h, test_moment);
  const double dl_mm = 2.0 * h * l_opt_mm;
  auto& s = r.summary;
  s = {{"standing_tilt_deg", deg(p1.standing.pelvic_tilt_rad)},
       {"standing_lumbar_extension_deg", deg(p1.standing.lumbar_extension_rad)},
       {"standing_trunk_lean_deg", deg(p1.standing.trunk_angle_rad)},
       {"standing_hip_flexion_deg", deg(p1.standing.q(2))},
       {"standing_l5s1_compression_N", p1.standing.lumbar.compression_N},
       {"standing_l5s1_shear_N", p1.standing.lumbar.shear_N},
       {"passive_hip_extension_deg", deg(p1.passive_extension_rad)},
       {"stretch_rho", rho_stretch},
       {"stretch_hip_flexor_lengthening_mm", (rho_stretch - 1.0) * l_opt_mm},
       {"stretch_passive_hip_extension_gain_deg", deg(ps.passive_extension_rad - p1.passive_extension_rad)},
       {"stretch_standing_tilt_change_deg", deg(ps.standing.pelvic_tilt_rad - p1.standing.pelvic_tilt_rad)},
       {"stretch_standing_lumbar_extension_change_deg",
        deg(ps.standing.lumbar_extension_rad - p1.standing.lumbar_extension_rad)},
       {"standing_tilt_per_hip_flexor_length_deg_per_mm",
        deg(hi.standing.pelvic_tilt_rad - lo.standing.pelvic_tilt_rad) / dl_mm},
       {"stride_tilt_per_hip_flexor_length_deg_per_mm", deg(hi.stride.pelvic_tilt_rad - lo.stride.pelvic_tilt_rad) / dl_mm},
       {"stride_hip_extension_deg", deg(p1.stride.hip_extension_rad)},
       {"stride_tilt_deg", deg(p1.stride.pelvic_tilt_rad)},
       {"stride_lumbar_extension_deg", deg(p1.stride.lumbar_extension_rad)},
       {"stride_l5s1_compression_N", p1.stride.lumbar.compression_N},
       {"stride_l5s1_shear_N", p1.stride.lumbar.shear_N}};
  // The first row of the sweep (rho_min): how far the tightest case moves the postures.
  const auto at_rho_min = [&](const char* name) {
    for (std::size_t c = 0; c < r.history_names.size(); ++c)
      if (r.history_names[c] == name) return r.history_columns[c].front();
    return 0.0;
  };
  s.emplace_back("tightest_stride_tilt_change_deg", at_rho_min("stride_tilt_deg") - deg(p1.stride.pelvic_tilt_rad));
  s.emplace_back("tightest_stride_hip_extension_change_deg",
                 at_rho_min("stride_hip_extension_deg") - deg(p1.stride.hip_extension_rad));
  s.emplace_back("tightest_standing_tilt_change_deg", at_rho_min("standing_tilt_deg") - deg(p1.standing.pelvic_tilt_rad));
  for (const Point* p : {&p1, &ps, &lo, &hi})
    all_converged = all_converged && p->standing.converged && p->stride.converged;
  r.completed = all_converged;
  r.message = all_converged ? "" : "a posture did not converge (see the history column converged)";
  return r;
}

}  // namespace myo::models
