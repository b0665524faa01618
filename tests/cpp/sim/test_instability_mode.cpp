// Where an indefinite tangent gives way, by Lanczos on K^-1: on a tangent whose spectrum is known
// (a diagonal with one negative entry on one node's z dof, 1e4 N/m elsewhere) it finds that
// eigenvalue and that node, wherever the node is; it prefers the negative eigenvalue to a smaller
// positive one, and without a negative one gives the smallest positive.
#include "myo/sim/instability_mode.hpp"

#include <gtest/gtest.h>

#include "myo/models/neo_hookean.hpp"
#include "myo/sim/layered_box.hpp"

namespace myo::sim {
namespace {

constexpr double L = 0.01;  // m, box edge

/// K = diag(d) (n_equations): its solve is x = b ./ d.
class DiagonalSolver : public LinearSolver {
 public:
  explicit DiagonalSolver(Eigen::VectorXd d) : d_(std::move(d)) {}
  std::string name() const override { return "diagonal"; }
  void analyze(const SymmetricCsc&) override {}
  bool factorize(const SymmetricCsc&) override { return true; }
  bool solve(const Eigen::VectorXd& b, Eigen::VectorXd& x) override {
    x = b.cwiseQuotient(d_);
    return true;
  }

 private:
  Eigen::VectorXd d_;
};

Model make_model(const Mesh& mesh) {
  auto m = std::make_shared<models::NeoHookean>(1e4);
  m->set_volumetric({VolumetricForm::quadratic, 5e4});
  ModelLoads loads;
  for (int c = 0; c < 3; ++c) loads.dirichlet.push_back({"bottom", c, TimeTable::constant(0), {}, "boundary[0]"});
  return Model(mesh, {{"tissue", m}}, Formulation::q1p0, loads);
}

TEST(InstabilityMode, FindsTheNegativeEigenvalueAndItsNode) {
  const Mesh mesh = make_layered_box({L, L, 3, 3, {{"tissue", L, 3, 1.0}}});
  const Model model = make_model(mesh);
  Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs());
  u(2 * 3 + 0) = 1e-3;  // node 2 moved 1 mm in x: the reported position is the current one
  for (int node : {mesh.n_nodes() - 1, 2 + 16 * 2, 21}) {
    SCOPED_TRACE(node);
    const int eq = model.equations()[3 * node + 2];
    ASSERT_GE(eq, 0) << "a node off the fixed bottom";
    Eigen::VectorXd d = Eigen::VectorXd::Constant(model.n_equations(), 1e4);
    d(eq) = -3.0;
    DiagonalSolver solver(d);
    const InstabilityMode mode = nearest_zero_mode(model, solver, u);
    ASSERT_TRUE(mode.found);
    EXPECT_NEAR(mode.eigenvalue_N_per_m, -3.0, 1e-9);
    EXPECT_EQ(mode.node, node);
    EXPECT_NEAR(mode.x_m(0), mesh.X(node, 0) + u(3 * node), 1e-15);
    EXPECT_NEAR(mode.share_within_5mm, 1.0, 1e-9);
    EXPECT_EQ(mode.regions, "tissue");
    EXPECT_EQ(mode.travel_share, 0.0);
    EXPECT_NE(describe(mode).find("node " + std::to_string(node)), std::string::npos) << describe(mode);
  }
}

TEST(InstabilityMode, TheNegativeModeBeforeASofterPositiveOne) {
  const Mesh mesh = make_layered_box({L, L, 3, 3, {{"tissue", L, 3, 1.0}}});
  const Model model = make_model(mesh);
  const Eigen::VectorXd u = Eigen::VectorXd::Zero(model.n_dofs());
  const int soft = model.equations()[3 * 40 + 0], unstable = model.equations()[3 * 25 + 1];
  Eigen::VectorXd d = Eigen::VectorXd::Constant(model.n_equations(), 1e4);
  d(soft) = 0.5;
  d(unstable) = -30.0;
  DiagonalSolver indefinite(d);
  const InstabilityMode mode = nearest_zero_mode(model, indefinite, u);
  ASSERT_TRUE(mode.found);
  EXPECT_NEAR(mode.eigenvalue_N_per_m, -30.0, 1e-8);
  EXPECT_EQ(mode.node, 25);
  d(unstable) = 7.0;  // positive definite: the softest mode
  DiagonalSolver definite(d);
  const InstabilityMode softest = nearest_zero_mode(model, definite, u);
  EXPECT_NEAR(softest.eigenvalue_N_per_m, 0.5, 1e-10);
  EXPECT_EQ(softest.node, 40);
}

TEST(InstabilityMode, AFailedSolveFindsNothing) {
  const Mesh mesh = make_layered_box({L, L, 2, 2, {{"tissue", L, 2, 1.0}}});
  const Model model = make_model(mesh);
  DiagonalSolver singular(Eigen::VectorXd::Zero(model.n_equations()));
  const InstabilityMode mode = nearest_zero_mode(model, singular, Eigen::VectorXd::Zero(model.n_dofs()));
  EXPECT_FALSE(mode.found);
  EXPECT_EQ(describe(mode), "");
}

}  // namespace
}  // namespace myo::sim
