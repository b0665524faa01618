#pragma once
// Load / time stepping with automatic cutback and growth (as FEBio's auto time stepper):
// a step whose Newton solve fails or inverts a cell is retried with dt * cutback; after an easy
// step (few iterations) dt grows by `growth`, never beyond dt_max nor past a time that must be hit.
#include <Eigen/Core>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "myo/sim/model.hpp"
#include "myo/sim/newton_solver.hpp"
#include "myo/sim/time_table.hpp"

namespace myo::sim {

struct StepControl {
  double t_end_s = 1.0;
  double dt_initial_s = 0.1;
  double dt_min_s = 1e-6;
  double dt_max_s = 0.1;
  /// dt_max as a function of time (s -> s; FEBio's dtmax load curve): fine steps while a load
  /// goes on, long ones in a hold. None: dt_max_s throughout.
  std::optional<TimeTable> dt_max_curve;
  int easy_iterations = 4;   ///< a step with at most this many iterations lets dt grow
  double growth = 1.5;
  double cutback = 0.5;
  bool predictor = true;     ///< extrapolate the free dofs from the last two accepted steps
  std::vector<double> must_hit_s;  ///< output times and load-curve breakpoints

  /// The largest step allowed at time t (s).
  double dt_max_at(double t_s) const { return dt_max_curve ? (*dt_max_curve)(t_s) : dt_max_s; }
};

struct StepRecord {
  int step = 0;            ///< 1-based accepted-step counter
  double time_s = 0.0;
  double dt_s = 0.0;
  int iterations = 0;      ///< Newton iterations of the accepted attempt
  int failed_attempts = 0; ///< cutbacks before it was accepted
  double residual_N = 0.0; ///< final |R_free|_2 of the accepted attempt
};

struct RunStatus {
  bool completed = false;
  double time_reached_s = 0.0;
  int steps = 0;
  int newton_iterations = 0;  ///< over every attempt, failed ones included
  int cutbacks = 0;
  std::string message;
};

/// Thrown by an on_accept callback that refuses a converged step (a state Newton solved that is
/// not the answer, e.g. one held up by the viscous stabilization): the run ends there, failed,
/// with `reason` as its message; the steps before it are kept and that step is not counted.
struct StopRun {
  std::string reason;
};

class Stepper {
 public:
  using Callback = std::function<void(const StepRecord&, const Eigen::VectorXd& u)>;
  /// March u (n_dofs, m) from t = 0 to t_end. on_accept runs after each accepted step, after the
  /// quadrature-point history was committed; it may throw StopRun. A failure keeps every
  /// accepted step.
  static RunStatus run(Model& model, NewtonSolver& newton, const StepControl& control,
                       Eigen::VectorXd& u, const Callback& on_accept);
};

}  // namespace myo::sim
