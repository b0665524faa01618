// Benchmark (reported, not asserted): a 60 s depth hold on an axisymmetric mesh, the
// Palevski et al. 2006 step indentation (scenarios/palevski_indentation.yaml: a viscoelastic
// neo-Hookean disc, a rigid sphere pushed 4 mm in 2 ms, then held), at several mesh
// resolutions. The depth is prescribed throughout (no force control). Prints the solver columns
// of bench_report.hpp, with the indenter force after the step and at the end of the hold.
//
// Usage: bench_hold [N ...] [--scenario PATH] [--set KEY=VALUE ...]
//   N scales the mesh: cells_r = N, layer cells = 4 N / 5 (the scenario has N = 20).
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "bench_report.hpp"
#include "myo/models/register_builtin.hpp"

using namespace myo;

int main(int argc, char** argv) {
  const bench::Args args = bench::parse_args(
      argc, argv, std::string(MYO_SOURCE_DIR) + "/scenarios/palevski_indentation.yaml", {10, 20, 40});
  sim::Registry registry;
  models::register_builtin(registry);
  for (const auto& [k, v] : sim::build_info()) std::printf("# %s: %s\n", k.c_str(), v.c_str());
  std::printf("# scenario: %s\n", args.scenario.c_str());
  std::printf("| N %s| F(2 ms) N | F(20 s) N | F(60 s) N |\n", bench::solver_header());
  std::printf("|---%s|---|---|---|\n", bench::solver_rule());
  for (int N : args.sizes) {
    sim::Scenario s = sim::Scenario::from_file(args.scenario);
    s.set("mesh.cells_r", std::to_string(N));
    s.set("mesh.layers[0].cells", std::to_string(std::max(1, 4 * N / 5)));
    for (const auto& [k, v] : args.sets) s.set(k, v);
    const sim::RunResult r = sim::run_scenario(s, registry, "");
    if (!r.completed) std::printf("# N = %d did not complete: %s\n", N, r.message.c_str());
    std::printf("| %d ", N);
    bench::print_solver_columns(r);
    const auto F = [&](double t_s) { return bench::at_first(r, "time_s", t_s, "indenter_force_N"); };
    std::printf("| %.6f | %.6f | %.6f |\n", F(2e-3), F(20.0), F(60.0));
    std::fflush(stdout);
  }
  return 0;
}
