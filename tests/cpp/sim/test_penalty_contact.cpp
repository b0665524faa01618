// Penalty contact: the residual is the gradient of the contact energy and the tangent its
// Hessian (finite differences, 3D faces and axisymmetric edges); the force on the device equals
// the sum of the nodal contact forces.
#include <gtest/gtest.h>

#include "contact_fd.hpp"
#include "myo/models/rigid_flat_punch.hpp"
#include "myo/models/rigid_sphere.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/layered_cylinder.hpp"
#include "myo/sim/penalty_contact.hpp"

namespace myo::sim {
namespace {

/// face_K: penalties per face (Pa/m) in place of the spec's one, as `penalty: auto` sets them.
void check_contact(const Mesh& mesh, const ContactSpec& spec, unsigned seed, const std::vector<double>& face_K = {}) {
  PenaltyContact contact(mesh, spec);
  if (!face_K.empty()) contact.set_face_penalties(face_K);
  std::srand(seed);
  const Eigen::VectorXd u = 2e-4 * Eigen::VectorXd::Random(mesh.n_nodes() * mesh.dim());  // m
  const test::ContactFd fd = test::contact_fd(contact, u, 1.0);
  ASSERT_GT(fd.state.area_m2, 0.0) << "the test state must be in contact";
  EXPECT_LT((fd.K - fd.K.transpose()).cwiseAbs().maxCoeff(), 1e-9 * fd.K.cwiseAbs().maxCoeff());
  EXPECT_LT(fd.residual_error, 1e-5);
  EXPECT_LT(fd.tangent_error, 1e-5);
  // The device feels minus the sum of the nodal contact forces along its direction of travel.
  Vec3 sum = Vec3::Zero();
  for (int a = 0; a < mesh.n_nodes(); ++a) sum.head(mesh.dim()) += fd.R.segment(mesh.dim() * a, mesh.dim());
  EXPECT_NEAR(fd.state.force_N, -spec.direction.dot(sum), 1e-12 * std::abs(fd.state.force_N));
  // The pressure map: the quadrature-point pressures projected onto the nodes, so within their range.
  const Eigen::VectorXd p = contact.nodal_pressure(u, 1.0);
  EXPECT_GT(p.maxCoeff(), 0.0);
  EXPECT_LE(p.maxCoeff(), fd.state.peak_pressure_Pa * (1 + 1e-12));
  EXPECT_GE(p.minCoeff(), 0.0);
}

/// A 20 mm sphere 1.5 mm into the top of a 2 x 2 x 1 cell box, off the cells' symmetry lines.
ContactSpec sphere_on_box(double penalty_Pa_per_m) {
  ContactSpec spec;
  spec.name = "ball";
  spec.face_set = "top";
  spec.surface = std::make_shared<models::RigidSphere>(0.02);
  spec.origin = Vec3(0.004, 0.006, 0.005 + 0.01);
  spec.depth = TimeTable::ramp(0, 1, 1.5e-3);
  spec.penalty_Pa_per_m = penalty_Pa_per_m;
  spec.quadrature = 3;
  return spec;
}

TEST(PenaltyContact, Hex8FaceResidualAndTangentMatchFiniteDifferences) {
  const Mesh mesh = make_layered_box({0.01, 0.01, 2, 2, {{"tissue", 0.005, 1, 1.0}}});
  check_contact(mesh, sphere_on_box(1e8), 3);
}

TEST(PenaltyContact, FaceByFacePenaltiesKeepTheResidualAndTangentExact) {
  const Mesh mesh = make_layered_box({0.01, 0.01, 2, 2, {{"tissue", 0.005, 1, 1.0}}});
  // auto (0): the faces' values come from set_face_penalties, as the Model sets them.
  check_contact(mesh, sphere_on_box(0.0), 3, {1e8, 3e8, 0.5e8, 2e8});
}

// The C1 onset (smoothing 0.3 mm, of the order of the random displacement, so points fall below,
// inside and above the band): residual and tangent stay the exact derivatives of the energy.
TEST(PenaltyContact, SmoothedOnsetKeepsTheResidualAndTangentExact) {
  const Mesh mesh = make_layered_box({0.01, 0.01, 2, 2, {{"tissue", 0.005, 1, 1.0}}});
  ContactSpec spec = sphere_on_box(1e8);
  spec.smoothing_m = 3e-4;
  check_contact(mesh, spec, 3);
}

// The law itself, from a flat punch wider than the box at travel w (every point at gap g = -w):
// the plain penalty K w from w = eps on, zero from w = -eps down, p and p' continuous at both.
TEST(PenaltyContact, SmoothedOnsetIsContinuousWithTheSlopeOfThePenalty) {
  const Mesh mesh = make_layered_box({0.01, 0.01, 1, 1, {{"tissue", 0.005, 1, 1.0}}});
  const double K = 1e8, eps = 2e-4;  // Pa/m, m
  const auto pressure_at = [&](double w) {
    ContactSpec spec;
    spec.face_set = "top";
    spec.surface = std::make_shared<models::RigidFlatPunch>(1.0, 0.01, 0.03);
    spec.origin = Vec3(0.005, 0.005, 0.005);
    spec.depth = TimeTable::constant(w);
    spec.penalty_Pa_per_m = K;
    spec.smoothing_m = eps;
    const PenaltyContact contact(mesh, spec);
    return contact.nodal_pressure(Eigen::VectorXd::Zero(3 * mesh.n_nodes()), 1.0)(mesh.node_sets.at("top")[0]);
  };
  EXPECT_NEAR(pressure_at(-eps), 0.0, 1e-12 * K * eps);
  EXPECT_EQ(pressure_at(-2.0 * eps), 0.0);
  EXPECT_NEAR(pressure_at(0.0), K * eps / 4.0, 1e-9 * K * eps);
  EXPECT_NEAR(pressure_at(eps), K * eps, 1e-9 * K * eps);
  EXPECT_NEAR(pressure_at(3.0 * eps), 3.0 * K * eps, 1e-9 * K * eps);
  const double h = 1e-3 * eps;  // one-sided slopes at w = eps: K on both sides
  EXPECT_NEAR((pressure_at(eps) - pressure_at(eps - h)) / h, K, 2e-3 * K);
  EXPECT_NEAR((pressure_at(eps + h) - pressure_at(eps)) / h, K, 1e-9 * K);
  EXPECT_NEAR((pressure_at(-eps + h) - pressure_at(-eps)) / h, 0.0, 2e-3 * K);
}

TEST(PenaltyContact, AxisymmetricEdgeResidualAndTangentMatchFiniteDifferences) {
  const Mesh mesh = make_layered_cylinder({0.01, 3, 1.0, {{"tissue", 0.005, 1, 1.0}}});
  ContactSpec spec;
  spec.name = "ball";
  spec.face_set = "top";
  spec.surface = std::make_shared<models::RigidSphere>(0.02);
  spec.origin = Vec3(0.0, 0.005 + 0.01, 0.0);
  spec.direction = -Vec3::UnitY();
  spec.depth = TimeTable::ramp(0, 1, 1.5e-3);
  spec.penalty_Pa_per_m = 1e8;
  spec.quadrature = 4;
  check_contact(mesh, spec, 5);
}

// A wide flat punch pushed 0.1 mm into an undeformed top: the same penalty pressure at every
// quadrature point, so every node of the face set carries exactly that pressure in the map.
TEST(PenaltyContact, PressureMapOfAUniformContactIsUniform) {
  const Mesh mesh = make_layered_box({0.01, 0.01, 3, 2, {{"tissue", 0.005, 1, 1.0}}});
  ContactSpec spec;
  spec.face_set = "top";
  spec.surface = std::make_shared<models::RigidFlatPunch>(1.0, 0.01, 0.03);
  spec.origin = Vec3(0.005, 0.005, 0.005);
  spec.depth = TimeTable::ramp(0, 1, 1e-4);
  spec.penalty_Pa_per_m = 1e8;
  const PenaltyContact contact(mesh, spec);
  const Eigen::VectorXd p = contact.nodal_pressure(Eigen::VectorXd::Zero(3 * mesh.n_nodes()), 1.0);
  for (int n : mesh.node_sets.at("top")) EXPECT_NEAR(p(n), 1e8 * 1e-4, 1e-6) << n;
}

TEST(RigidSphere, DistanceNormalAndCurvature) {
  const models::RigidSphere s(0.02);
  const SurfaceDistance d = s.distance(Vec3(0.0, 0.0, -0.012));
  EXPECT_NEAR(d.g, 0.002, 1e-15);
  EXPECT_NEAR(d.n.z(), -1.0, 1e-15);
  EXPECT_NEAR(d.dn_dx(0, 0), 1.0 / 0.012, 1e-9);
  EXPECT_NEAR(d.dn_dx(2, 2), 0.0, 1e-12);
  EXPECT_NEAR(s.tip(-Vec3::UnitZ()).z(), -0.01, 1e-15);
  EXPECT_THROW(models::RigidSphere(0.0), std::invalid_argument);
}

}  // namespace
}  // namespace myo::sim
