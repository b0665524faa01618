// Muscle table and generalised forces of the pelvis model (pelvis_model.hpp).
#include "myo/models/pelvis_model.hpp"

#include <cmath>
#include <numbers>
#include <utility>

namespace myo::models {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

PathPoint at(Segment s, double x, double y, double z) { return {s, {x, y, z}}; }

// gait2392's brim via point: present for hip flexion -90..45 deg.
PathPoint brim_via(double x, double y, double z) {
  PathPoint p = at(Segment::pelvis, x, y, z);
  p.conditional = true;
  p.joint = Joint::hip;
  p.min_rad = -90.0 * kDeg;
  p.max_rad = 45.0 * kDeg;
  return p;
}

struct MuscleEntry {
  HillMuscleParams hill;
  std::vector<PathPoint> path;
};

// gait2392: Delp et al. 1990, IEEE TBME 37:757, as OpenSim gait2392_simbody.osim. Iliacus and
// psoas are the figures of shared/reference/literature.md [V]; the others are gait2392 values
// recalled here and not checked against the model file [NC]. Rectus abdominis is not in gait2392:
// its geometry and parameters are [assumed].
std::vector<MuscleEntry> muscle_table() {
  using S = Segment;
  constexpr const char* kNC = "gait2392 (Delp 1990) [NC: not checked against the model file]";
  return {
      {{"iliacus", 1073.0, 0.100, 0.100, 7.0 * kDeg, "gait2392 (Delp 1990), literature.md [V]"},
       {at(S::pelvis, -0.0674, 0.0365, 0.0854), at(S::pelvis, -0.0258, -0.055, 0.0811),
        brim_via(-0.0288, -0.0805, 0.0816), at(S::thigh, 0.0017, -0.0543, 0.0057),
        at(S::thigh, -0.0193, -0.0621, 0.0129)}},
      {{"psoas", 1113.0, 0.100, 0.160, 8.0 * kDeg, "gait2392 (Delp 1990), literature.md [V]"},
       {at(S::pelvis, -0.0647, 0.0887, 0.0289), at(S::pelvis, -0.0238, -0.057, 0.0759),
        brim_via(-0.0288, -0.0805, 0.0816), at(S::thigh, 0.0016, -0.0507, 0.0038),
        at(S::thigh, -0.0188, -0.0597, 0.0104)}},
      // The patellar mechanism is the gait2392 moving point at knee 0 deg, held fixed in the tibia.
      {{"rectus_femoris", 779.0, 0.084, 0.346, 5.0 * kDeg, kNC},
       {at(S::pelvis, -0.0295, -0.0311, 0.0968), at(S::shank, 0.066, 0.0236, 0.0015)}},
      // glut_max1-3 lumped on the glut_max2 path; F0 the sum 573 + 819 + 552 N.
      {{"gluteus_maximus", 1944.0, 0.147, 0.127, 0.0, kNC},
       {at(S::pelvis, -0.1349, 0.0176, 0.0563), at(S::pelvis, -0.1376, -0.052, 0.0914),
        at(S::thigh, -0.0426, -0.053, 0.0293), at(S::thigh, -0.0156, -0.1016, 0.0419)}},
      // semimembranosus, semitendinosus, biceps femoris long head lumped on the semimembranosus
      // path; F0 the sum 1162 + 301 + 717 N.
      {{"hamstrings", 2180.0, 0.080, 0.359, 15.0 * kDeg, kNC},
       {at(S::pelvis, -0.1192, -0.1015, 0.0695), at(S::shank, -0.0243, -0.0536, -0.0194)}},
      {{"erector_spinae", 2500.0, 0.120, 0.030, 0.0, kNC},
       {at(S::pelvis, -0.14, 0.0439, 0.0436), at(S::trunk, -0.055, 0.11, 0.0241)}},
      {{"rectus_abdominis", 300.0, 0.400, 0.050, 0.0,
        "[assumed]: pubis to the 5th-7th costal cartilages, long parallel fibres"},
       {at(S::pelvis, -0.01, -0.08, 0.01), at(S::trunk, 0.15, 0.30, 0.04)}},
  };
}

}  // namespace

PelvisModel::PelvisModel(PelvisParams params) : p_(std::move(params)) {
  for (MuscleEntry& e : muscle_table()) {
    muscles_.emplace_back(std::move(e.hill));
    paths_.emplace_back(std::move(e.path));
  }
}

std::vector<std::string> PelvisModel::muscle_names() {
  std::vector<std::string> out;
  for (const MuscleEntry& e : muscle_table()) out.push_back(e.hill.name);
  return out;
}

