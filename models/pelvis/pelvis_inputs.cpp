// Each pelvis-model parameter once, with unit, default, range, long name and source. The defaults
// are those of PelvisParams, StandingTargets and StrideTargets (pelvis_model.hpp, pelvis_posture.hpp).
#include "myo/models/pelvis_inputs.hpp"

#include "myo/models/param_helpers.hpp"

namespace myo::models {

std::vector<sim::ParamSpec> pelvis_param_specs() {
  const PelvisParams p;
  const StandingTargets st;
  const StrideTargets sr;
  return {
      make_param("body_mass", "kg", p.body.body_mass_kg, 30.0, 200.0, "body mass", "gait2392 subject, 75 kg"),
      make_param("hip_flexor_rho", "-", p.hip_flexors.rho, 0.7, 1.3,
                 "iliacus and psoas resting-length factor (x l_opt)", "tone model: rho = 1 - delta_m - delta_p"),
      make_param("hip_flexor_tone", "-", p.hip_flexors.tone, 0.0, 1.0, "iliacus and psoas tonic activation",
                 "tone model: a"),
      make_param("lumbar_stiffness", "N*m/rad", p.lumbar_stiffness_Nm_per_rad, 0.0, 1000.0,
                 "lumbar passive flexion-extension stiffness K_L", "assumed (1.5 N m/deg)"),
      make_param("lumbar_neutral", "rad", p.lumbar_neutral_rad, -0.5, 0.5,
                 "lumbar extension of the unloaded spine", "assumed: the gait2392 zero pose"),
      make_param("hip_capsule_moment", "N*m", p.hip_capsule_moment_Nm, 0.0, 100.0,
                 "hip capsule stop moment scale M_cap", "assumed"),
      make_param("hip_extension_stop", "rad", p.hip_extension_stop_rad, -1.0, 0.0,
                 "hip flexion where the capsule stop begins (iliofemoral ligament)", "assumed (-15 deg)"),
      make_param("standing_trunk_com_ahead_of_hip", "m", st.trunk_com_ahead_of_hip_m, -0.1, 0.1,
                 "trunk (HAT) mass centre ahead of the hip centre, held in standing",
                 "assumed (0: upper body balanced over the hips)"),
      make_param("standing_knee_flexion", "rad", st.knee_flexion_rad, 0.0, 0.5, "knee flexion held in standing",
                 "assumed (5 deg)"),
      make_param("standing_com_ahead_of_ankle", "m", st.com_ahead_of_ankle_m, -0.05, 0.15,
                 "whole-body mass centre ahead of the ankle in standing", "assumed, order of Winter 1995"),
      make_param("stride_thigh_extension", "rad", sr.thigh_extension_rad, 0.0, 0.8,
                 "stance thigh behind vertical at terminal stance", "assumed, order of Schache 2000, Novacheck 1998"),
      make_param("stride_knee_flexion", "rad", sr.knee_flexion_rad, 0.0, 1.0, "knee flexion at terminal stance",
                 "assumed (20 deg)"),
      make_param("stride_heel_rise", "rad", sr.heel_rise_rad, 0.0, 1.0, "foot angle (heel up) at terminal stance",
                 "assumed (30 deg)"),
      make_param("stride_trunk_angle", "rad", sr.trunk_angle_rad, -0.5, 0.5, "trunk angle held while running",
                 "assumed (upright)"),
  };
}

PelvisInputs pelvis_inputs(const sim::ParamValues& v) {
  PelvisInputs in;
  const auto set = [&](const char* key, double& field) {
    if (auto it = v.find(key); it != v.end()) field = it->second;
  };
  set("body_mass", in.model.body.body_mass_kg);
  set("hip_flexor_rho", in.model.hip_flexors.rho);
  set("hip_flexor_tone", in.model.hip_flexors.tone);
  set("lumbar_stiffness", in.model.lumbar_stiffness_Nm_per_rad);
  set("lumbar_neutral", in.model.lumbar_neutral_rad);
  set("hip_capsule_moment", in.model.hip_capsule_moment_Nm);
  set("hip_extension_stop", in.model.hip_extension_stop_rad);
  set("standing_trunk_com_ahead_of_hip", in.standing.trunk_com_ahead_of_hip_m);
  set("standing_knee_flexion", in.standing.knee_flexion_rad);
  set("standing_com_ahead_of_ankle", in.standing.com_ahead_of_ankle_m);
  set("stride_thigh_extension", in.stride.thigh_extension_rad);
  set("stride_knee_flexion", in.stride.knee_flexion_rad);
  set("stride_heel_rise", in.stride.heel_rise_rad);
  set("stride_trunk_angle", in.stride.trunk_angle_rad);
  return in;
}

}  // namespace myo::models
