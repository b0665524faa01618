// The device's travel as an unknown: its residual and coupling terms against finite differences
// (in a rotated device frame), force control and depth control reaching the same equilibrium,
// and rigid motions of the whole set-up (mesh, device, boundary) leaving every scalar unchanged.
#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <cmath>

#include "../builtin_registry.hpp"
#include "../run_result_access.hpp"
#include "contact_fd.hpp"
#include "myo/models/neo_hookean.hpp"
#include "myo/models/rigid_sphere.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/layered_cylinder.hpp"
#include "myo/sim/newton_solver.hpp"
#include "myo/sim/simulation.hpp"
#include "myo/sim/stepper.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::summary;

/// An infinitely long rigid roller of radius R along the body x axis: g = |(y, z)| - R. Not
/// axisymmetric about the direction of travel, so it exposes a wrong rotation.
class TestRoller : public RigidSurface {
 public:
  explicit TestRoller(double R) : R_(R) {}
  std::string name() const override { return "test_roller"; }
  SurfaceDistance distance(const Vec3& x) const override {
    const Vec3 r(0.0, x.y(), x.z());
    const double rho = r.norm();
    SurfaceDistance d;
    d.g = rho - R_;
    d.n = r / rho;
    Mat3 P = Mat3::Identity();
    P(0, 0) = 0.0;
    d.dn_dx = (P - d.n * d.n.transpose()) / rho;
    return d;
  }
  Vec3 tip(const Vec3& axis) const override {
    Vec3 a(0.0, axis.y(), axis.z());
    return R_ * a.normalized();
  }

 private:
  double R_;
};

Mat3 rotation(double angle, const Vec3& axis) { return Eigen::AngleAxisd(angle, axis.normalized()).toRotationMatrix(); }

TEST(ForceControl, DeviceTravelResidualAndCouplingMatchFiniteDifferences) {
  const Mesh mesh = make_layered_box({0.01, 0.01, 2, 2, {{"tissue", 0.005, 1, 1.0}}});
  ContactSpec spec;
  spec.name = "roller";
  spec.face_set = "top";
  spec.surface = std::make_shared<TestRoller>(0.02);
  spec.direction = Vec3(0.1, -0.2, -1.0).normalized();
  // Body -z along the travel, body x (the roller axis) turned 30 degrees about it.
  Mat3 Q;
  const Vec3 ez = -spec.direction, ex0 = (Vec3::UnitX() - Vec3::UnitX().dot(ez) * ez).normalized();
  Q << ex0, ez.cross(ex0), ez;
  spec.rotation = rotation(0.5, ez) * Q;
  spec.origin = Vec3(0.004, 0.006, 0.005) - spec.rotation * spec.surface->tip(spec.rotation.transpose() * spec.direction);
  spec.control = ContactSpec::Control::force;
  spec.force = TimeTable::constant(1.0);
  spec.penalty_Pa_per_m = 1e8;
  spec.quadrature = 3;
  const int n = mesh.n_nodes() * mesh.dim();
  const PenaltyContact contact(mesh, spec, n);
  std::srand(11);
  Eigen::VectorXd u = 2e-4 * Eigen::VectorXd::Random(n + 1);
  u(n) = 1.2e-3;  // travel (m)
  const test::ContactFd fd = test::contact_fd(contact, u, 1.0);
  ASSERT_GT(fd.state.area_m2, 0.0);
  EXPECT_NEAR(fd.state.depth_m, 1.2e-3, 1e-15);
  EXPECT_LT((fd.K - fd.K.transpose()).cwiseAbs().maxCoeff(), 1e-9 * fd.K.cwiseAbs().maxCoeff());
  EXPECT_GT(fd.K(n, n), 0.0);
  // dE/dw is the force the device feels.
  EXPECT_NEAR(fd.R(n), fd.state.force_N, 1e-12 * std::abs(fd.state.force_N));
  std::printf("device dof FD: residual %.2e, tangent %.2e (relative)\n", fd.residual_error, fd.tangent_error);
  EXPECT_LT(fd.residual_error, 1e-5);
  EXPECT_LT(fd.tangent_error, 1e-5);
}

