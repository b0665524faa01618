// Benchmark (reported, not asserted): peer problem A, the neo-Hookean block in 30 % compression,
// at several resolutions. Prints DOFs, Newton iterations, factorizations and the time per phase,
// beside the peers' wall times from shared/reference/peers/README.md (2-core machine of the same
// kind, OMP_NUM_THREADS=2, OpenBLAS). Machines differ: run a peer in the same session to compare.
//
// Usage: bench_block [N ...] [--formulation q1p0|displacement] [--scenario PATH]
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "myo/models/register_builtin.hpp"
#include "myo/sim/simulation.hpp"

using namespace myo;

namespace {

// Peer wall times (s) for the 10 increments, from shared/reference/peers/README.md.
const std::map<std::string, std::map<int, double>> kPeerWall = {
    {"q1p0", {{8, 0.5}, {16, 4.8}, {24, 24.6}, {32, 97.3}}},           // FEniCSx Q1/P0, OpenBLAS
    {"displacement", {{8, 0.7}, {16, 6.0}, {24, 30.2}, {32, 127.7}}},  // CalculiX C3D8
};

double value(const sim::RunResult& r, const std::string& key) {
  for (const auto& [k, v] : r.summary)
    if (k == key) return v;
  return 0.0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  std::string formulation = "q1p0";
  std::string path = std::string(MYO_SOURCE_DIR) + "/scenarios/block_compression.yaml";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--formulation") && i + 1 < argc) formulation = argv[++i];
    else if (!std::strcmp(argv[i], "--scenario") && i + 1 < argc) path = argv[++i];
    else sizes.push_back(std::atoi(argv[i]));
  }
  if (sizes.empty()) sizes = {8, 16, 24};
  sim::Registry registry;
  models::register_builtin(registry);
  for (const auto& [k, v] : sim::build_info()) std::printf("# %s: %s\n", k.c_str(), v.c_str());
  std::printf("| N | dofs | Newton its | factorizations (shifted ok) | by reason: newton / predictor / bfgs / shift retry / ldlt | assembly s | factorization s | solve s | output s | total s | total / (its x one factorization) | peer wall s | peer / ours | reaction N |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (int N : sizes) {
    sim::Scenario s = sim::Scenario::from_file(path);
    s.set("formulation", formulation);
    s.set("mesh.cells_x", std::to_string(N));
    s.set("mesh.cells_y", std::to_string(N));
    s.set("mesh.layers[0].cells", std::to_string(N / 2));
    const sim::RunResult r = sim::run_scenario(s, registry, "/tmp/myo_bench_block");
    const auto& t = r.times;
    const double its = r.newton_iterations;
    const double factorizations = value(r, "factorizations");
    const double one_factorization = t.factorization_s / factorizations;
    const auto peer = kPeerWall.count(formulation) && kPeerWall.at(formulation).count(N)
                          ? kPeerWall.at(formulation).at(N) : 0.0;
    std::printf("| %d | %d | %d | %.0f (%.0f) | %.0f / %.0f / %.0f / %.0f / %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.2f | %.4f |\n", N,
                r.n_dofs, r.newton_iterations, factorizations, value(r, "shifted_factorizations"),
                value(r, "factorizations_newton"), value(r, "factorizations_predictor"), value(r, "factorizations_bfgs"),
                value(r, "factorizations_shift_retry"), value(r, "factorizations_ldlt_fallback"), t.assembly_s,
                t.factorization_s, t.solve_s, t.output_s, t.total_s, t.total_s / (its * one_factorization), peer,
                peer > 0 ? peer / t.total_s : 0.0, -value(r, "reaction_force_top_z_N"));
    std::fflush(stdout);
  }
  return 0;
}
