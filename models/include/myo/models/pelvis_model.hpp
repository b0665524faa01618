#pragma once
// Sagittal musculoskeletal statics of trunk, pelvis and legs (pelvis_segments.hpp) with seven
// Hill muscles (hill_muscle.hpp) along gait2392 paths (muscle_path.hpp) and passive joints.
//
// Generalised forces, work-conjugate to q (N m), for `legs` identical legs (2 standing, 1 stance):
//     Q_j = Q_j^grav + Q_j^mus + Q_j^joint
//     Q_j^grav  = sum_{s above j} m_s g s_j (x_com,s - x_joint,j)      (-dV/dq_j, V = sum m g y)
//     Q_j^mus   = sum_i n_i F_i(L_i(q)) r_ij                            (n_i = legs for leg muscles)
//     Q_hip^joint    = legs M_cap (exp((h_e - q2)/w) - exp((q2 - h_f)/w))  hip capsule stops [assumed]
//     Q_lumbar^joint = -K_L (q3 - q3_0)                                   lumbar passive [assumed]
// Q is what the passive body and gravity apply; equilibrium needs Q_j + C_j = 0, C_j the moment
// the postural (active) control supplies at joint j.
//
// What it does not know: no force-velocity, no inertia (running is treated quasi-statically), one
// lumbar joint for the whole lumbar spine, psoas attached to the pelvis (gait2392; the real psoas
// also crosses the lumbar spine), the knee as a pin, muscles lumped (glut_max1-3 as one, hamstrings
// as one), and the hip capsule and lumbar stiffness are assumed figures, not fitted to data.
#include <numbers>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "myo/models/hill_muscle.hpp"
#include "myo/models/muscle_path.hpp"
#include "myo/models/pelvis_segments.hpp"

namespace myo::models {

/// Hip-flexor (iliacus + psoas) tightness: resting-length factor and tonic activation.
struct HipFlexorTightness {
  double rho = 1.0;   ///< multiplies l_opt of iliacus and psoas (-): 1 - shortening
  double tone = 0.0;  ///< tonic activation a of iliacus and psoas (-)
};

struct PelvisParams {
  SegmentParams body;
  HipFlexorTightness hip_flexors;
  double hip_capsule_moment_Nm = 1.0;     ///< M_cap [assumed]
  double hip_extension_stop_rad = -15.0 * std::numbers::pi / 180.0;  ///< h_e, -15 deg [assumed: iliofemoral ligament]
  double hip_flexion_stop_rad = 100.0 * std::numbers::pi / 180.0;    ///< h_f, 100 deg [assumed]
  double hip_stop_width_rad = 5.0 * std::numbers::pi / 180.0;     ///< w, 5 deg [assumed]
  double lumbar_stiffness_Nm_per_rad = 86.0;  ///< K_L, 1.5 N m/deg [assumed, order of in vivo L1-S1]
  double lumbar_neutral_rad = 0.0;        ///< q3_0, unloaded lumbar extension: the gait2392 zero pose [assumed]
};

struct MuscleState {
  std::string name;
  double length_m = 0.0;       ///< L
  double fibre_length_norm = 0.0;  ///< l~
  double force_N = 0.0;        ///< F per muscle (one side)
  double count = 1.0;          ///< n: how many act (2 for both legs or both sides)
  Eigen::Vector4d moment_arm_m = Eigen::Vector4d::Zero();  ///< r_j (m)
};

class PelvisModel {
 public:
  explicit PelvisModel(PelvisParams params);

  /// The seven muscles, in the order of muscle_states().
  static std::vector<std::string> muscle_names();
  const MusclePath& path(int i) const { return paths_[i]; }
  const HillMuscle& muscle(int i) const { return muscles_[i]; }
  int muscle_count() const { return static_cast<int>(muscles_.size()); }
  bool is_hip_flexor(int i) const { return i <= 1; }  ///< iliacus, psoas
  bool is_leg_muscle(int i) const;

  SagittalPose pose(const Eigen::Vector4d& q, double alpha_foot_rad = 0.0) const;
  /// Activation and resting-length factor of muscle i (tightness applies to the hip flexors).
  double activation(int i) const;
  double rho(int i) const;

  std::vector<MuscleState> muscle_states(const SagittalPose& pose, int legs) const;
  /// Q^grav, Q^mus, Q^joint (N m), each 4 x 1.
  Eigen::Vector4d gravity_forces(const SagittalPose& pose, int legs) const;
  Eigen::Vector4d muscle_forces(const SagittalPose& pose, int legs) const;
  Eigen::Vector4d joint_forces(const SagittalPose& pose, int legs) const;
  Eigen::Vector4d generalised_forces(const SagittalPose& pose, int legs) const;
  /// Whole-body mass centre x (m) and total mass (kg) with `legs` legs.
  double com_x(const SagittalPose& pose, int legs) const;
  double total_mass_kg(int legs) const;
  /// Per segment: how many act (legs for leg segments, 1 otherwise).
  double segment_count(Segment s, int legs) const;
  Eigen::Vector2d segment_com(Segment s) const;

  const PelvisParams& params() const { return p_; }
  PelvisParams& params() { return p_; }

 private:
  PelvisParams p_;
  std::vector<HillMuscle> muscles_;
  std::vector<MusclePath> paths_;
};

}  // namespace myo::models
