// Two-body penalty contact: the residual is the gradient of the contact energy and the tangent
// its Hessian, master-side terms and the moving closest point included (central finite
// differences, h = 1 nm, on a ball pressed into a block: axisymmetric edges and 3D bilinear faces,
// one and two passes); the contact forces of the two bodies balance; the candidate node pairs
// cover every tangent entry.
#include <gtest/gtest.h>

#include <set>

#include "../error_of.hpp"
#include "myo/sim/ball_mesh.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/layered_cylinder.hpp"
#include "myo/sim/mesh_merge.hpp"
#include "myo/sim/surface_pair_contact.hpp"

namespace myo::sim {
namespace {

/// A ball of radius 4 mm sunk 0.4 mm into the top of a 5 mm block (axisymmetric: a disc).
Mesh ball_on_block(bool axi) {
  Mesh mesh = axi ? make_layered_cylinder({0.006, 4, 1.0, {{"tissue", 0.005, 2, 1.0}}})
                  : make_layered_box({0.012, 0.012, 4, 4, {{"tissue", 0.005, 2, 1.0}}});
  BallMeshSpec spec;
  spec.radius_m = 0.004;
  spec.cells_per_octant = 2;
  spec.shell_cells = 1;
  spec.centre = axi ? Vec3(0, 0.005 + 0.004 - 0.0004, 0) : Vec3(0.0061, 0.0058, 0.005 + 0.004 - 0.0004);
  append_mesh(mesh, make_ball_mesh(spec, axi));
  return mesh;
}

PairContactSpec pair_spec(bool axi, bool two_pass) {
  PairContactSpec spec;
  spec.name = "ball";
  spec.slave = "top";
  spec.master = "ball_surface";
  spec.penalty_Pa_per_m = 1e8;
  spec.quadrature = 3;
  spec.two_pass = two_pass;
  spec.search_distance_m = 0.002;
  spec.direction = axi ? -Vec3::UnitY() : -Vec3::UnitZ();  // (r, z) in axisymmetric meshes
  return spec;
}

void check_pair(bool axi, bool two_pass, unsigned seed) {
  const Mesh mesh = ball_on_block(axi);
  const SurfacePairContact contact(mesh, pair_spec(axi, two_pass));
  const int n = mesh.n_nodes() * mesh.dim(), dim = mesh.dim();
  std::srand(seed);
  const Eigen::VectorXd u = 1e-4 * Eigen::VectorXd::Random(n);  // m
  Eigen::VectorXd R = Eigen::VectorXd::Zero(n);
  std::vector<std::tuple<int, int, double>> entries;
  ContactState state;
  contact.add(u, true, R, &entries, state);
  ASSERT_GT(state.area_m2, 0.0) << "the test state must be in contact";
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(n, n);
  for (const auto& [i, j, v] : entries) K(i, j) += v;
  const double K_max = K.cwiseAbs().maxCoeff(), R_max = R.cwiseAbs().maxCoeff();
  EXPECT_LT((K - K.transpose()).cwiseAbs().maxCoeff(), 1e-9 * K_max);
  const double h = 1e-9;
  double worst_R = 0.0, worst_K = 0.0;
  for (int j = 0; j < n; ++j) {
    if (R(j) == 0.0 && K.col(j).cwiseAbs().maxCoeff() == 0.0) continue;  // not in contact
    Eigen::VectorXd up = u, um = u, Rp = Eigen::VectorXd::Zero(n), Rm = Eigen::VectorXd::Zero(n);
    up(j) += h;
    um(j) -= h;
    ContactState s;
    const double Ep = contact.add(up, false, Rp, nullptr, s);
    const double Em = contact.add(um, false, Rm, nullptr, s);
    worst_R = std::max(worst_R, std::abs((Ep - Em) / (2 * h) - R(j)) / R_max);
    worst_K = std::max(worst_K, ((Rp - Rm) / (2 * h) - K.col(j)).cwiseAbs().maxCoeff() / K_max);
  }
  std::printf("%s, %s: contact area %.3f mm^2, force %.4f N, |dE/du - R|/|R| = %.2e, |dR/du - K|/|K| = %.2e\n",
              axi ? "axisymmetric" : "3D", two_pass ? "two passes" : "one pass", state.area_m2 * 1e6, state.force_N,
              worst_R, worst_K);
  EXPECT_LT(worst_R, 1e-6);
  EXPECT_LT(worst_K, 1e-5);
  // Action and reaction: the contact forces on all nodes sum to zero along the axis; the force on
  // the ball is the reported one.
  Vec3 total = Vec3::Zero(), on_ball = Vec3::Zero();
  const auto& ball_nodes = mesh.node_sets.at("ball_all");
  const std::set<int> in_ball(ball_nodes.begin(), ball_nodes.end());
  for (int a = 0; a < mesh.n_nodes(); ++a) {
    total.head(dim) += R.segment(dim * a, dim);
    if (in_ball.count(a)) on_ball.head(dim) -= R.segment(dim * a, dim);
  }
  EXPECT_NEAR(total(dim - 1), 0.0, 1e-12 * R_max);
  EXPECT_GT(state.force_N, 0.0);
  EXPECT_NEAR(state.force_N, on_ball(dim - 1), 1e-12 * state.force_N);
  // Every entry is inside the pattern the candidates declare (or a cell holds both nodes).
  const auto pairs = contact.coupled_nodes();
  const std::set<std::pair<int, int>> declared(pairs.begin(), pairs.end());
  std::set<std::pair<int, int>> in_cells;
  for (int c = 0; c < mesh.n_cells(); ++c)
    for (int a = 0; a < mesh.nodes_per_cell(); ++a)
      for (int b = 0; b < mesh.nodes_per_cell(); ++b) in_cells.insert({mesh.cells(c, a), mesh.cells(c, b)});
  for (const auto& [i, j, v] : entries) {
    const int a = std::min(i / dim, j / dim), b = std::max(i / dim, j / dim);
    if (a != b && !in_cells.count({a, b})) {
      EXPECT_TRUE(declared.count({a, b})) << a << " " << b;
    }
  }
}

TEST(SurfacePairContact, AxisymmetricOnePassMatchesFiniteDifferences) { check_pair(true, false, 1); }
TEST(SurfacePairContact, AxisymmetricTwoPassMatchesFiniteDifferences) { check_pair(true, true, 2); }
TEST(SurfacePairContact, Hex8OnePassMatchesFiniteDifferences) { check_pair(false, false, 3); }
TEST(SurfacePairContact, Hex8TwoPassMatchesFiniteDifferences) { check_pair(false, true, 4); }

TEST(SurfacePairContact, SeparatedBodiesGiveNothingAndBadSpecsNameTheKey) {
  const Mesh mesh = ball_on_block(true);
  const SurfacePairContact contact(mesh, pair_spec(true, true));
  Eigen::VectorXd u = Eigen::VectorXd::Zero(mesh.n_nodes() * 2), R = u;
  for (int n : mesh.node_sets.at("ball_all")) u(2 * n + 1) = 1e-3;  // lift the ball clear
  ContactState s;
  EXPECT_EQ(contact.add(u, false, R, nullptr, s), 0.0);
  EXPECT_EQ(R.cwiseAbs().maxCoeff(), 0.0);
  EXPECT_EQ(s.area_m2, 0.0);
  PairContactSpec bad = pair_spec(true, true);
  bad.master = "nope";
  EXPECT_NE(test::error_of([&] { SurfacePairContact(mesh, bad); }).find("contact.ball.device: face set \"nope\""),
            std::string::npos);
  bad = pair_spec(true, true);
  bad.penalty_Pa_per_m = 0;
  EXPECT_NE(test::error_of([&] { SurfacePairContact(mesh, bad); }).find("contact.ball.penalty"), std::string::npos);
}

}  // namespace
}  // namespace myo::sim
