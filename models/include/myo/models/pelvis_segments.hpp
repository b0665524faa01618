#pragma once
// Sagittal rigid-body chain of the pelvis model: foot, shank, thigh, pelvis, trunk (head, arms and
// trunk above L5-S1: "HAT"), with the foot as root on the ground.
//
// Frames follow OpenSim gait2392 (Delp et al. 1990, IEEE TBME 37:757; Anderson & Pandy 1999):
// x anterior, y up, z right; each segment's origin at its proximal joint, the pelvis origin near the
// mid-point of the ASISs (the RASI marker sits 1-2 cm anterior-superior of it). Sagittal motion
// only: every rotation is about z, so a point's z never changes and 3D path lengths stay exact (the
// z of each point is kept).
//
// Angles. Global segment angles alpha (rad) are CLOCKWISE-positive seen from the right, i.e. the top
// of a segment moving forward is positive. Joint coordinates q (rad), 4 x 1:
//     q0 ankle dorsiflexion  = alpha_shank  - alpha_foot
//     q1 knee flexion        = alpha_shank  - alpha_thigh
//     q2 hip flexion         = alpha_pelvis - alpha_thigh
//     q3 lumbar extension    = alpha_pelvis - alpha_trunk
// so that d alpha_s / d q_j = s_j = (+1, -1, +1, -1) for every segment s above joint j.
// Pelvic (anterior) tilt = angle of the PSIS->ASIS line below horizontal (Preece et al. 2008's
// cadaver measure) = alpha_pelvis + tilt0, tilt0 the angle of that line in the pelvis frame. The
// landmarks are the RASI and RPSI markers of Rajagopal et al. 2016 (IEEE TBME 63:2068), file
// Rajagopal2015.osim (as in github.com/stanfordnmbl/coupled-exo-sim), whose pelvis body is
// gait2392's (same frame: mass centre (-0.0707, 0, 0), hip (-0.0707, -0.0661, 0.0835)):
//     ASIS (0.00953, 0.01808, +-0.12846) m, PSIS (-0.155, 0.035, +-0.045) m
// so tilt0 = atan(0.01692 / 0.16453) = 5.87 deg: the gait2392 zero pose is tilted 5.9 deg anteriorly.
// These are motion-capture markers (on the skin over the spines), not bony landmarks; soft tissue
// over the PSIS is thinner than over the ASIS, so the bony angle may differ by a few degrees [NC].
//
// Segment masses: de Leva 1996, J Biomech 29:1223 (male fractions of body mass); HAT = head + trunk
// above the lower trunk + both arms; pelvis = lower trunk (LPT). Positions of joints and mass
// centres: gait2392 (unscaled, 75 kg, 1.8 m) where known, else marked [assumed].
#include <array>

#include <Eigen/Core>

namespace myo::models {

enum class Segment { foot = 0, shank = 1, thigh = 2, pelvis = 3, trunk = 4 };
enum class Joint { ankle = 0, knee = 1, hip = 2, lumbar = 3 };
constexpr int kSegments = 5;
constexpr int kJoints = 4;
/// s_j: the sign with which q_j rotates every segment above joint j.
constexpr std::array<double, kJoints> kJointSign = {+1.0, -1.0, +1.0, -1.0};

struct SegmentParams {
  double body_mass_kg = 75.0;  ///< whole body (kg)
  double gravity_m_s2 = 9.81;  ///< (m/s^2)
  // de Leva 1996 fractions of body mass (-)
  double hat_fraction = 0.4911;     ///< head 6.94 + trunk above LPT (43.46 - 11.17) + 2 arms 9.88 %
  double pelvis_fraction = 0.1117;  ///< lower trunk (LPT)
  double thigh_fraction = 0.1416;   ///< per leg
  double shank_fraction = 0.0433;   ///< per leg
  double foot_fraction = 0.0137;    ///< per leg
  // geometry in segment frames (m), x anterior, y up
  Eigen::Vector2d pelvis_hip{-0.0707, -0.0661};     ///< hip centre in pelvis frame (gait2392)
  double hip_z_m = 0.0835;                          ///< hip centre z in pelvis frame (gait2392)
  Eigen::Vector2d pelvis_lumbar{-0.1007, 0.0815};   ///< L5-S1 (gait2392 back joint) in pelvis frame
  Eigen::Vector2d pelvis_asis{0.00953047, 0.0180816};  ///< ASIS (x, y) in pelvis frame (Rajagopal2015.osim RASI)
  Eigen::Vector2d pelvis_psis{-0.155, 0.035};          ///< PSIS (x, y) in pelvis frame (Rajagopal2015.osim RPSI)
  Eigen::Vector2d thigh_knee{0.0, -0.396};          ///< knee in femur frame (gait2392 at 0 deg) [NC]
  Eigen::Vector2d shank_ankle{0.0, -0.43};          ///< ankle in tibia frame (gait2392)
  Eigen::Vector2d foot_heel{-0.06, -0.08};          ///< heel contact in foot frame (origin ankle) [assumed]
  Eigen::Vector2d foot_toe{0.13, -0.08};            ///< metatarsal heads in foot frame [assumed]
  // mass centres in segment frames (m)
  Eigen::Vector2d hat_com{-0.03, 0.32};     ///< gait2392 torso mass centre
  Eigen::Vector2d pelvis_com{-0.0707, 0.0};  ///< gait2392 pelvis mass centre
  Eigen::Vector2d thigh_com{0.0, -0.162};   ///< de Leva: 40.95 % of 0.396 m from the hip
  Eigen::Vector2d shank_com{0.0, -0.192};   ///< de Leva: 44.59 % of 0.43 m from the knee
  Eigen::Vector2d foot_com{0.044, -0.04};   ///< [assumed] 44 % of foot length from the heel

  double mass_kg(Segment s) const;  ///< one segment (one leg for leg segments) (kg)
};

/// Global positions of a posed chain. The foot's ankle is at `ankle_m` and the foot at global angle
/// alpha_foot (0: flat). Positions are 2D (x, y); z is per segment (frame_z).
class SagittalPose {
 public:
  SagittalPose(const SegmentParams& params, const Eigen::Vector4d& q_rad, double alpha_foot_rad = 0.0);

  double alpha(Segment s) const { return alpha_[static_cast<int>(s)]; }  ///< global angle (rad)
  /// Global position (m) of a point p (m) given in the frame of segment s.
  Eigen::Vector2d world(Segment s, const Eigen::Vector2d& p) const;
  Eigen::Vector2d joint_centre(Joint j) const { return joint_[static_cast<int>(j)]; }  ///< (m)
  /// d world / d q_j of a point at global position x on segment s (m/rad); zero unless s is above j.
  Eigen::Vector2d dworld_dq(Segment s, const Eigen::Vector2d& x, Joint j) const;
  /// z of the frame origin of segment s in the global frame (m): the hip offset for leg segments.
  double frame_z(Segment s) const;
  /// Anterior pelvic tilt, PSIS->ASIS line below horizontal (rad).
  double pelvic_tilt() const;
  const Eigen::Vector4d& q() const { return q_; }
  const SegmentParams& params() const { return p_; }

 private:
  SegmentParams p_;
  Eigen::Vector4d q_;
  std::array<double, kSegments> alpha_{};
  std::array<Eigen::Vector2d, kSegments> origin_;  ///< frame origins (m)
  std::array<Eigen::Vector2d, kJoints> joint_;     ///< joint centres (m)
};

/// 2D vector rotated clockwise by alpha (rad).
Eigen::Vector2d rotate_cw(const Eigen::Vector2d& v, double alpha_rad);

}  // namespace myo::models
