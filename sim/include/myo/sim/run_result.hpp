#pragma once
// What a run returns (run_scenario, or a study's runner): summary, history table, fields of the
// last step, statistics. The Python Result, summary.json and result.h5's /history come from it.
#include <Eigen/Core>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "myo/sim/mesh.hpp"
#include "myo/sim/phase_times.hpp"

namespace myo::sim {

struct RunResult {
  bool completed = false;
  std::string message;                              ///< why it stopped early, if it did
  std::string out_dir;
  /// Flat summary (also summary.json): keys carry their unit, e.g. "reaction_force_top_z_N".
  std::vector<std::pair<std::string, double>> summary;
  std::vector<std::pair<std::string, std::string>> summary_text;  ///< e.g. "scenario", "formulation"
  /// Arrays of the last step (also in summary.json): the depth profile along the device axis.
  std::vector<std::pair<std::string, std::vector<double>>> summary_arrays;
  /// History table, one row per accepted step: column name (with unit) -> values.
  std::vector<std::string> history_names;
  std::vector<std::vector<double>> history_columns;
  /// Fields of the last accepted step.
  Mesh mesh;
  Eigen::VectorXd displacement;    ///< n_nodes * dim (m), node-major
  RowMatrixXd cauchy_stress;       ///< n_cells x 9 (Pa)
  RowMatrixXd von_mises;           ///< n_cells x 1 (Pa)
  RowMatrixXd green_lagrange;      ///< n_cells x 9 (-)
  RowMatrixXd reaction_forces;     ///< n_nodes x dim (N), zero on free dofs
  PhaseTimes times;
  int newton_iterations = 0;
  int steps = 0;
  int cutbacks = 0;
  int n_dofs = 0;
};

/// progress(fraction_of_end_time, message) after each accepted step; may be empty.
using ProgressCallback = std::function<void(double, const std::string&)>;

}  // namespace myo::sim