std::string format_double(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Axisymmetric ball pressed 1.5 mm by depth, then pressed by the force that depth needed.
TEST(ForceControl, ForceAndDepthControlReachTheSameEquilibrium) {
  const std::string base = R"(
name: ball
mesh:
  generator: layered_cylinder
  radius: 40 mm
  cells_r: 16
  layers: [{name: fat, thickness: 10 mm, cells: 5}, {name: muscle, thickness: 20 mm, cells: 6}]
materials:
  fat: {model: neo_hookean, mu: 2 kPa, kappa: 2 MPa}
  muscle: {model: neo_hookean, mu: 10 kPa, kappa: 10 MPa}
boundary: [{set: bottom, fix: all}]
time: {end: 1 s, steps: 8}
output: {reaction_sets: [bottom]}
contact:
  - {surface: top, device: {model: sphere, diameter: 40 mm}, position: [0 mm, 30 mm], )";
  const RunResult by_depth = run_scenario(Scenario::from_text(base + "depth: 3 mm}"), builtin_registry(), "");
  ASSERT_TRUE(by_depth.completed) << by_depth.message;
  const double F = summary(by_depth, "indenter_force_N");
  const RunResult by_force = run_scenario(
      Scenario::from_text(base + "force: " + format_double(F) + " N}"), builtin_registry(), "");
  ASSERT_TRUE(by_force.completed) << by_force.message;
  const double d_force = summary(by_force, "indentation_depth_mm");
  std::printf("depth control 3 mm -> %.6f N; force control %.6f N -> %.9f mm (%d vs %d Newton iterations)\n", F,
              summary(by_force, "indenter_force_N"), d_force, int(summary(by_depth, "newton_iterations")),
              int(summary(by_force, "newton_iterations")));
  EXPECT_NEAR(d_force, 3.0, 1e-6 * 3.0);
  EXPECT_NEAR(summary(by_force, "indenter_force_N"), F, 1e-6 * F);
  for (const char* key : {"peak_contact_pressure_kPa", "contact_area_mm2", "reaction_force_bottom_z_N"})
    EXPECT_NEAR(summary(by_force, key), summary(by_depth, key), 1e-5 * std::abs(summary(by_depth, key)) + 1e-12) << key;
}

// A constant force on viscoelastic tissue: the tip sinks as the tissue creeps, from the
// short-term equilibrium (shear modulus (1 + beta) mu) to the long-term one (mu), which the
// elastic solid reaches at once under the same force. Creep is slower than relaxation: its
// retardation time is about tau (1 + beta) = 15 s, so the hold lasts 180 s (exp(-12) left).
// One explicit penalty for the three runs: an auto one follows each material's own stiffness.
TEST(ForceControl, ConstantForceOnViscoelasticTissueCreepsFromShortToLongTermEquilibrium) {
  auto scenario = [](const std::string& material, const std::string& time) {
    return Scenario::from_text(R"(
name: creep
mesh:
  generator: layered_cylinder
  radius: 30 mm
  cells_r: 10
  layers: [{name: tissue, thickness: 20 mm, cells: 6}]
materials: {tissue: )" + material + R"(}
boundary: [{set: bottom, fix: all}]
contact:
  - {surface: top, device: {model: sphere, diameter: 20 mm}, position: [0 mm, 20 mm],
     force: {table: [[0 s, 0 N], [0.1 s, 0.2 N], [180 s, 0.2 N]]}, penalty: 1e9 Pa/m}
time: )" + time + "\n");
  };
  const std::string hold = "{end: 180 s, steps: 1800, dt_max: 10 s}";
  const RunResult creep = run_scenario(
      scenario("{model: viscoelastic_neo_hookean, mu: 2 kPa, kappa: 1 MPa, beta1: 2, tau1: 5 s}", hold),
      builtin_registry(), "");
  ASSERT_TRUE(creep.completed) << creep.message;
  const std::string ramp = "{end: 0.1 s, steps: 4}";
  const RunResult short_term =
      run_scenario(scenario("{model: neo_hookean, mu: 6 kPa, kappa: 1 MPa}", ramp), builtin_registry(), "");
  const RunResult long_term =
      run_scenario(scenario("{model: neo_hookean, mu: 2 kPa, kappa: 1 MPa}", ramp), builtin_registry(), "");
  const auto& t = test::column(creep, "time_s");
  const auto& depth = test::column(creep, "indenter_depth_mm");
  size_t i_load = 0;
  while (std::abs(t[i_load] - 0.1) > 1e-9) ++i_load;
  const double d_short = summary(short_term, "indentation_depth_mm"), d_long = summary(long_term, "indentation_depth_mm");
  std::printf("creep under 0.2 N: depth %.4f mm at 0.1 s (short-term elastic %.4f), %.4f mm at 180 s (long-term %.4f)\n",
              depth[i_load], d_short, depth.back(), d_long);
  for (size_t i = i_load + 1; i < depth.size(); ++i) EXPECT_GE(depth[i], depth[i - 1] - 1e-9) << "t = " << t[i];
  EXPECT_NEAR(depth[i_load] / d_short, 1.0, 0.05);  // 0.1 s of a 5 s relaxation: about 1 %
  EXPECT_NEAR(depth.back() / d_long, 1.0, 0.005);   // exp(-12) of the creep is left
  EXPECT_NEAR(summary(creep, "indenter_force_N"), 0.2, 1e-6);
}

struct Pressed {
  double force_N, depth_m, peak_Pa, area_m2, energy_J, max_u_m;
};

/// Press the roller with force F into a block whose nodes are moved by the rigid motion
/// x -> Q x + c; the device and its direction move with it.
Pressed press_roller(const Mat3& Q, const Vec3& c, ContactSpec::Control control) {
  Mesh mesh = make_layered_box({0.02, 0.02, 4, 4, {{"tissue", 0.01, 3, 1.0}}});
  for (int a = 0; a < mesh.n_nodes(); ++a) mesh.X.row(a) = (Q * mesh.X.row(a).transpose() + c).transpose();
  auto mat = std::make_shared<models::NeoHookean>(5e3);
  mat->set_volumetric({VolumetricForm::quadratic, 5e5});
  ModelLoads loads;
  for (int i = 0; i < 3; ++i) loads.dirichlet.push_back({"bottom", i, TimeTable::constant(0.0), {}});
  ContactSpec spec;
  spec.name = "roller";
  spec.face_set = "top";
  spec.surface = std::make_shared<TestRoller>(0.015);
  spec.direction = Q * Vec3(0, 0, -1);
  spec.rotation = Q * rotation(0.4, Vec3::UnitZ());  // roller axis 23 degrees off the block's x
  spec.origin = Q * Vec3(0.011, 0.009, 0.01) + c - spec.rotation * spec.surface->tip(spec.rotation.transpose() * spec.direction);
  spec.control = control;
  spec.force = TimeTable::ramp(0.0, 1.0, 0.05);
  spec.depth = TimeTable::ramp(0.0, 1.0, 1e-3);
  spec.penalty_Pa_per_m = 5e7;
  loads.contacts.push_back(spec);
  Model model(mesh, {{"tissue", mat, Vec3::UnitX()}}, Formulation::q1p0, loads);
  NewtonSolver newton(model, NewtonSettings{});
  StepControl steps;
  steps.dt_initial_s = steps.dt_max_s = 0.25;
  Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs()), R;
  const RunStatus status = Stepper::run(model, newton, steps, u, [](const StepRecord&, const Eigen::VectorXd&) {});
  EXPECT_TRUE(status.completed) << status.message;
  double energy;
  model.evaluate(u, 1.0, 0.0, false, R, energy);
  const ContactState& s = model.contact_states()[0];
  double max_u = 0.0;
  for (int a = 0; a < mesh.n_nodes(); ++a) max_u = std::max(max_u, u.segment<3>(3 * a).norm());
  return {s.force_N, s.depth_m, s.peak_pressure_Pa, s.area_m2, energy, max_u};
}

