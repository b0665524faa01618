// Reading a RunResult's history columns and summary values by name, shared by the tests that
// run scenarios.
#pragma once

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "myo/sim/simulation.hpp"

namespace myo::test {

/// The history column `name` (one value per accepted step); throws if there is none.
inline const std::vector<double>& column(const sim::RunResult& r, const std::string& name) {
  for (size_t k = 0; k < r.history_names.size(); ++k)
    if (r.history_names[k] == name) return r.history_columns[k];
  throw std::runtime_error("no history column " + name);
}

/// The summary value `key`, NaN if there is none.
inline double summary(const sim::RunResult& r, const std::string& key) {
  for (const auto& [k, v] : r.summary)
    if (k == key) return v;
  return NAN;
}

}  // namespace myo::test
