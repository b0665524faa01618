#pragma once
#include <stdexcept>
#include <string>

namespace myo::sim {

/// Bad input: an unknown key, a wrong unit, a value out of range, a missing file. The message is
/// one line that names the key path, the value and what was expected. The CLI exits with 2.
class ScenarioError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The solver could not complete the run (no convergence at dt_min). Steps that converged are
/// kept. The CLI exits with 3.
class SolverError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace myo::sim
