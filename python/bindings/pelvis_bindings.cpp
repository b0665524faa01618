// The pelvis model (models/pelvis) for Python: parameters in as a dict of SI numbers or quantity
// strings ("5 deg"), checked against the registry's spec; postures out as plain dicts. Conversion
// only: the physics is in models/pelvis.
#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <utility>

#include "bindings.hpp"
#include "myo/models/pelvis_inputs.hpp"
#include "myo/models/pelvis_posture.hpp"
#include "myo/sim/scenario_error.hpp"
#include "myo/sim/units.hpp"

namespace py = pybind11;

namespace myo::python {

namespace {

py::list xy(const Eigen::Vector2d& p) { return py::cast(std::vector<double>{p.x(), p.y()}); }

/// Joint and landmark positions (m, x anterior, y up) of a posture, for a stick figure.
py::dict points(const models::PelvisModel& model, const models::PostureResult& r) {
  using models::Segment;
  const models::SagittalPose pose = model.pose(r.q, r.alpha_foot_rad);
  const models::SegmentParams& b = model.params().body;
  py::dict d;
  d["toe"] = xy(pose.world(Segment::foot, b.foot_toe));
  d["heel"] = xy(pose.world(Segment::foot, b.foot_heel));
  d["ankle"] = xy(pose.joint_centre(models::Joint::ankle));
  d["knee"] = xy(pose.joint_centre(models::Joint::knee));
  d["hip"] = xy(pose.joint_centre(models::Joint::hip));
  d["asis"] = xy(pose.world(Segment::pelvis, b.pelvis_asis));
  d["psis"] = xy(pose.world(Segment::pelvis, b.pelvis_psis));
  d["l5s1"] = xy(pose.joint_centre(models::Joint::lumbar));
  d["trunk_com"] = xy(pose.world(Segment::trunk, b.hat_com));
  return d;
}

py::dict posture_dict(const models::PelvisModel& model, const models::PostureResult& r) {
  py::dict d;
  d["converged"] = r.converged;
  d["iterations"] = r.iterations;
  d["legs"] = r.legs;
  d["q_rad"] = py::cast(std::vector<double>(r.q.data(), r.q.data() + 4));
  d["pelvic_tilt_deg"] = models::deg(r.pelvic_tilt_rad);
  d["lumbar_extension_deg"] = models::deg(r.lumbar_extension_rad);
  d["trunk_lean_deg"] = models::deg(r.trunk_angle_rad);
  d["hip_extension_deg"] = models::deg(r.hip_extension_rad);
  d["thigh_extension_deg"] = models::deg(r.thigh_extension_rad);
  d["knee_flexion_deg"] = models::deg(r.q(1));
  d["ankle_dorsiflexion_deg"] = models::deg(r.q(0));
  d["com_ahead_of_ankle_m"] = r.com_ahead_of_ankle_m;
  d["trunk_com_ahead_of_hip_m"] = r.trunk_com_ahead_of_hip_m;
  d["trunk_hold_N_m"] = r.trunk_hold_Nm;
  const auto joints = [](const Eigen::Vector4d& v) {
    py::dict j;
    const char* names[] = {"ankle", "knee", "hip", "lumbar"};
    for (int k = 0; k < 4; ++k) j[names[k]] = v(k);
    return j;
  };
  d["gravity_N_m"] = joints(r.gravity_Nm);
  d["muscle_N_m"] = joints(r.muscle_Nm);
  d["joint_N_m"] = joints(r.joint_Nm);
  d["active_N_m"] = joints(r.active_Nm);
  d["residual_N_m"] = joints(r.residual_Nm);
  py::list muscles;
  for (const models::MuscleState& m : r.muscles) {
    py::dict md;
    md["name"] = m.name;
    md["length_m"] = m.length_m;
    md["fibre_length_norm"] = m.fibre_length_norm;
    md["force_N"] = m.force_N;
    md["count"] = m.count;
    md["moment_arm_m"] = joints(m.moment_arm_m);
    muscles.append(md);
  }
  d["muscles"] = muscles;
  d["l5s1_compression_N"] = r.lumbar.compression_N;
  d["l5s1_shear_N"] = r.lumbar.shear_N;
  d["erector_force_N"] = r.lumbar.extensor_force_N;
  d["abdominal_force_N"] = r.lumbar.flexor_force_N;
  d["points_m"] = points(model, r);
  return d;
}

}  // namespace

models::PelvisInputs pelvis_inputs_from(const py::dict& params) {
  sim::ModelSpec spec;
  spec.kind = "pelvis";
  spec.name = "pelvis_statics";
  spec.params = models::pelvis_param_specs();
  const sim::ParamValues values = resolve_params(params, spec, "pelvis");
  try {
    return models::pelvis_inputs(values);
  } catch (const std::invalid_argument& e) {
    throw sim::ScenarioError(e.what());
  }
}

void init_pelvis(py::module_& m) {
  m.def(
      "pelvis_standing",
      [](const py::dict& params) {
        const models::PelvisInputs in = pelvis_inputs_from(params);
        const models::PelvisModel model{in.model};
        return posture_dict(model, models::solve_standing(model, in.standing));
      },
      py::arg("params") = py::dict(),
      "Quiet standing of the pelvis model. params: {name: SI number or quantity text}, names as "
      "the registry's pelvis_statics (myorelease models). Returns a dict: converged, q_rad, "
      "pelvic_tilt_deg, lumbar_extension_deg, trunk_lean_deg, ..., moments per joint (N m), muscles, "
      "L5-S1 load (N), points_m (joint and landmark positions for a stick figure). Raises "
      "ScenarioError for an unknown key or a value out of range.");
  m.def(
      "pelvis_stride",
      [](const py::dict& params) {
        const models::PelvisInputs in = pelvis_inputs_from(params);
        const models::PelvisModel model{in.model};
        return posture_dict(model, models::solve_stride(model, in.stride));
      },
      py::arg("params") = py::dict(), "Terminal stance of a running stride; as pelvis_standing.");
  m.def(
      "pelvis_passive_hip_extension",
      [](const py::dict& params, double test_moment_Nm) {
        return models::passive_hip_extension(models::PelvisModel{pelvis_inputs_from(params).model}, test_moment_Nm);
      },
      py::arg("params") = py::dict(), py::arg("test_moment_Nm") = 5.0,
      "Thomas-type test: passive hip extension (rad) at which iliacus, psoas and rectus femoris "
      "resist with test_moment_Nm.");
  m.def(
      "pelvis_stretched_rho",
      [](const py::dict& params, double gain_rad, double test_moment_Nm) {
        return models::stretched_rho(models::PelvisModel{pelvis_inputs_from(params).model}, gain_rad, test_moment_Nm);
      },
      py::arg("params") = py::dict(), py::arg("gain_rad"), py::arg("test_moment_Nm") = 5.0,
      "The hip-flexor resting-length factor whose passive hip extension is gain_rad larger.");
}

}  // namespace myo::python
