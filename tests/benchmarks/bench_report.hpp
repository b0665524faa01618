#pragma once
// What every solver benchmark prints for one run (issue 13): DOFs, steps, Newton iterations per
// step, factorizations by reason, seconds per phase, and how far the run is from its floor
// (Newton iterations x one factorization + one assembly per iteration).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "../cpp/run_result_access.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::bench {

/// Command line of a benchmark: sizes N, --scenario PATH, --set KEY=VALUE (repeated) and
/// --formulation NAME (empty unless given).
struct Args {
  std::vector<int> sizes;
  std::string scenario;
  std::string formulation;
  std::vector<std::pair<std::string, std::string>> sets;
};

inline Args parse_args(int argc, char** argv, std::string default_scenario, std::vector<int> default_sizes) {
  Args a;
  a.scenario = std::move(default_scenario);
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--scenario") && i + 1 < argc) {
      a.scenario = argv[++i];
    } else if (!std::strcmp(argv[i], "--formulation") && i + 1 < argc) {
      a.formulation = argv[++i];
    } else if (!std::strcmp(argv[i], "--set") && i + 1 < argc) {
      const std::string kv = argv[++i];
      const size_t eq = kv.find('=');
      if (eq != std::string::npos) a.sets.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    } else {
      const int n = std::atoi(argv[i]);
      if (n < 1) {
        std::fprintf(stderr, "%s: %s: expected a mesh size N >= 1, --scenario PATH, --set KEY=VALUE or --formulation NAME\n",
                     argv[0], argv[i]);
        std::exit(2);
      }
      a.sizes.push_back(n);
    }
  }
  if (a.sizes.empty()) a.sizes = std::move(default_sizes);
  return a;
}

/// Value of column `y` at the first row where column `x` reaches x0 (0 if never).
inline double at_first(const sim::RunResult& r, const std::string& x, double x0, const std::string& y) {
  const auto& xs = test::column(r, x);
  const auto& ys = test::column(r, y);
  for (size_t i = 0; i < xs.size() && i < ys.size(); ++i)
    if (xs[i] >= x0 - 1e-12) return ys[i];
  return 0.0;
}

/// A summary value; 0 where the run has none (a column the table still prints).
inline double summary_value(const sim::RunResult& r, const std::string& key) {
  const double v = test::summary(r, key);
  return std::isnan(v) ? 0.0 : v;
}

/// The columns of solver_columns(), as a Markdown header fragment ("| a | b " ...).
inline const char* solver_header() {
  return "| dofs | steps | Newton its | on old factors | its / step | cutbacks | factorizations | by reason: newton / predictor / "
         "bfgs / shift retry / ldlt | assembly s | contact s | factorization s | solve s | output s | total s | "
         "total / floor ";
}

inline const char* solver_rule() { return "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---"; }

/// One run's solver columns. floor = iterations x (one factorization + one assembly), the time
/// of a run that did nothing but Newton iterations at the measured cost of each.
inline void print_solver_columns(const sim::RunResult& r) {
  const auto& t = r.times;
  const double its = r.newton_iterations;
  const double facts = summary_value(r, "factorizations");
  const double one_factorization = facts > 0 ? t.factorization_s / facts : 0.0;
  const double one_assembly = its > 0 ? (t.assembly_s + t.contact_s) / its : 0.0;
  const double floor = its * (one_factorization + one_assembly);
  std::printf("| %d | %d | %d | %.0f | %.2f | %d | %.0f | %.0f / %.0f / %.0f / %.0f / %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f ",
              r.n_dofs, r.steps, r.newton_iterations, summary_value(r, "reuse_iterations"), r.steps > 0 ? its / r.steps : 0.0, r.cutbacks, facts,
              summary_value(r, "factorizations_newton"), summary_value(r, "factorizations_predictor"),
              summary_value(r, "factorizations_bfgs"), summary_value(r, "factorizations_shift_retry"),
              summary_value(r, "factorizations_ldlt_fallback"), t.assembly_s, t.contact_s, t.factorization_s,
              t.solve_s, t.output_s, t.total_s, floor > 0 ? t.total_s / floor : 0.0);
}

}  // namespace myo::bench