bool PelvisModel::is_leg_muscle(int i) const { return paths_[i].crosses(Joint::hip); }

double PelvisModel::activation(int i) const { return is_hip_flexor(i) ? p_.hip_flexors.tone : 0.0; }
double PelvisModel::rho(int i) const { return is_hip_flexor(i) ? p_.hip_flexors.rho : 1.0; }

SagittalPose PelvisModel::pose(const Eigen::Vector4d& q, double alpha_foot_rad) const {
  return SagittalPose(p_.body, q, alpha_foot_rad);
}

std::vector<MuscleState> PelvisModel::muscle_states(const SagittalPose& pose, int legs) const {
  std::vector<MuscleState> out;
  for (int i = 0; i < muscle_count(); ++i) {
    MuscleState m;
    m.name = muscles_[i].params().name;
    m.length_m = paths_[i].length(pose);
    m.fibre_length_norm = muscles_[i].normalised_fibre_length(m.length_m, rho(i));
    m.force_N = muscles_[i].force(m.length_m, activation(i), rho(i));
    m.count = is_leg_muscle(i) ? legs : 2.0;  // trunk muscles: left and right
    m.moment_arm_m = paths_[i].moment_arms(pose);
    out.push_back(std::move(m));
  }
  return out;
}

double PelvisModel::segment_count(Segment s, int legs) const {
  return static_cast<int>(s) <= static_cast<int>(Segment::thigh) ? legs : 1.0;
}

Eigen::Vector2d PelvisModel::segment_com(Segment s) const {
  const SegmentParams& b = p_.body;
  switch (s) {
    case Segment::foot: return b.foot_com;
    case Segment::shank: return b.shank_com;
    case Segment::thigh: return b.thigh_com;
    case Segment::pelvis: return b.pelvis_com;
    case Segment::trunk: return b.hat_com;
  }
  return Eigen::Vector2d::Zero();
}

Eigen::Vector4d PelvisModel::gravity_forces(const SagittalPose& pose, int legs) const {
  Eigen::Vector4d Q = Eigen::Vector4d::Zero();
  for (int s = 0; s < kSegments; ++s) {
    const Segment seg = static_cast<Segment>(s);
    const double weight = segment_count(seg, legs) * p_.body.mass_kg(seg) * p_.body.gravity_m_s2;
    const Eigen::Vector2d c = pose.world(seg, segment_com(seg));
    for (int j = 0; j < s; ++j)
      Q(j) += weight * kJointSign[j] * (c.x() - pose.joint_centre(static_cast<Joint>(j)).x());
  }
  return Q;
}

Eigen::Vector4d PelvisModel::muscle_forces(const SagittalPose& pose, int legs) const {
  Eigen::Vector4d Q = Eigen::Vector4d::Zero();
  for (const MuscleState& m : muscle_states(pose, legs)) Q += m.count * m.force_N * m.moment_arm_m;
  return Q;
}

Eigen::Vector4d PelvisModel::joint_forces(const SagittalPose& pose, int legs) const {
  const double h = pose.q()(2), w = p_.hip_stop_width_rad;
  Eigen::Vector4d Q = Eigen::Vector4d::Zero();
  Q(2) = legs * p_.hip_capsule_moment_Nm *
         (std::exp((p_.hip_extension_stop_rad - h) / w) - std::exp((h - p_.hip_flexion_stop_rad) / w));
  Q(3) = -p_.lumbar_stiffness_Nm_per_rad * (pose.q()(3) - p_.lumbar_neutral_rad);
  return Q;
}

Eigen::Vector4d PelvisModel::generalised_forces(const SagittalPose& pose, int legs) const {
  return gravity_forces(pose, legs) + muscle_forces(pose, legs) + joint_forces(pose, legs);
}

double PelvisModel::total_mass_kg(int legs) const {
  double m = 0.0;
  for (int s = 0; s < kSegments; ++s) m += segment_count(static_cast<Segment>(s), legs) * p_.body.mass_kg(static_cast<Segment>(s));
  return m;
}

double PelvisModel::com_x(const SagittalPose& pose, int legs) const {
  double mx = 0.0;
  for (int s = 0; s < kSegments; ++s) {
    const Segment seg = static_cast<Segment>(s);
    mx += segment_count(seg, legs) * p_.body.mass_kg(seg) * pose.world(seg, segment_com(seg)).x();
  }
  return mx / total_mass_kg(legs);
}

}  // namespace myo::models
