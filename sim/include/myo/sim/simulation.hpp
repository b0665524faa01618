#pragma once
// One run of a scenario: build the mesh and the model, march in time, write the results
// (result.h5, result.xdmf, summary.json, scenario.resolved.yaml) into an output directory.
#include <Eigen/Core>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "myo/sim/registry.hpp"
#include "myo/sim/run_result.hpp"
#include "myo/sim/scenario.hpp"

namespace myo::sim {

/// Run a scenario. out_dir is created; "" writes nothing (in-memory runs for sweeps and tests).
/// Throws ScenarioError for bad input. A solver failure does not throw: the result has
/// completed = false, a message, and every converged step is in the files.
RunResult run_scenario(const Scenario& scenario, const Registry& registry, const std::string& out_dir,
                       const ProgressCallback& progress = {});

/// Everything `validate` can know without a solve: the scenario parsed against the registry,
/// the mesh built (after its memory estimate passed), every set, material and contact resolved,
/// and each device shown to reach its surface. Throws ScenarioError naming the key path.
void check_scenario(const Scenario& scenario, const Registry& registry);

/// Version, build type, OpenMP threads and linear solvers, for `myorelease info`.
std::vector<std::pair<std::string, std::string>> build_info();

}  // namespace myo::sim
