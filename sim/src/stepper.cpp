#include "myo/sim/stepper.hpp"

#include <algorithm>
#include <cmath>

namespace myo::sim {
namespace {

// The next time to land on strictly after t (or t_end).
double next_stop(const StepControl& c, double t) {
  double stop = c.t_end_s;
  for (double s : c.must_hit_s)
    if (s > t * (1 + 1e-12) + 1e-15 && s < stop) stop = s;
  return stop;
}

/// Retry of a step with friction: first with every contact point sticking (an exact energy, so
/// Newton is quadratic), then with Coulomb's law from there. A step whose first iterate, the tissue
/// not yet moved, puts sticking points far outside the cone drags the tissue too far otherwise.
/// Adds the iterations of the stick solve to `iterations`.
NewtonReport solve_from_stick(Model& model, NewtonSolver& newton, const Eigen::VectorXd& u, double t_new,
                              double h, Eigen::VectorXd& u_trial, int& iterations) {
  u_trial = u;
  model.apply_dirichlet(t_new, u_trial);
  model.seat_devices(t_new, u_trial);
  model.set_stick_predictor(true);
  const NewtonReport stick = newton.solve(u_trial, t_new, h);
  model.set_stick_predictor(false);
  iterations += stick.iterations;
  if (!stick.converged) return stick;
  return newton.solve(u_trial, t_new, h);
}

/// True if the loading over the step [t, t + h] continues that of the last step [t - dt_prev, t]
/// at the same rate, within a quarter (both still is a continuation: a hold after a hold). Only
/// then is the last step's motion a fair guess of this one's: at the end of a ramp the loading
/// stops, and extrapolating would press on into the tissue with a device that has stopped.
bool loading_continues(const Model& model, double t, double h, double dt_prev) {
  const Eigen::VectorXd at_t = model.loading(t);
  const Eigen::VectorXd now = model.loading(t + h) - at_t;
  const Eigen::VectorXd before = (h / dt_prev) * (at_t - model.loading(t - dt_prev));
  // Lengths (m) and forces (N) are compared part by part.
  const Eigen::Index n = model.n_dofs(), m = now.size() - n;
  auto close = [](const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    const double scale = std::max(a.lpNorm<Eigen::Infinity>(), b.lpNorm<Eigen::Infinity>());
    return (a - b).lpNorm<Eigen::Infinity>() <= 0.25 * scale;
  };
  return close(now.head(n), before.head(n)) && close(now.tail(m), before.tail(m));
}

}  // namespace

RunStatus Stepper::run(Model& model, NewtonSolver& newton, const StepControl& c, Eigen::VectorXd& u,
                       const Callback& on_accept) {
  RunStatus status;
  double t = 0.0, dt = std::min(c.dt_initial_s, c.dt_max_at(0.0)), dt_prev = 0.0;
  Eigen::VectorXd u_prev = u, u_trial;
  int failed = 0;
  while (t < c.t_end_s * (1 - 1e-12)) {
    const double stop = next_stop(c, t);
    double h = std::min({dt, c.dt_max_at(t), stop - t});
    if (stop - (t + h) < 1e-3 * h) h = stop - t;  // do not leave a sliver before a stop
    const double t_new = (h == stop - t) ? stop : t + h;

    // Where prescribed dofs move, the tangent of the converged state spreads their motion into the
    // body (for Newton it reuses the last step's factorization, so it costs a solve, not a
    // factorization). Otherwise full Newton extrapolates from the last two steps, where the
    // loading goes on as it did.
    u_trial = u;
    model.apply_dirichlet(t_new, u_trial);
    const bool tangent = c.predictor && newton.tangent_predictor(u, u_trial, t_new, h);
    const bool extrapolated = c.predictor && !tangent && dt_prev > 0.0 && loading_continues(model, t, h, dt_prev);
    if (extrapolated) {
      u_trial = u + (h / dt_prev) * (u - u_prev);
      model.apply_dirichlet(t_new, u_trial);
    }
    model.seat_devices(t_new, u_trial);
    NewtonReport rep = newton.solve(u_trial, t_new, h);
    if (!rep.converged && extrapolated) {
      // The extrapolation may overshoot into an inverted state; retry from the last solution.
      status.newton_iterations += rep.iterations;
      u_trial = u;
      model.apply_dirichlet(t_new, u_trial);
      model.seat_devices(t_new, u_trial);
      rep = newton.solve(u_trial, t_new, h);
    }
    if (!rep.converged && model.has_friction()) {
      status.newton_iterations += rep.iterations;
      rep = solve_from_stick(model, newton, u, t_new, h, u_trial, status.newton_iterations);
    }
    status.newton_iterations += rep.iterations;
    if (!rep.converged) {
      ++failed;
      ++status.cutbacks;
      dt = h * c.cutback;
      if (dt < c.dt_min_s) {
        const std::string unstable = newton.instability_note(u_trial);
        status.message = "step at t = " + std::to_string(t_new) + " s failed (" + rep.failure +
                         ") and dt fell below dt_min = " + std::to_string(c.dt_min_s) + " s" +
                         (unstable.empty() ? "" : "; " + unstable);
        status.time_reached_s = t;
        return status;
      }
      continue;
    }
    model.assembler().commit_history();
    try {
      on_accept(StepRecord{status.steps + 1, t_new, h, rep.iterations, failed, rep.residual_N}, u_trial);
    } catch (const StopRun& stop) {
      status.message = stop.reason;
      status.time_reached_s = t;
      return status;
    }
    u_prev = u;
    u = u_trial;
    dt_prev = h;
    t = t_new;
    ++status.steps;
    model.commit_contacts(u, t);  // after the output, which reports the state Newton solved
    failed = 0;
    // dt is the nominal step; h may have been shortened only to land on a stop.
    if (rep.iterations <= c.easy_iterations) dt = std::min(dt * c.growth, c.dt_max_at(t));
  }
  status.completed = true;
  status.time_reached_s = t;
  return status;
}

}  // namespace myo::sim
