// Benchmark (reported, not asserted): a 60 s depth hold on an axisymmetric mesh, the
// Palevski et al. 2006 step indentation (scenarios/palevski_indentation.yaml: a viscoelastic
// neo-Hookean disc, a rigid sphere pushed 4 mm in 2 ms, then held), at several mesh
// resolutions. The depth is prescribed throughout (no force control). Prints DOFs, steps, Newton
// iterations, factorizations and the time per phase, with the indenter force after the step and
// at the end of the hold.
//
// Usage: bench_hold [N ...] [--scenario PATH] [--set KEY=VALUE ...]
//   N scales the mesh: cells_r = N, layer cells = 4 N / 5 (the scenario has N = 20).
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "myo/models/register_builtin.hpp"
#include "myo/sim/simulation.hpp"

using namespace myo;

namespace {

double summary_value(const sim::RunResult& r, const std::string& key) {
  for (const auto& [k, v] : r.summary)
    if (k == key) return v;
  return 0.0;
}

const std::vector<double>& column(const sim::RunResult& r, const std::string& name) {
  static const std::vector<double> none;
  for (size_t k = 0; k < r.history_names.size(); ++k)
    if (r.history_names[k] == name) return r.history_columns[k];
  return none;
}

// Force (N) at the first accepted time >= t_s (s), 0 if none.
double force_at(const sim::RunResult& r, double t_s) {
  const auto& time = column(r, "time_s");
  const auto& force = column(r, "indenter_force_N");
  for (size_t i = 0; i < time.size() && i < force.size(); ++i)
    if (time[i] >= t_s - 1e-12) return force[i];
  return 0.0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  std::string path = std::string(MYO_SOURCE_DIR) + "/scenarios/palevski_indentation.yaml";
  std::vector<std::pair<std::string, std::string>> sets;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--scenario") && i + 1 < argc) {
      path = argv[++i];
    } else if (!std::strcmp(argv[i], "--set") && i + 1 < argc) {
      const std::string kv = argv[++i];
      const size_t eq = kv.find('=');
      if (eq != std::string::npos) sets.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    } else {
      sizes.push_back(std::atoi(argv[i]));
    }
  }
  if (sizes.empty()) sizes = {10, 20, 40};
  sim::Registry registry;
  models::register_builtin(registry);
  for (const auto& [k, v] : sim::build_info()) std::printf("# %s: %s\n", k.c_str(), v.c_str());
  std::printf("# scenario: %s\n", path.c_str());
  std::printf("| N | dofs | steps | Newton its | cutbacks | factorizations | by reason: newton / predictor / "
              "bfgs / shift retry / ldlt | assembly s | "
              "factorization s | solve s | output s | total s | F(2 ms) N | F(20 s) N | F(60 s) N |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (int N : sizes) {
    sim::Scenario s = sim::Scenario::from_file(path);
    s.set("mesh.cells_r", std::to_string(N));
    s.set("mesh.layers[0].cells", std::to_string(std::max(1, 4 * N / 5)));
    for (const auto& [k, v] : sets) s.set(k, v);
    const sim::RunResult r = sim::run_scenario(s, registry, "");
    if (!r.completed) std::printf("# N = %d did not complete: %s\n", N, r.message.c_str());
    const auto& t = r.times;
    std::printf("| %d | %d | %d | %d | %d | %.0f | %.0f / %.0f / %.0f / %.0f / %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.5f | %.5f | "
                "%.5f |\n",
                N, r.n_dofs, r.steps, r.newton_iterations, r.cutbacks,
                summary_value(r, "factorizations"), summary_value(r, "factorizations_newton"),
                summary_value(r, "factorizations_predictor"), summary_value(r, "factorizations_bfgs"),
                summary_value(r, "factorizations_shift_retry"), summary_value(r, "factorizations_ldlt_fallback"),
                t.assembly_s, t.factorization_s, t.solve_s,
                t.output_s, t.total_s, force_at(r, 2e-3), force_at(r, 20.0), force_at(r, 60.0));
    std::fflush(stdout);
  }
  return 0;
}
