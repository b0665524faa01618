// Benchmark (reported, not asserted): peer problem B, a rigid sphere (R = 10 mm) pushed 4 mm into
// the neo-Hookean block in 16 increments (scenarios/sphere_indentation.yaml), at several
// resolutions. Prints the solver columns of bench_report.hpp and the force at 0.5, 1 and 4 mm,
// beside the FEniCSx Q1/P0 wall times of shared/reference/peers/README.md. --graded runs
// scenarios/graded_indentation.yaml instead (axisymmetric, N x N cells graded toward the contact,
// penalty: auto; issue 14), with the force at 0.25 and 0.5 mm.
//
// Usage: bench_indent [N ...] [--graded] [--scenario PATH] [--set KEY=VALUE ...]
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bench_report.hpp"
#include "myo/models/register_builtin.hpp"

using namespace myo;

namespace {

// FEniCSx Q1/P0 wall times (s), OpenBLAS, 2 cores (shared/reference/peers/README.md).
const std::map<int, double> kPeerWall = {{8, 0.8}, {16, 11.8}, {24, 68.4}, {32, 271.5}};

}  // namespace

int main(int argc, char** argv) {
  // --graded anywhere on the line; the rest goes to parse_args.
  std::vector<char*> rest;
  bool graded = false;
  for (int i = 0; i < argc; ++i) {
    if (i > 0 && std::string(argv[i]) == "--graded")
      graded = true;
    else
      rest.push_back(argv[i]);
  }
  const bench::Args args = bench::parse_args(
      static_cast<int>(rest.size()), rest.data(),
      std::string(MYO_SOURCE_DIR) + (graded ? "/scenarios/graded_indentation.yaml" : "/scenarios/sphere_indentation.yaml"),
      graded ? std::vector<int>{30, 60} : std::vector<int>{8, 16});
  sim::Registry registry;
  models::register_builtin(registry);
  for (const auto& [k, v] : sim::build_info()) std::printf("# %s: %s\n", k.c_str(), v.c_str());
  std::printf("| N %s| peer wall s (README) | peer / ours | F(0.5 mm) N | F(1 mm) N | F(4 mm) N |\n",
              bench::solver_header());
  std::printf("|---%s|---|---|---|---|---|\n", bench::solver_rule());
  for (int N : args.sizes) {
    sim::Scenario s = sim::Scenario::from_file(args.scenario);
    if (graded) {
      s.set("mesh.cells_r", std::to_string(N));
      s.set("mesh.layers[0].cells", std::to_string(N));
    } else {
      s.set("mesh.cells_x", std::to_string(N));
      s.set("mesh.cells_y", std::to_string(N));
      s.set("mesh.layers[0].cells", std::to_string(N / 2));
    }
    for (const auto& [k, v] : args.sets) s.set(k, v);
    const sim::RunResult r = sim::run_scenario(s, registry, "");
    if (!r.completed) std::printf("# N = %d did not complete: %s\n", N, r.message.c_str());
    const double peer = !graded && kPeerWall.count(N) ? kPeerWall.at(N) : 0.0;
    std::printf("| %d ", N);
    bench::print_solver_columns(r);
    const auto F = [&](double d_mm) { return bench::at_first(r, "indenter_depth_mm", d_mm, "indenter_force_N"); };
    if (graded)
      std::printf("| - | - | F(0.25 mm) %.6f | F(0.5 mm) %.6f | - |\n", F(0.25), F(0.5));
    else
      std::printf("| %.1f | %.2f | %.6f | %.6f | %.6f |\n", peer, peer > 0 ? peer / r.times.total_s : 0.0, F(0.5),
                  F(1.0), F(4.0));
    std::fflush(stdout);
  }
  return 0;
}
