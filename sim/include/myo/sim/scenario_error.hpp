#pragma once
#include <stdexcept>
#include <string>

namespace myo::sim {

/// `message` as one line of valid UTF-8 and bounded length: invalid bytes and control characters
/// escaped, the middle of an over-long message cut. Whatever the input held, an error about it
/// can then be printed, logged and turned into a Python string.
std::string one_line_message(const std::string& message);

/// Bad input: an unknown key, a wrong unit, a value out of range, a missing file. The message is
/// one line that names the key path, the value and what was expected. The CLI exits with 2.
class ScenarioError : public std::invalid_argument {
 public:
  explicit ScenarioError(const std::string& message) : std::invalid_argument(one_line_message(message)) {}
  explicit ScenarioError(const char* message) : ScenarioError(std::string(message)) {}
};

/// The solver could not complete the run (no convergence at dt_min). Steps that converged are
/// kept. The CLI exits with 3.
class SolverError : public std::runtime_error {
 public:
  explicit SolverError(const std::string& message) : std::runtime_error(one_line_message(message)) {}
  explicit SolverError(const char* message) : SolverError(std::string(message)) {}
};

}  // namespace myo::sim
