#pragma once
// Postures of the pelvis model (pelvis_model.hpp): quiet standing, the terminal stance of a running
// stride, and a Thomas-type test of passive hip extension. A HYPOTHESIS of how a body stands, not
// a model of postural control.
//
// Standing (both legs, feet flat). Postural control is idealised as three holds, each with the
// moment it needs reported:
//   - the trunk (HAT) mass centre is held d* ahead of the hip centre (balance and gaze keep the
//     upper body over the base of support; d* = 0 [assumed]): a moment M on the trunk against the
//     ground, which the chain transmits as s_j M to every joint below. Its ANGLE is free, so the
//     trunk leans as the pelvis tilts, and tilt and lumbar extension are two separate outputs;
//   - the knees are held at q1* (locked near extension);
//   - the ankles put the whole-body mass centre x_com* ahead of the ankle (ankle strategy).
// Everything else is passive, the lumbar spine included: its moment is K_L (q3 - q3_0) about the
// model's zero pose (q3_0 = 0 [assumed]) plus the passive trunk muscles. The pelvis is free:
// rotating it alone (hip and lumbar together, dq2 = dq3) moves no hold, so its equilibrium is the
// one equation the passive body decides,
//     R(q) = Q_hip(q) + Q_lumbar(q) = 0        (stationary total potential energy along it)
// solved with x_HAT - x_hip = d*, x_com = x_com* by Newton in (q0, q2, q3).
// The active moments are then C_lumbar = -Q_lumbar = -M, C_hip = M, C_knee = -Q_knee,
// C_ankle = -Q_ankle, and Q_j + C_j = 0 at every joint; the hip's is the equation solved.
// (An earlier version held the trunk's angle; then lumbar extension = tilt + const, and the
// pelvis equation had the lumbar stiffness against tilt directly: -8.3 deg of posterior tilt.)
//
// Running terminal stance (one stance leg, quasi-static, swing leg ignored). The stride needs the
// stance thigh theta_T behind vertical (alpha_thigh = theta_T); knee flexion and the foot's heel
// rise are prescribed, the trunk held at its running angle. The pelvis again splits the thigh's
// extension: theta_T = hip extension + anterior tilt (from the hip-flexor side) and, with the trunk
// held, each degree of extra anterior tilt is a degree of extra lumbar extension.
//
// Not known: the knee and ankle do not compensate here (they are prescribed, their moments
// reported); inertia of running is ignored; the holds are ideal (stiff) controllers.
#include <numbers>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "myo/models/pelvis_model.hpp"
#include "myo/models/tone_dynamics.hpp"

namespace myo::models {

struct StandingTargets {
  double trunk_com_ahead_of_hip_m = 0.0;  ///< d*: HAT mass centre ahead of the hip centre [assumed]
  double knee_flexion_rad = 5.0 * std::numbers::pi / 180.0;  ///< q1*, 5 deg [assumed]
  double com_ahead_of_ankle_m = 0.05;  ///< x_com*, quiet standing [assumed, order of Winter 1995]
};

struct StrideTargets {
  double thigh_extension_rad = 20.0 * std::numbers::pi / 180.0;  ///< theta_T, 20 deg [assumed: order of Schache 2000, Novacheck 1998]
  double knee_flexion_rad = 20.0 * std::numbers::pi / 180.0;     ///< 20 deg [assumed]
  double heel_rise_rad = 30.0 * std::numbers::pi / 180.0;        ///< foot angle, 30 deg [assumed]
  double trunk_angle_rad = 0.0;        ///< running trunk angle (0: as standing) [assumed]
};

struct LumbarLoad {
  double compression_N = 0.0;  ///< along the trunk axis at L5-S1, sacrum on L5 (N)
  double shear_N = 0.0;        ///< across it, anterior positive (N)
  double extensor_force_N = 0.0;  ///< erector spinae force recruited for the active moment (N, both sides)
  double flexor_force_N = 0.0;    ///< rectus abdominis force recruited (N, both sides)
};

struct PostureResult {
  Eigen::Vector4d q = Eigen::Vector4d::Zero();   ///< joint coordinates (rad)
  double alpha_foot_rad = 0.0;
  double pelvic_tilt_rad = 0.0;     ///< anterior, ASIS-PSIS line below horizontal
  double lumbar_extension_rad = 0.0;  ///< q3: the lordosis of this model's single lumbar joint
  double trunk_angle_rad = 0.0;
  double hip_extension_rad = 0.0;   ///< -q2
  double thigh_extension_rad = 0.0; ///< alpha_thigh: knee behind the hip
  Eigen::Vector4d gravity_Nm = Eigen::Vector4d::Zero();  ///< Q^grav
  Eigen::Vector4d muscle_Nm = Eigen::Vector4d::Zero();   ///< Q^mus (passive and tone)
  Eigen::Vector4d joint_Nm = Eigen::Vector4d::Zero();    ///< Q^joint
  Eigen::Vector4d active_Nm = Eigen::Vector4d::Zero();   ///< C, what postural control supplies
  Eigen::Vector4d residual_Nm = Eigen::Vector4d::Zero(); ///< Q + C at every joint
  double trunk_hold_Nm = 0.0;        ///< M
  double com_ahead_of_ankle_m = 0.0;
  double trunk_com_ahead_of_hip_m = 0.0;  ///< HAT mass centre ahead of the hip centre (m)
  std::vector<MuscleState> muscles;
  LumbarLoad lumbar;
  int legs = 2;
  int iterations = 0;
  bool converged = false;
};

PostureResult solve_standing(const PelvisModel& model, const StandingTargets& targets = {});
/// Horizontal distance (m) of the trunk (HAT) mass centre ahead of the hip centre.
double trunk_com_ahead_of_hip(const PelvisModel& model, const SagittalPose& pose);
PostureResult solve_stride(const PelvisModel& model, const StrideTargets& targets = {});

/// Thomas-type test: the pelvis held at alpha_pelvis = 0, knee at knee_flexion_rad, one leg; the
/// hip extension (rad, positive) at which the passive (and tonic) moment of iliacus, psoas and
/// rectus femoris resisting extension reaches test_moment_Nm (5 N m [assumed]: these passive
/// muscles alone reach 15 N m only beyond 45 deg of extension; see the README of the model).
double passive_hip_extension(const PelvisModel& model, double test_moment_Nm = 5.0,
                             double knee_flexion_rad = 0.0);

/// The hip-flexor resting-length factor rho (> model's) whose passive hip extension is
/// gain_rad larger: a stretch that lengthens iliacus and psoas.
double stretched_rho(const PelvisModel& model, double gain_rad, double test_moment_Nm = 5.0);

/// Tightness from the tone model's state (tone_dynamics.hpp) at reference point X:
/// rho = 1 - delta_m - delta_p, tone = a(X).
HipFlexorTightness tightness_from_tone(const ToneDynamics& dynamics, const ToneState& state,
                                       const sim::Vec3& X = sim::Vec3::Zero());

inline double deg(double rad) { return rad * 57.29577951308232; }

}  // namespace myo::models