TEST(ForceControl, RigidMotionOfTheWholeSetUpChangesNoScalar) {
  for (auto control : {ContactSpec::Control::force, ContactSpec::Control::depth}) {
    const Pressed a = press_roller(Mat3::Identity(), Vec3::Zero(), control);
    const Pressed b = press_roller(rotation(0.7, Vec3(1, 2, 3)), Vec3(0.3, -0.1, 0.05), control);
    std::printf("%s control: F = %.9f N, depth = %.9f mm, peak = %.6f kPa, area = %.6f mm^2\n",
                control == ContactSpec::Control::force ? "force" : "depth", a.force_N, a.depth_m * 1e3,
                a.peak_Pa * 1e-3, a.area_m2 * 1e6);
    ASSERT_GT(a.area_m2, 0.0);
    EXPECT_NEAR(b.force_N, a.force_N, 1e-7 * a.force_N);
    EXPECT_NEAR(b.depth_m, a.depth_m, 1e-7 * a.depth_m);
    EXPECT_NEAR(b.peak_Pa, a.peak_Pa, 1e-6 * a.peak_Pa);
    EXPECT_NEAR(b.area_m2, a.area_m2, 1e-9 * a.area_m2);
    EXPECT_NEAR(b.max_u_m, a.max_u_m, 1e-7 * a.max_u_m);
  }
}

}  // namespace
}  // namespace myo::sim
