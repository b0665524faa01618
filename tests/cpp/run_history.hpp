// Reading a run's history and summary in tests.
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "myo/sim/simulation.hpp"

namespace myo::test {

/// The history column `name` of a run; throws std::runtime_error naming it when absent.
inline const std::vector<double>& column(const sim::RunResult& r, const std::string& name) {
  for (size_t k = 0; k < r.history_names.size(); ++k)
    if (r.history_names[k] == name) return r.history_columns[k];
  throw std::runtime_error("no history column " + name);
}

/// The summary value `key` of a run, NaN when absent.
inline double summary(const sim::RunResult& r, const std::string& key) {
  for (const auto& [k, v] : r.summary)
    if (k == key) return v;
  return NAN;
}

}  // namespace myo::test
