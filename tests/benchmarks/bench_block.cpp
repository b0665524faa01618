// Benchmark (reported, not asserted): peer problem A, the neo-Hookean block in 30 % compression,
// at several resolutions. Prints the solver columns of bench_report.hpp and the reaction, beside
// the peers' wall times from shared/reference/peers/README.md (2-core machine of the same kind,
// OMP_NUM_THREADS=2, OpenBLAS). Machines differ: `make bench` runs the peers in the same session.
//
// Usage: bench_block [N ...] [--formulation q1p0|displacement] [--scenario PATH] [--set KEY=VALUE ...]
#include <cstdio>
#include <map>
#include <string>

#include "bench_report.hpp"
#include "myo/models/register_builtin.hpp"

using namespace myo;

namespace {

// Peer wall times (s) for the 10 increments, from shared/reference/peers/README.md.
const std::map<std::string, std::map<int, double>> kPeerWall = {
    {"q1p0", {{8, 0.5}, {16, 4.8}, {24, 24.6}, {32, 97.3}}},           // FEniCSx Q1/P0, OpenBLAS
    {"displacement", {{8, 0.7}, {16, 6.0}, {24, 30.2}, {32, 127.7}}},  // CalculiX C3D8
};

}  // namespace

int main(int argc, char** argv) {
  bench::Args args = bench::parse_args(argc, argv, std::string(MYO_SOURCE_DIR) + "/scenarios/block_compression.yaml",
                                       {8, 16, 24});
  if (args.formulation.empty()) args.formulation = "q1p0";
  sim::Registry registry;
  models::register_builtin(registry);
  for (const auto& [k, v] : sim::build_info()) std::printf("# %s: %s\n", k.c_str(), v.c_str());
  std::printf("| N %s| peer wall s (README) | peer / ours | reaction N |\n", bench::solver_header());
  std::printf("|---%s|---|---|---|\n", bench::solver_rule());
  for (int N : args.sizes) {
    sim::Scenario s = sim::Scenario::from_file(args.scenario);
    s.set("formulation", args.formulation);
    s.set("mesh.cells_x", std::to_string(N));
    s.set("mesh.cells_y", std::to_string(N));
    s.set("mesh.layers[0].cells", std::to_string(N / 2));
    for (const auto& [k, v] : args.sets) s.set(k, v);
    const sim::RunResult r = sim::run_scenario(s, registry, "");
    if (!r.completed) std::printf("# N = %d did not complete: %s\n", N, r.message.c_str());
    const auto& peers = kPeerWall.count(args.formulation) ? kPeerWall.at(args.formulation) : std::map<int, double>{};
    const double peer = peers.count(N) ? peers.at(N) : 0.0;
    std::printf("| %d ", N);
    bench::print_solver_columns(r);
    std::printf("| %.1f | %.2f | %.6f |\n", peer, peer > 0 ? peer / r.times.total_s : 0.0,
                -bench::summary_value(r, "reaction_force_top_z_N"));
    std::fflush(stdout);
  }
  return 0;
}
