#pragma once
// A study: a named computation that is not a finite-element run (e.g. the pelvis model's posture
// against hip-flexor tightness), registered by models/ with a parameter spec and a runner, and run
// from a scenario file with a top-level `study: {model: NAME, key: value, ...}`. sim/ parses the
// keys against the spec, calls the runner and writes its RunResult as it writes any run's
// (summary.json, result.h5 /history with an empty mesh, scenario.resolved.yaml), so the CLI, the
// Python Result and the plots need nothing new. sim/ knows nothing of what a study computes.
#include <functional>
#include <string>

#include "myo/sim/model_spec.hpp"
#include "myo/sim/run_result.hpp"

namespace myo::sim {

class Registry;

struct StudyContext {
  std::string scenario_name;  ///< the scenario's `name`
  std::string description;    ///< the scenario's `description`
  ProgressCallback progress;  ///< progress(fraction done, message); may be empty
  /// The registry running the study, for a study that chains finite-element runs (never null
  /// when sim/ calls a runner).
  const Registry* registry = nullptr;
  /// Where the study's own files go ("": none); a chained run writes into a subdirectory.
  std::string out_dir;
};

/// Runs a study on parameters resolved against its spec (SI, defaults filled). Returns the history
/// (one row per point of the study, columns with units in their names) and the summary; throws
/// std::invalid_argument for bad combinations of parameters (reported as bad input).
using StudyRunner = std::function<RunResult(const ParamValues&, const StudyContext&)>;

}  // namespace myo::sim
