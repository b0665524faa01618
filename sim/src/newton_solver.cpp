#include "myo/sim/newton_solver.hpp"

#include <cmath>

#include "myo/sim/cholmod_solver.hpp"
#include "myo/sim/eigen_ldlt_solver.hpp"

namespace myo::sim {

NewtonSolver::NewtonSolver(Model& model, NewtonSettings settings)
    : model_(model), settings_(std::move(settings)), linear_(make_linear_solver(settings_.linear_solver)) {
  const auto& X = model_.mesh().X;
  length_scale_m_ = (X.colwise().maxCoeff() - X.colwise().minCoeff()).maxCoeff();
}

bool NewtonSolver::factor_and_solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& du, bool allow_shift) {
  const SymmetricCsc& K = model_.tangent();
  LinearSolver* solver = linear_.get();
  auto* chol = dynamic_cast<CholmodSolver*>(linear_.get());
  if (chol) chol->allow_shift(allow_shift);
  {
    ScopedTimer timer(times_.factorization_s);
    if (!analyzed_) {
      linear_->analyze(K);
      analyzed_ = true;
    }
    const bool factored = linear_->factorize(K);
    if (chol && chol->last_shift() > 0.0) ++shifted_factorizations_;
    if (!factored) {
      // Still not factored (CG, or no shift helped): LDL^T solves this one iteration;
      // the primary solver is tried again at the next.
      if (linear_->name() == "ldlt") return false;
      if (!fallback_) {
        fallback_ = std::make_unique<EigenLdltSolver>();
        fallback_->analyze(K);
      }
      if (!fallback_->factorize(K)) return false;
      solver = fallback_.get();
      ++indefinite_factorizations_;
    }
  }
  ScopedTimer timer(times_.solve_s);
  return solver->solve(rhs, du);
}

bool NewtonSolver::tangent_predictor(const Eigen::VectorXd& u_start, Eigen::VectorXd& u, double t,
                                     double dt) {
  Eigen::VectorXd R0, R_eps, du;
  double energy;
  const Eigen::VectorXd dg = u - u_start;
  const double dg_max = dg.lpNorm<Eigen::Infinity>();
  if (dg_max == 0.0) return false;
  // K_fp dg by a directional difference along the prescribed motion (one assembly without K).
  const double eps = 1e-6 * length_scale_m_ / dg_max;
  {
    ScopedTimer timer(times_.assembly_s);
    if (!model_.evaluate(u_start + eps * dg, t, dt, false, R_eps, energy)) return false;
    if (!model_.evaluate(u_start, t, dt, true, R0, energy)) return false;
  }
  const Eigen::VectorXd r0 = model_.free_part(R0);
  const Eigen::VectorXd rhs = -(r0 + (model_.free_part(R_eps) - r0) / eps);
  if (!factor_and_solve(rhs, du, false)) return false;
  Eigen::VectorXd u_pred = u;
  const auto& eq = model_.equations();
  for (int d = 0; d < model_.n_dofs(); ++d)
    if (eq[d] >= 0) u_pred(d) = u_start(d) + du(eq[d]);
  Eigen::VectorXd R;
  bool ok;
  {
    ScopedTimer timer(times_.assembly_s);
    ok = model_.evaluate(u_pred, t, dt, false, R, energy);
  }
  if (ok) u = u_pred;
  return ok;
}

NewtonReport NewtonSolver::solve(Eigen::VectorXd& u, double t, double dt) {
  NewtonReport report;
  Eigen::VectorXd R, du, u_trial, R_trial;
  double energy = 0.0, r_first = 0.0;
  bool ok, exact_only = false;
  {
    ScopedTimer timer(times_.assembly_s);
    ok = model_.evaluate(u, t, dt, true, R, energy);
  }
  if (!ok) {
    report.failure = "inverted cell in the initial iterate";
    return report;
  }
  for (int it = 1; it <= settings_.max_iterations; ++it) {
    report.iterations = it;
    const Eigen::VectorXd r = model_.free_part(R);
    // An indefinite tangent is first met with a shifted (damped) factorization: at predicted
    // states it comes from spurious pressure, not from the physics. Once a shifted step fails to
    // halve the residual, the equilibrium itself may be indefinite: exact LDL^T from then on.
    const int shifted_before = shifted_factorizations_;
    if (!factor_and_solve(-r, du, !exact_only)) {
      report.failure = "linear solver failed (singular tangent)";
      return report;
    }
    const double r0 = r.norm();
    if (it == 1) r_first = r0;
    // Backtrack while the residual grows or a cell inverts. Trials assemble K too: the full step
    // is accepted almost always, and then its tangent is the next iteration's.
    double alpha = 1.0, best_norm = INFINITY, best_alpha = 0.0, last_ok_alpha = -1.0;
    for (int k = 0; k <= (settings_.line_search ? settings_.max_backtracks : 0); ++k) {
      u_trial = u;
      model_.add_free(du, alpha, u_trial);
      bool trial_ok;
      {
        ScopedTimer timer(times_.assembly_s);
        trial_ok = model_.evaluate(u_trial, t, dt, true, R_trial, energy);
      }
      if (trial_ok) {
        last_ok_alpha = alpha;
        const double n = model_.free_part(R_trial).norm();
        if (n < best_norm) best_norm = n, best_alpha = alpha;
        if (n < r0 || !settings_.line_search) break;
      }
      alpha *= 0.5;
    }
    if (best_alpha == 0.0) {
      report.failure = "every line-search trial inverted a cell";
      return report;
    }
    if (shifted_factorizations_ > shifted_before && best_norm > 0.5 * r0) exact_only = true;
    model_.add_free(du, best_alpha, u);
    if (best_alpha == last_ok_alpha) {
      R.swap(R_trial);
    } else {
      ScopedTimer timer(times_.assembly_s);
      if (!model_.evaluate(u, t, dt, true, R, energy)) {
        report.failure = "inverted cell";
        return report;
      }
    }
    report.residual_N = model_.free_part(R).norm();
    // Force scale: reactions, applied loads and the first residual of the step.
    double reaction_scale = 0.0;
    const auto& eq = model_.equations();
    for (int d = 0; d < model_.n_dofs(); ++d)
      if (eq[d] < 0) reaction_scale += R(d) * R(d);
    const double scale = std::max({std::sqrt(reaction_scale), model_.external_force_norm(), r_first});
    const double du_inf = best_alpha * du.lpNorm<Eigen::Infinity>();
    const bool residual_small =
        report.residual_N <= settings_.residual_rtol * scale || report.residual_N <= settings_.residual_atol_N;
    const bool increment_small =
        du_inf <= settings_.increment_rtol * (u.lpNorm<Eigen::Infinity>() + length_scale_m_);
    if (residual_small && increment_small) {
      report.converged = true;
      return report;
    }
    if (!std::isfinite(report.residual_N)) break;
  }
  if (report.failure.empty()) report.failure = "no convergence in " + std::to_string(settings_.max_iterations) + " iterations";
  return report;
}

}  // namespace myo::sim
