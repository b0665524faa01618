// Standing, stride and Thomas-test postures of the pelvis model (pelvis_posture.hpp).
#include "myo/models/pelvis_posture.hpp"

#include <cmath>
#include <functional>
#include <stdexcept>

#include <Eigen/LU>

namespace myo::models {

namespace {

constexpr int kHip = 2, kLumbar = 3;
constexpr int kMaxNewton = 50;
constexpr double kTolerance = 1e-10;  // on the scaled residual (N m)
constexpr double kHoldScale = 1e3;    // N m per rad of a hold, N m per m of the mass centre

// Newton on F(x) = 0 with a central-difference Jacobian: the residual has kinks (a slack muscle,
// a via point switching), so an analytic Jacobian would be no more exact where it matters.
template <int N>
int newton(const std::function<Eigen::Matrix<double, N, 1>(const Eigen::Matrix<double, N, 1>&)>& F,
           Eigen::Matrix<double, N, 1>& x, bool& converged) {
  constexpr double h = 1e-7;
  for (int it = 0; it < kMaxNewton; ++it) {
    const Eigen::Matrix<double, N, 1> r = F(x);
    if (r.norm() < kTolerance) {
      converged = true;
      return it;
    }
    Eigen::Matrix<double, N, N> J;
    for (int k = 0; k < N; ++k) {
      Eigen::Matrix<double, N, 1> xp = x, xm = x;
      xp(k) += h;
      xm(k) -= h;
      J.col(k) = (F(xp) - F(xm)) / (2.0 * h);
    }
    Eigen::Matrix<double, N, 1> dx = -J.fullPivLu().solve(r);
    // Joint angles: limit a step to 0.2 rad so that a far start cannot jump past the stops.
    const double largest = dx.cwiseAbs().maxCoeff();
    if (largest > 0.2) dx *= 0.2 / largest;
    x += dx;
  }
  converged = F(x).norm() < kTolerance;
  return kMaxNewton;
}

Eigen::Vector2d trunk_axis(const SagittalPose& pose) { return rotate_cw({0.0, 1.0}, pose.alpha(Segment::trunk)); }

// L5-S1 from the trunk's free body: gravity, the trunk muscles (passive, plus the one that
// supplies the active lumbar moment C_lumbar), and the reaction R of the sacrum on L5.
LumbarLoad lumbar_load(const PelvisModel& model, const SagittalPose& pose, const PostureResult& r) {
  const int es = 5, ra = 6;  // erector_spinae, rectus_abdominis (pelvis_model.cpp order)
  LumbarLoad load;
  const double C = r.active_Nm(kLumbar);
  const double r_es = r.muscles[es].moment_arm_m(kLumbar), r_ra = r.muscles[ra].moment_arm_m(kLumbar);
  load.extensor_force_N = C > 0.0 ? C / r_es : 0.0;
  load.flexor_force_N = C < 0.0 ? C / r_ra : 0.0;
  Eigen::Vector2d R(0.0, model.params().body.mass_kg(Segment::trunk) * model.params().body.gravity_m_s2);
  for (int i : {es, ra}) {
    const double F = r.muscles[i].count * r.muscles[i].force_N + (i == es ? load.extensor_force_N : load.flexor_force_N);
    const std::vector<Eigen::Vector3d> x = model.path(i).active_points(pose);
    const Eigen::Vector2d pull = (x.front() - x.back()).head<2>().normalized();  // trunk end toward pelvis
    R -= F * pull;
  }
  const Eigen::Vector2d axis = trunk_axis(pose), anterior = rotate_cw({1.0, 0.0}, pose.alpha(Segment::trunk));
  load.compression_N = R.dot(axis);
  load.shear_N = R.dot(anterior);
  return load;
}

// Fill the moments and holds of a solved pose: the trunk hold M = Q_lumbar, transmitted as
// s_j M; every other held joint's active moment is what its equation needs.
PostureResult finish(const PelvisModel& model, const Eigen::Vector4d& q, double alpha_foot, int legs,
                     bool converged, int iterations) {
  PostureResult r;
  const SagittalPose pose = model.pose(q, alpha_foot);
  r.q = q;
  r.alpha_foot_rad = alpha_foot;
  r.legs = legs;
  r.converged = converged;
  r.iterations = iterations;
  r.pelvic_tilt_rad = pose.pelvic_tilt();
  r.lumbar_extension_rad = q(kLumbar);
  r.trunk_angle_rad = pose.alpha(Segment::trunk);
  r.hip_extension_rad = -q(kHip);
  r.thigh_extension_rad = pose.alpha(Segment::thigh);
  r.gravity_Nm = model.gravity_forces(pose, legs);
  r.muscle_Nm = model.muscle_forces(pose, legs);
  r.joint_Nm = model.joint_forces(pose, legs);
  const Eigen::Vector4d Q = r.gravity_Nm + r.muscle_Nm + r.joint_Nm;
  r.trunk_hold_Nm = Q(kLumbar);
  r.active_Nm = -Q;
  r.active_Nm(kHip) = kJointSign[kHip] * r.trunk_hold_Nm;  // the hip has no hold of its own
  r.residual_Nm = Q + r.active_Nm;
  const Eigen::Vector2d ankle = pose.joint_centre(Joint::ankle);
  r.com_ahead_of_ankle_m = model.com_x(pose, legs) - ankle.x();
  r.trunk_com_ahead_of_hip_m = trunk_com_ahead_of_hip(model, pose);
  r.muscles = model.muscle_states(pose, legs);
  r.lumbar = lumbar_load(model, pose, r);
  return r;
}

}  // namespace

double trunk_com_ahead_of_hip(const PelvisModel& model, const SagittalPose& pose) {
  return pose.world(Segment::trunk, model.segment_com(Segment::trunk)).x() - pose.joint_centre(Joint::hip).x();
}

namespace {

double pelvis_residual(const PelvisModel& model, const SagittalPose& pose, int legs) {
  const Eigen::Vector4d Q = model.generalised_forces(pose, legs);
  return Q(kHip) + Q(kLumbar);
}

}  // namespace

PostureResult solve_standing(const PelvisModel& model, const StandingTargets& t) {
  const int legs = 2;
  auto q_of = [&](const Eigen::Vector3d& x) { return Eigen::Vector4d(x(0), t.knee_flexion_rad, x(1), x(2)); };
  std::function<Eigen::Vector3d(const Eigen::Vector3d&)> F = [&](const Eigen::Vector3d& x) {
    const SagittalPose pose = model.pose(q_of(x));
    const double com = model.com_x(pose, legs) - pose.joint_centre(Joint::ankle).x();
    return Eigen::Vector3d(pelvis_residual(model, pose, legs),
                           kHoldScale * (trunk_com_ahead_of_hip(model, pose) - t.trunk_com_ahead_of_hip_m),
                           kHoldScale * (com - t.com_ahead_of_ankle_m));
  };
  Eigen::Vector3d x = Eigen::Vector3d::Zero();
  bool converged = false;
  const int it = newton<3>(F, x, converged);
  return finish(model, q_of(x), 0.0, legs, converged, it);
}

PostureResult solve_stride(const PelvisModel& model, const StrideTargets& t) {
  const int legs = 1;
  // alpha_thigh = theta_T (knee behind the hip: the top forward) fixes the ankle: q0 = alpha_shank - alpha_foot, alpha_shank = alpha_thigh + q1.
  const double q0 = t.thigh_extension_rad + t.knee_flexion_rad - t.heel_rise_rad;
  auto q_of = [&](const Eigen::Vector2d& x) { return Eigen::Vector4d(q0, t.knee_flexion_rad, x(0), x(1)); };
  std::function<Eigen::Vector2d(const Eigen::Vector2d&)> F = [&](const Eigen::Vector2d& x) {
    const SagittalPose pose = model.pose(q_of(x), t.heel_rise_rad);
    return Eigen::Vector2d(pelvis_residual(model, pose, legs),
                           kHoldScale * (pose.alpha(Segment::trunk) - t.trunk_angle_rad));
  };
  Eigen::Vector2d x(-t.thigh_extension_rad, 0.0);
  bool converged = false;
  const int it = newton<2>(F, x, converged);
  return finish(model, q_of(x), t.heel_rise_rad, legs, converged, it);
}

namespace {

// Moment (N m, flexing positive) of iliacus, psoas and rectus femoris about one hip, pelvis at
// alpha_pelvis = 0: the thigh at alpha_thigh = -hip flexion.
double hip_flexor_moment(const PelvisModel& model, double hip_flexion, double knee_flexion) {
  // alpha_pelvis = alpha_thigh + q2 = 0 with a flat foot: alpha_shank = q0, alpha_thigh = q0 - q1.
  const double q0 = knee_flexion - hip_flexion;
  const SagittalPose pose = model.pose(Eigen::Vector4d(q0, knee_flexion, hip_flexion, 0.0));
  double M = 0.0;
  for (int i : {0, 1, 2}) {
    const MusclePath& path = model.path(i);
    const double F = model.muscle(i).force(path.length(pose), model.activation(i), model.rho(i));
    M += F * path.moment_arms(pose)(kHip);
  }
  return M;
}

// Root of a decreasing g on [a, b] by bisection (g(a) > 0 > g(b)).
double bisect(const std::function<double(double)>& g, double a, double b) {
  if (!(g(a) > 0.0 && g(b) < 0.0)) throw std::runtime_error("pelvis: no bracketed root");
  for (int i = 0; i < 200 && b - a > 1e-13; ++i) {
    const double m = 0.5 * (a + b);
    (g(m) > 0.0 ? a : b) = m;
  }
  return 0.5 * (a + b);
}

}  // namespace

double passive_hip_extension(const PelvisModel& model, double test_moment_Nm, double knee_flexion_rad) {
  // The flexors' moment grows as the hip extends; the test stops where it reaches the test moment.
  const auto g = [&](double extension) { return test_moment_Nm - hip_flexor_moment(model, -extension, knee_flexion_rad); };
  return bisect(g, -0.5, 0.8);
}

double stretched_rho(const PelvisModel& model, double gain_rad, double test_moment_Nm) {
  const double before = passive_hip_extension(model, test_moment_Nm);
  const double rho0 = model.params().hip_flexors.rho;
  const auto g = [&](double rho) {
    PelvisModel m = model;
    m.params().hip_flexors.rho = rho;
    return before + gain_rad - passive_hip_extension(m, test_moment_Nm);
  };
  return bisect(g, rho0, 1.03 * rho0);
}

HipFlexorTightness tightness_from_tone(const ToneDynamics& dynamics, const ToneState& state, const sim::Vec3& X) {
  return {ToneDynamics::resting_length_factor(state), dynamics.tone(state, X)};
}

}  // namespace myo::models
