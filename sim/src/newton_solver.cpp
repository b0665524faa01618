#include "myo/sim/newton_solver.hpp"

#include <cmath>

#include "myo/sim/eigen_ldlt_solver.hpp"

namespace myo::sim {

NewtonSolver::NewtonSolver(Model& model, NewtonSettings settings)
    : model_(model), settings_(std::move(settings)), linear_(make_linear_solver(settings_.linear_solver)) {
  const auto& X = model_.mesh().X;
  length_scale_m_ = (X.colwise().maxCoeff() - X.colwise().minCoeff()).maxCoeff();
}

bool NewtonSolver::factor_and_solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& du) {
  const SymmetricCsc& K = model_.tangent();
  LinearSolver* solver = linear_.get();
  {
    ScopedTimer timer(times_.factorization_s);
    if (!analyzed_) {
      linear_->analyze(K);
      analyzed_ = true;
    }
    if (!linear_->factorize(K)) {
      // An indefinite tangent (the first iterate of a compressed step, an instability): LDL^T
      // solves this one iteration; Cholesky is tried again at the next.
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

NewtonReport NewtonSolver::solve(Eigen::VectorXd& u, double t, double dt) {
  NewtonReport report;
  Eigen::VectorXd R, du, u_trial, R_trial;
  double energy = 0.0, r_first = 0.0;
  bool ok;
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
    Eigen::VectorXd r = model_.free_part(R);
    if (!factor_and_solve(-r, du)) {
      report.failure = "linear solver failed (singular tangent)";
      return report;
    }
    // Backtrack while the residual grows or a cell inverts; keep the best trial.
    double alpha = 1.0;
    const double r0 = r.norm();
    if (it == 1) r_first = r0;
    double best_norm = INFINITY, best_alpha = 0.0;
    for (int k = 0; k <= (settings_.line_search ? settings_.max_backtracks : 0); ++k) {
      u_trial = u;
      model_.add_free(du, alpha, u_trial);
      bool trial_ok;
      {
        ScopedTimer timer(times_.assembly_s);
        trial_ok = model_.evaluate(u_trial, t, dt, false, R_trial, energy);
      }
      if (trial_ok) {
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
    model_.add_free(du, best_alpha, u);
    {
      ScopedTimer timer(times_.assembly_s);
      ok = model_.evaluate(u, t, dt, true, R, energy);
    }
    if (!ok) {
      report.failure = "inverted cell";
      return report;
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
