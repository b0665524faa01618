// Peer cross-check, problem A (shared/reference/peers/README.md, results.jsonl): neo-Hookean block
// 40 x 40 x 20 mm, 30 % compression. Reference reactions (N) are FEniCSx 0.5.2 results copied
// from results.jsonl (CalculiX C3D8 agrees with FEniCSx Q1 to 1e-7):
//   plain displacement hex8 = Q1/C3D8:   164.33503 (N = 8), 67.815149 (N = 16)
//   locking-free Q1/P0 (FEniCSx q1p0):   26.291392, 25.547799, 25.239467, 25.051889 (N = 8..32)
#include <gtest/gtest.h>
#include <omp.h>

#include "../builtin_registry.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;

RunResult run_block(int N, const std::string& formulation, const std::string& method = "newton") {
  Scenario s = Scenario::from_file(std::string(MYO_SOURCE_DIR) + "/scenarios/block_compression.yaml");
  s.set("formulation", formulation);
  s.set("solver.method", method);
  s.set("mesh.cells_x", std::to_string(N));
  s.set("mesh.cells_y", std::to_string(N));
  s.set("mesh.layers[0].cells", std::to_string(N / 2));
  return run_scenario(s, builtin_registry(), "");
}

double top_reaction_N(const RunResult& r) {
  for (const auto& [k, v] : r.summary)
    if (k == "reaction_force_top_z_N") return -v;
  return NAN;
}

TEST(PeerBlock, PlainHex8ReproducesCalculixAndFenicsQ1) {
  const std::pair<int, double> ref[] = {{8, 164.33503421530682}, {16, 67.81514851594137}};
  for (auto [N, F] : ref) {
    const RunResult r = run_block(N, "displacement");
    ASSERT_TRUE(r.completed) << r.message;
    EXPECT_NEAR(top_reaction_N(r) / F, 1.0, 1e-4) << "N = " << N << ": " << top_reaction_N(r) << " N";
  }
}

TEST(PeerBlock, Q1P0ConvergesWithFenicsQ1P0Sequence) {
  const std::pair<int, double> ref[] = {{8, 26.29139235072399}, {16, 25.547798868603323},
                                        {32, 25.05188939334346}};
  double previous = INFINITY;
  for (auto [N, F] : ref) {
    const RunResult r = run_block(N, "q1p0");
    ASSERT_TRUE(r.completed) << r.message;
    const double f = top_reaction_N(r);
    std::printf("Q1/P0 N = %2d: %.6f N (FEniCSx %.6f N, rel. diff %.2e)\n", N, f, F, f / F - 1);
    EXPECT_LT(f, previous) << "the locking-free force must fall under refinement";
    // The issue asks for 1 %; the discrete problem is FEniCSx's own (Q1/P0 with the quadratic U),
    // so the forces agree to the Newton tolerance.
    EXPECT_NEAR(f / F, 1.0, 1e-6) << "N = " << N;
    previous = f;
  }
}

TEST(PeerBlock, BfgsReachesTheSameEquilibriumAsNewton) {
  const std::pair<std::string, double> ref[] = {{"displacement", 164.33503421530682},
                                                {"q1p0", 26.29139235072399}};
  for (const auto& [formulation, F] : ref) {
    const RunResult r = run_block(8, formulation, "bfgs");
    ASSERT_TRUE(r.completed) << r.message;
    EXPECT_NEAR(top_reaction_N(r) / F, 1.0, 1e-6) << formulation;
    double reformations = 0.0;
    for (const auto& [k, v] : r.summary)
      if (k == "bfgs_reformations") reformations = v;
    EXPECT_LT(reformations, r.newton_iterations) << "BFGS must reuse some factorizations";
  }
}

TEST(PeerBlock, OneAndTwoThreadsGiveBitIdenticalResults) {
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const RunResult one = run_block(16, "q1p0");
  omp_set_num_threads(2);
  const RunResult two = run_block(16, "q1p0");
  omp_set_num_threads(threads);
  ASSERT_TRUE(one.completed && two.completed);
  EXPECT_EQ((one.displacement - two.displacement).cwiseAbs().maxCoeff(), 0.0);
  EXPECT_EQ(top_reaction_N(one), top_reaction_N(two));
}

}  // namespace
}  // namespace myo::sim
