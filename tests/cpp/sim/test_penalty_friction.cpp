// Penalty Coulomb friction on a rigid device (penalty_contact.hpp, coulomb_friction.hpp): in
// stick the friction is an energy, so residual and tangent match finite differences of it; in
// slip the exact (non-symmetric) Jacobian matches finite differences of the residual and the
// assembled tangent is it without the pressure coupling, symmetric; the nodal forces sum to the
// force on the device; a
// rigid translation of tissue and device changes nothing.
#include <gtest/gtest.h>

#include "contact_fd.hpp"
#include "myo/models/rigid_sphere.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/layered_cylinder.hpp"
#include "myo/sim/penalty_contact.hpp"

namespace myo::sim {
namespace {

Mesh block(const Vec3& shift = Vec3::Zero()) {
  Mesh mesh = make_layered_box({0.01, 0.01, 2, 2, {{"tissue", 0.005, 1, 1.0}}});
  for (int n = 0; n < mesh.n_nodes(); ++n) mesh.X.row(n) += shift.transpose();
  return mesh;
}

/// A sphere over the block travelling obliquely; its travel w is the last dof.
ContactSpec oblique_sphere(double mu, double K_t, const Vec3& shift = Vec3::Zero()) {
  ContactSpec spec;
  spec.name = "ball";
  spec.face_set = "top";
  spec.surface = std::make_shared<models::RigidSphere>(0.02);
  spec.origin = Vec3(0.004, 0.006, 0.005 + 0.01) + shift;
  spec.direction = Vec3(0.3, 0.1, -1.0).normalized();
  spec.depth = TimeTable::ramp(0, 1, 1.5e-3);
  spec.penalty_Pa_per_m = 1e8;
  spec.friction = mu;
  spec.friction_penalty_Pa_per_m = K_t;
  spec.quadrature = 3;
  return spec;
}

/// Mesh dofs (a random state, m) and the travel w = 1.5 mm.
Eigen::VectorXd pressed_state(const Mesh& mesh, unsigned seed) {
  std::srand(seed);
  Eigen::VectorXd u(mesh.n_nodes() * mesh.dim() + 1);
  u.head(u.size() - 1) = 2e-4 * Eigen::VectorXd::Random(u.size() - 1);
  u(u.size() - 1) = 1.5e-3;
  return u;
}

Eigen::MatrixXd dense(const std::vector<std::tuple<int, int, double>>& entries, int n) {
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(n, n);
  for (const auto& [i, j, v] : entries) K(i, j) += v;
  return K;
}

/// Largest entry of |exact Jacobian - central differences of the residual|, relative.
double exact_jacobian_error(const PenaltyContact& contact, const Eigen::VectorXd& u, double h = 1e-9) {
  const int n = static_cast<int>(u.size());
  std::vector<std::tuple<int, int, double>> entries;
  contact.exact_jacobian(u, 1.0, entries);
  const Eigen::MatrixXd J = dense(entries, n);
  double error = 0.0;
  for (int j = 0; j < n; ++j) {
    Eigen::VectorXd up = u, um = u, Rp = Eigen::VectorXd::Zero(n), Rm = Eigen::VectorXd::Zero(n);
    up(j) += h;
    um(j) -= h;
    ContactState s;
    contact.add(up, 1.0, false, Rp, nullptr, s);
    contact.add(um, 1.0, false, Rm, nullptr, s);
    error = std::max(error, ((Rp - Rm) / (2 * h) - J.col(j)).cwiseAbs().maxCoeff());
  }
  return error / J.cwiseAbs().maxCoeff();
}

/// The device feels the sum of the nodal forces; its residual is that force along -direction.
void expect_device_equilibrium(const Mesh& mesh, const ContactSpec& spec, const test::ContactFd& fd) {
  Vec3 sum = Vec3::Zero();
  for (int a = 0; a < mesh.n_nodes(); ++a) sum += fd.R.segment<3>(3 * a);
  const double scale = fd.state.device_force_N.norm();
  EXPECT_LT((sum - fd.state.device_force_N).norm(), 1e-12 * scale);
  EXPECT_NEAR(fd.R(fd.R.size() - 1), -spec.direction.dot(sum), 1e-12 * scale);
  EXPECT_GT(fd.state.friction_force_N.norm(), 0.0);
}

TEST(PenaltyFriction, StickIsAnEnergyWithAnExactSymmetricTangent) {
  const Mesh mesh = block();
  const ContactSpec spec = oblique_sphere(100.0, 1e6);  // a soft K_t and a large mu: all stick
  const PenaltyContact contact(mesh, spec, mesh.n_nodes() * mesh.dim());
  const test::ContactFd fd = test::contact_fd(contact, pressed_state(mesh, 3), 1.0);
  std::printf("stick: area %.3g mm^2 (slip %.3g), friction %.4g N, residual FD error %.2e, tangent FD error %.2e\n",
              fd.state.stick_area_m2 * 1e6, fd.state.slip_area_m2 * 1e6, fd.state.friction_force_N.norm(),
              fd.residual_error, fd.tangent_error);
  ASSERT_GT(fd.state.stick_area_m2, 0.0);
  ASSERT_EQ(fd.state.slip_area_m2, 0.0);
  EXPECT_LT((fd.K - fd.K.transpose()).cwiseAbs().maxCoeff(), 1e-12 * fd.K.cwiseAbs().maxCoeff());
  EXPECT_LT(fd.residual_error, 1e-6);
  EXPECT_LT(fd.tangent_error, 1e-6);
  expect_device_equilibrium(mesh, spec, fd);
}

TEST(PenaltyFriction, SlipJacobianMatchesFiniteDifferencesAndTheTangentDropsOnlyThePressureCoupling) {
  const Mesh mesh = block();
  const ContactSpec spec = oblique_sphere(0.3, 1e9);
  PenaltyContact contact(mesh, spec, mesh.n_nodes() * mesh.dim());
  const Eigen::VectorXd u1 = pressed_state(mesh, 5);
  // From the reference anchors every point has slid 0.45 mm: all slip. After a commit there, a
  // further small random motion leaves some points inside the cone and pushes others out.
  std::srand(11);
  const Eigen::VectorXd du = 2e-5 * Eigen::VectorXd::Random(u1.size());
  for (int stage = 0; stage < 2; ++stage) {
    const Eigen::VectorXd u = stage == 0 ? u1 : Eigen::VectorXd(u1 + du);
    const test::ContactFd fd = test::contact_fd(contact, u, 1.0);
    std::vector<std::tuple<int, int, double>> entries;
    contact.exact_jacobian(u, 1.0, entries);
    const Eigen::MatrixXd J = dense(entries, static_cast<int>(u.size()));
    const double error = exact_jacobian_error(contact, u);
    entries.clear();
    contact.exact_jacobian(u, 1.0, entries, false);
    const Eigen::MatrixXd J_fixed_p = dense(entries, static_cast<int>(u.size()));
    const double scale = J.cwiseAbs().maxCoeff();
    const double asym = (J - J.transpose()).cwiseAbs().maxCoeff() / scale;
    const double coupling = (J - J_fixed_p).cwiseAbs().maxCoeff() / scale;
    const double K_error = (fd.K - J_fixed_p).cwiseAbs().maxCoeff() / scale;
    const double K_asym = (fd.K - fd.K.transpose()).cwiseAbs().maxCoeff() / scale;
    std::printf("stage %d: stick %.3g mm^2, slip %.3g mm^2, exact Jacobian FD error %.2e, asymmetry %.2e, "
                "pressure coupling %.2e, |K - J at fixed p| %.2e, K asymmetry %.2e\n", stage,
                fd.state.stick_area_m2 * 1e6, fd.state.slip_area_m2 * 1e6, error, asym, coupling, K_error, K_asym);
    ASSERT_GT(fd.state.slip_area_m2, 0.0);
    if (stage == 0) {
      ASSERT_EQ(fd.state.stick_area_m2, 0.0);
    }
    if (stage == 1) {
      ASSERT_GT(fd.state.stick_area_m2, 0.0);
    }
    EXPECT_LT(error, 1e-6);
    EXPECT_GT(asym, 1e-3) << "slip must make the exact Jacobian non-symmetric";
    EXPECT_GT(coupling, 1e-3);
    EXPECT_LT(K_error, 1e-14);
    EXPECT_LT(K_asym, 1e-14);
    expect_device_equilibrium(mesh, spec, fd);
    contact.commit(u1, 1.0);
  }
}

TEST(PenaltyFriction, AxisymmetricJacobianMatchesFiniteDifferences) {
  const Mesh mesh = make_layered_cylinder({0.01, 3, 1.0, {{"tissue", 0.005, 1, 1.0}}});
  ContactSpec spec = oblique_sphere(0.3, 1e9);
  spec.origin = Vec3(0.0, 0.005 + 0.01, 0.0);
  spec.direction = -Vec3::UnitY();
  spec.quadrature = 4;
  PenaltyContact contact(mesh, spec, mesh.n_nodes() * mesh.dim());
  Eigen::VectorXd u = pressed_state(mesh, 5);
  contact.commit(u, 1.0);
  std::srand(17);
  u += 2e-5 * Eigen::VectorXd::Random(u.size());
  const test::ContactFd fd = test::contact_fd(contact, u, 1.0);
  const double error = exact_jacobian_error(contact, u);
  std::printf("axisymmetric: stick %.3g mm^2, slip %.3g mm^2, exact Jacobian FD error %.2e\n",
              fd.state.stick_area_m2 * 1e6, fd.state.slip_area_m2 * 1e6, error);
  ASSERT_GT(fd.state.slip_area_m2, 0.0);
  ASSERT_GT(fd.state.stick_area_m2, 0.0);
  EXPECT_LT(error, 1e-6);
}

TEST(PenaltyFriction, TheStickPredictorSticksEveryPointWithAnExactTangent) {
  const Mesh mesh = block();
  PenaltyContact contact(mesh, oblique_sphere(0.3, 1e9), mesh.n_nodes() * mesh.dim());
  const Eigen::VectorXd u = pressed_state(mesh, 5);  // every point slides, as above
  contact.set_stick_predictor(true);
  const test::ContactFd fd = test::contact_fd(contact, u, 1.0);
  contact.set_stick_predictor(false);
  ASSERT_GT(fd.state.stick_area_m2, 0.0);
  EXPECT_EQ(fd.state.slip_area_m2, 0.0);
  EXPECT_LT(fd.residual_error, 1e-6);
  EXPECT_LT(fd.tangent_error, 1e-6);
}

/// The rigid half-space body z > 0 (body frame): a flat, whose normal does not turn.
struct Plane : RigidSurface {
  std::string name() const override { return "plane"; }
  SurfaceDistance distance(const Vec3& x) const override { return {-x.z(), -Vec3::UnitZ(), Mat3::Zero()}; }
  Vec3 tip(const Vec3&) const override { return Vec3::Zero(); }
};

TEST(PenaltyFriction, CommitLeavesTheSlidingPointsOnTheCone) {
  const Mesh mesh = block();
  ContactSpec spec = oblique_sphere(0.3, 1e9);
  spec.surface = std::make_shared<Plane>();
  spec.origin = Vec3(0.0, 0.0, 0.005);
  PenaltyContact contact(mesh, spec, mesh.n_nodes() * mesh.dim());
  const Eigen::VectorXd u = pressed_state(mesh, 5);
  Eigen::VectorXd R0 = Eigen::VectorXd::Zero(u.size()), R1 = R0;
  ContactState before, after;
  contact.add(u, 1.0, false, R0, nullptr, before);
  contact.commit(u, 1.0);
  contact.add(u, 1.0, false, R1, nullptr, after);
  // The anchors move so that K_t |s| = mu p_N: the same traction, now on the cone's edge, and
  // still reported as sliding.
  ASSERT_GT(before.slip_area_m2, 0.0);
  EXPECT_LT((R1 - R0).cwiseAbs().maxCoeff(), 1e-9 * R0.cwiseAbs().maxCoeff());
  EXPECT_EQ(after.slip_area_m2, before.slip_area_m2);
  EXPECT_EQ(after.stick_area_m2, before.stick_area_m2);
}

TEST(PenaltyFriction, ARigidTranslationOfTissueAndDeviceChangesNothing) {
  const Vec3 shift(0.13, -0.07, 0.21);  // m
  const Mesh mesh = block(), moved = block(shift);
  PenaltyContact a(mesh, oblique_sphere(0.3, 1e9), mesh.n_nodes() * 3);
  PenaltyContact b(moved, oblique_sphere(0.3, 1e9, shift), moved.n_nodes() * 3);
  Eigen::VectorXd u = pressed_state(mesh, 7);
  a.commit(u, 1.0);
  b.commit(u, 1.0);
  std::srand(13);
  u += 2e-5 * Eigen::VectorXd::Random(u.size());
  Eigen::VectorXd Ra = Eigen::VectorXd::Zero(u.size()), Rb = Ra;
  ContactState sa, sb;
  a.add(u, 1.0, false, Ra, nullptr, sa);
  b.add(u, 1.0, false, Rb, nullptr, sb);
  ASSERT_GT(sa.slip_area_m2, 0.0);
  ASSERT_GT(sa.stick_area_m2, 0.0);
  // Coordinates of ~0.2 m carry rounding of ~1e-17 m into gaps of ~1e-4 m.
  EXPECT_LT((Ra - Rb).cwiseAbs().maxCoeff(), 1e-9 * Ra.cwiseAbs().maxCoeff());
  EXPECT_NEAR(sa.slip_area_m2, sb.slip_area_m2, 1e-12 * sa.area_m2);
}

TEST(PenaltyFriction, ZeroCoefficientIsTheFrictionlessContactBitForBit) {
  const Mesh mesh = block();
  ContactSpec frictionless = oblique_sphere(0.0, 0.0), with_slide = frictionless;
  with_slide.slide = TimeTable::constant(0.0);
  const PenaltyContact a(mesh, frictionless, mesh.n_nodes() * 3);
  PenaltyContact b(mesh, with_slide, mesh.n_nodes() * 3);
  const Eigen::VectorXd u = pressed_state(mesh, 3);
  b.commit(u, 1.0);  // nothing to commit without friction
  const test::ContactFd fa = test::contact_fd(a, u, 1.0), fb = test::contact_fd(b, u, 1.0);
  EXPECT_EQ(fa.state.friction_force_N.norm(), 0.0);
  EXPECT_EQ(fa.state.force_N, fa.state.normal_force_N);
  EXPECT_TRUE(fa.R == fb.R);
  EXPECT_TRUE(fa.K == fb.K);
}

}  // namespace
}  // namespace myo::sim
