#include "myo/sim/newton_solver.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "myo/sim/cholmod_solver.hpp"
#include "myo/sim/instability_mode.hpp"
#include "myo/sim/mumps_solver.hpp"

namespace myo::sim {

NewtonSolver::NewtonSolver(Model& model, NewtonSettings settings)
    : model_(model), settings_(std::move(settings)), linear_(make_linear_solver(settings_.linear_solver)) {
  // MYO_NEWTON_TRACE=1: one line per Newton iteration on stderr (residuals, factorization, step).
  const char* trace = std::getenv("MYO_NEWTON_TRACE");
  trace_ = trace && *trace && std::string(trace) != "0";
  trace_level_ = trace_ ? std::atoi(trace) : 0;
  const auto& X = model_.mesh().X;
  length_scale_m_ = (X.colwise().maxCoeff() - X.colwise().minCoeff()).maxCoeff();
}

bool NewtonSolver::factorize_tangent(bool allow_shift, Need need) {
  ScopedTimer timer(times_.factorization_s);
  const SymmetricCsc& K = model_.tangent();
  active_ = nullptr;
  if (!analyzed_) {
    linear_->analyze(K);
    analyzed_ = true;
  }
  ++(need == Need::predictor ? reasons_.predictor
     : need == Need::bfgs_reformation ? reasons_.bfgs_reformation : reasons_.newton_iteration);
  const bool first_iterate = first_iteration_ && need == Need::newton_iteration;
  auto* chol = dynamic_cast<CholmodSolver*>(linear_.get());
  if (chol) {
    chol->allow_shift(allow_shift && settings_.indefinite == "shift");
    // A step's first iterate is like the last step's: if that one needed a shift, so will this
    // (re-checked without a shift every fourth step in a row).
    const bool like_last = first_iterate && first_iterate_indefinite_;
    chol->start_shifted(like_last && ++shifted_first_iterates_in_a_row_ % 4 != 0);
  }
  const int attempts_before = chol ? chol->n_factorizations() : 0;
  const bool factored = linear_->factorize(K);
  const bool shifted = chol && chol->last_shift() > 0.0;
  if (chol) reasons_.shift_retry += chol->n_factorizations() - attempts_before - 1;
  if (shifted) ++shifted_factorizations_;
  if (first_iterate) {
    first_iterate_indefinite_ = !factored || shifted;
    if (!first_iterate_indefinite_) shifted_first_iterates_in_a_row_ = 0;
  }
  if (factored) {
    active_ = linear_.get();
    return true;
  }
  if (linear_->name() == "ldlt" || linear_->name() == "mumps") return false;
  // Not positive definite (or CG failed): MUMPS's LDL^T with pivoting gives the exact Newton
  // direction; the failed attempt counts as the fallback's reason.
  ++reasons_.ldlt_fallback;
  if (!fallback_) {
    fallback_ = std::make_unique<MumpsSolver>();
    fallback_->analyze(K);
  }
  if (!fallback_->factorize(K)) return false;
  ++indefinite_factorizations_;
  active_ = fallback_.get();
  return true;
}

std::string NewtonSolver::instability_note(const Eigen::VectorXd& u) {
  // The last iterate's tangent may have been Cholesky-factored (shifted, or positive definite at
  // that iterate); its inertia needs MUMPS's LDL^T, one factorization at the end of a failed run,
  // counted as an LDL^T fallback so that every factorization keeps its reason.
  const auto* mumps = dynamic_cast<const MumpsSolver*>(active_);
  if (!mumps) {
    ScopedTimer timer(times_.factorization_s);
    if (!fallback_) {
      fallback_ = std::make_unique<MumpsSolver>();
      fallback_->analyze(model_.tangent());
    }
    ++reasons_.ldlt_fallback;
    if (!fallback_->factorize(model_.tangent())) {
      active_ = nullptr;
      return "";
    }
    ++indefinite_factorizations_;
    active_ = fallback_.get();
    mumps = static_cast<const MumpsSolver*>(active_);
  }
  const int negative = mumps->negative_pivots();
  if (negative <= 0) return "";
  ScopedTimer timer(times_.solve_s);
  const std::string where = describe(nearest_zero_mode(model_, *active_, u));
  return "the tangent has " + std::to_string(negative) + " negative eigenvalue" + (negative > 1 ? "s" : "") +
         (where.empty() ? "" : ": " + where);
}

bool NewtonSolver::solve_factored(const Eigen::VectorXd& rhs, Eigen::VectorXd& x) {
  ScopedTimer timer(times_.solve_s);
  return active_ && active_->solve(rhs, x);
}

bool NewtonSolver::factor_and_solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& du, bool allow_shift,
                                    Need need) {
  return factorize_tangent(allow_shift, need) && solve_factored(rhs, du);
}

bool NewtonSolver::tangent_predictor(const Eigen::VectorXd& u_start, Eigen::VectorXd& u, double t,
                                     double dt) {
  Eigen::VectorXd R0, R_eps, du;
  double energy;
  // The devices' travel enters at its new value in the state whose tangent is taken, so their
  // contact is active in K_ff; through K_fp it would push the tissue with the penalty stiffness of
  // a contact that K_ff does not yet see (a flat punch starts exactly on the kink g = 0).
  Eigen::VectorXd base = u_start;
  const int n_devices = model_.n_dofs() - model_.assembler().n_dofs();
  base.tail(n_devices) = u.tail(n_devices);
  const Eigen::VectorXd dg = u - base;
  const double dg_max = dg.lpNorm<Eigen::Infinity>();
  if (dg_max == 0.0) return false;
  // K_fp dg by a directional difference along the prescribed motion (one assembly without K).
  const double eps = 1e-6 * length_scale_m_ / dg_max;
  model_.assembler().restart_iterate();
  // Full Newton's last factorization is of the tangent one iteration before the converged state:
  // near enough for a predictor (and free). Without one, the converged state's tangent is factored.
  const bool reuse = settings_.method == "newton" && converged_factor_ && active_;
  converged_factor_ = false;
  {
    ScopedTimer timer(times_.assembly_s);
    if (!model_.evaluate(base + eps * dg, t, dt, false, R_eps, energy)) return false;
    if (!model_.evaluate(base, t, dt, !reuse, R0, energy)) return false;
  }
  const Eigen::VectorXd r0 = model_.free_part(R0);
  const Eigen::VectorXd rhs = -(r0 + (model_.free_part(R_eps) - r0) / eps);
  if (reuse ? !solve_factored(rhs, du) : !factor_and_solve(rhs, du, false, Need::predictor)) return false;
  Eigen::VectorXd u_pred = u;
  const auto& eq = model_.equations();
  for (int d = 0; d < model_.n_dofs(); ++d)
    if (eq[d] >= 0) u_pred(d) = base(d) + du(eq[d]);
  Eigen::VectorXd R;
  bool ok;
  {
    ScopedTimer timer(times_.assembly_s);
    ok = model_.evaluate(u_pred, t, dt, false, R, energy);
  }
  if (ok) u = u_pred;
  // The factor of the converged tangent is a better start for BFGS than the predicted state's.
  fresh_factor_ = ok;
  return ok;
}

bool NewtonSolver::converged(const Eigen::VectorXd& R, const Eigen::VectorXd& u, double du_inf,
                             double r_before, double r_first, NewtonReport& report) const {
  report.residual_N = model_.free_part(R).norm();
  // Force scale: reactions and applied loads (contact forces included).
  double reaction_scale = 0.0;
  const auto& eq = model_.equations();
  for (int d = 0; d < model_.n_dofs(); ++d)
    if (eq[d] < 0) reaction_scale += R(d) * R(d);
  const double forces = std::max(std::sqrt(reaction_scale), model_.external_force_norm());
  const double rtol = settings_.residual_rtol, atol = settings_.residual_atol_N;
  const double du_tol = settings_.increment_rtol * (u.lpNorm<Eigen::Infinity>() + length_scale_m_);
  // (a) Small against the forces sought, and the error left in u small: that error is the next
  // increment, not the last one. While the residual contracts by q < 1/2 per iteration the
  // increments do too, and the rest of the series is bounded by du q / (1 - q) (the a-posteriori
  // bound of a contraction), so a quadratically converged state needs no confirming solve.
  const double q = r_before > 0.0 ? report.residual_N / r_before : 1.0;
  const bool residual_small = report.residual_N <= rtol * forces || report.residual_N <= atol;
  const bool error_small = q < 0.5 && du_inf * q / (1.0 - q) <= du_tol;
  // (b) Small against the step's first residual (round-off in nearly incompressible cells can
  // lie above rtol times tiny forces), with the last increment itself small.
  const bool residual_small_first = report.residual_N <= rtol * std::max(forces, r_first);
  // (c) The increment at round-off (1e-12 of the model size): u is exact to round-off although
  // the residual cannot be computed below its floor (kappa / mu = 1e4 and stiff penalties put it
  // above rtol times small forces); the residual must still be 1e-4 of the forces or less.
  const bool at_round_off = du_inf <= 1e-4 * du_tol && report.residual_N <= 1e-4 * std::max(forces, r_first);
  report.converged = (residual_small && error_small) || ((residual_small || residual_small_first) && du_inf <= du_tol) ||
                     at_round_off;
  return report.converged;
}

NewtonSolver::LineSearch NewtonSolver::line_search(const Eigen::VectorXd& u, const Eigen::VectorXd& du, double r0,
                                                    double t, double dt, Eigen::VectorXd& R_best) {
  // The full step is tried with its tangent (accepted almost always; its tangent is then the next
  // iteration's); shorter ones with the residual alone, and the tangent is assembled once more at
  // the step taken. Backtracking halves the step while the residual grows or a cell inverts.
  LineSearch ls;
  Eigen::VectorXd u_trial, R_trial;
  double energy, alpha = 1.0;
  const int n_trials = settings_.line_search ? settings_.max_backtracks + 1 : 1;
  for (int k = 0; k < n_trials; ++k, alpha *= 0.5) {
    u_trial = u;
    model_.add_free(du, alpha, u_trial);
    bool ok;
    {
      ScopedTimer timer(times_.assembly_s);
      ok = model_.evaluate(u_trial, t, dt, k == 0, R_trial, energy);
    }
    ls.last_evaluation = false;  // a failed evaluation overwrote the model's state too
    if (!ok) continue;
    const double n = model_.free_part(R_trial).norm();
    if (n < ls.norm) {
      ls.norm = n, ls.alpha = alpha;
      R_best = R_trial;
      ls.last_evaluation = k == 0;
    }
    if (n < r0 || !settings_.line_search) break;
  }
  return ls;
}

void NewtonSolver::check_tangent_along(const Eigen::VectorXd& u, const Eigen::VectorXd& du, double t, double dt) {
  // K du against the central difference of R along du: a tangent that is not the residual's
  // Jacobian (or a kink within the difference) shows as a relative error far above 1e-6.
  const SymmetricCsc& K = model_.tangent();
  Eigen::VectorXd Kd = Eigen::VectorXd::Zero(K.n);
  for (int j = 0; j < K.n; ++j)
    for (int k = K.col_ptr[j]; k < K.col_ptr[j + 1]; ++k) {
      const int i = K.row_index[k];
      Kd(i) += K.values[k] * du(j);
      if (i != j) Kd(j) += K.values[k] * du(i);
    }
  const double h = 1e-9 / std::max(du.lpNorm<Eigen::Infinity>(), 1e-300);
  Eigen::VectorXd up = u, um = u, Rp, Rm;
  model_.add_free(du, h, up);
  model_.add_free(du, -h, um);
  double energy;
  if (!model_.evaluate(up, t, dt, false, Rp, energy) || !model_.evaluate(um, t, dt, false, Rm, energy)) return;
  const Eigen::VectorXd fd = model_.free_part(Rp - Rm) / (2 * h);
  Eigen::Index worst;
  (fd - Kd).cwiseAbs().maxCoeff(&worst);
  int dof = -1;
  for (int d = 0; d < static_cast<int>(model_.equations().size()); ++d)
    if (model_.equations()[d] == worst) dof = d;
  const int dim = model_.mesh().dim();
  Vec3 X = Vec3::Zero();
  if (dof >= 0 && dof < model_.assembler().n_dofs())
    for (int i = 0; i < dim; ++i) X(i) = model_.mesh().X(dof / dim, i);
  std::fprintf(stderr,
               "  tangent check along du: |K du - FD| / |K du| = %.2e; largest at dof %d, node at (%.4g, %.4g, %.4g) m: "
               "%.3e vs %.3e\n",
               (fd - Kd).norm() / Kd.norm(), dof, X(0), X(1), X(2), Kd(worst), fd(worst));
  // The rigid-device contacts alone, with their own tangent entries (full dof space).
  for (const PenaltyContact& c : model_.contacts()) {
    std::vector<std::tuple<int, int, double>> entries;
    ContactState state;
    Eigen::VectorXd R0 = Eigen::VectorXd::Zero(u.size()), Rc_p = R0, Rc_m = R0, step = Eigen::VectorXd::Zero(u.size());
    model_.add_free(du, 1.0, step);
    c.add(u, t, true, R0, &entries, state);
    c.add(up, t, false, Rc_p, nullptr, state);
    c.add(um, t, false, Rc_m, nullptr, state);
    Eigen::VectorXd Kc = Eigen::VectorXd::Zero(u.size());
    for (const auto& [i, j, v] : entries) Kc(i) += v * step(j);
    const Eigen::VectorXd fdc = (Rc_p - Rc_m) / (2 * h);
    std::fprintf(stderr, "    contact %s alone: |K du - FD| / |K du| = %.2e (|K du| %.3e)\n", c.spec().name.c_str(),
                 (fdc - Kc).norm() / Kc.norm(), Kc.norm());
  }
}

bool NewtonSolver::solve_on_old_factors(Eigen::VectorXd& u, double t, double dt, NewtonReport& report) {
  Eigen::VectorXd R, du, u_trial;
  double energy;
  {
    ScopedTimer timer(times_.assembly_s);
    if (!model_.evaluate(u, t, dt, false, R, energy)) return false;
  }
  const double r_first = model_.free_part(R).norm();
  double r_before = r_first;
  for (int it = 1; it <= settings_.max_iterations; ++it) {
    if (!solve_factored(-model_.free_part(R), du)) return false;
    u_trial = u;
    model_.add_free(du, 1.0, u_trial);
    bool ok;
    {
      ScopedTimer timer(times_.assembly_s);
      ok = model_.evaluate(u_trial, t, dt, false, R, energy);
    }
    const double r = ok ? model_.free_part(R).norm() : INFINITY;
    if (trace_)
      std::fprintf(stderr, "newton t = %.6g s, reuse %d: |r| %.3e N, |r_new| %.3e N, |du|_inf %.3e m\n", t, it,
                   r_before, r, du.lpNorm<Eigen::Infinity>());
    if (!(r <= kReuseContraction * r_before)) return false;
    u.swap(u_trial);
    ++reuse_iterations_;
    report.iterations = it;
    if (converged(R, u, du.lpNorm<Eigen::Infinity>(), r_before, r_first, report)) return true;
    r_before = r;
  }
  return false;
}

NewtonReport NewtonSolver::solve(Eigen::VectorXd& u, double t, double dt) {
  if (settings_.method == "bfgs") return solve_bfgs(u, t, dt);
  NewtonReport report;
  // A step after a failed attempt to reuse tries again only every fourth step.
  const bool try_reuse = settings_.reuse_factorization && converged_factor_ && active_ &&
                         (!reuse_failed_last_ || ++reuse_skipped_ % 4 == 0);
  if (try_reuse) {
    const bool done = solve_on_old_factors(u, t, dt, report);
    reuse_failed_last_ = !done;
    if (!done) reuse_skipped_ = 0;
    if (done) {
      ++reuse_steps_;
      return report;  // the factorization stays the converged one
    }
  }
  const int reuse_iterations = report.iterations;
  fresh_factor_ = false;
  converged_factor_ = false;
  Eigen::VectorXd R, du, R_trial;
  double energy = 0.0, r_first = 0.0;
  bool ok, exact_only = false;
  model_.assembler().restart_iterate();
  {
    ScopedTimer timer(times_.assembly_s);
    ok = model_.evaluate(u, t, dt, true, R, energy);
  }
  if (!ok) {
    report.failure = "inverted cell in the initial iterate";
    return report;
  }
  model_.assembler().accept_iterate();
  std::vector<double> history;  // |R_free| after each iteration
  for (int it = 1; it <= settings_.max_iterations; ++it) {
    report.iterations = reuse_iterations + it;
    const Eigen::VectorXd r = model_.free_part(R);
    // An indefinite tangent is first met with a shifted (damped) factorization: at predicted
    // states it comes from spurious pressure, not from the physics. Once a shifted step fails to
    // halve the residual, the equilibrium itself may be indefinite: exact LDL^T from then on.
    const int shifted_before = shifted_factorizations_;
    first_iteration_ = it == 1;
    if (!factor_and_solve(-r, du, !exact_only, Need::newton_iteration)) {
      report.failure = "linear solver failed (singular tangent)";
      return report;
    }
    const double r0 = r.norm();
    if (it == 1) r_first = r0;
    if (trace_level_ >= 2) check_tangent_along(u, du, t, dt);
    const LineSearch ls = line_search(u, du, r0, t, dt, R_trial);
    if (ls.alpha == 0.0) {
      report.failure = "every line-search trial inverted a cell";
      return report;
    }
    const char* const how = active_ == fallback_.get() ? "LDL^T" : shifted_factorizations_ > shifted_before ? "shifted" : "Cholesky";
    const double best_alpha = ls.alpha, best_norm = ls.norm;
    if (trace_) {
      // The inertia tells a genuine instability (a few negative eigenvalues: buckling, wrinkling)
      // from a tangent that is wrong.
      const auto* mumps = active_ == fallback_.get() ? dynamic_cast<const MumpsSolver*>(active_) : nullptr;
      const std::string inertia = mumps ? " (" + std::to_string(mumps->negative_pivots()) + " negative)" : "";
      std::fprintf(stderr, "newton t = %.6g s, it %d: |r| %.3e N, %s%s, alpha %.3g, |r_new| %.3e N, |du|_inf %.3e m\n",
                   t, it, r0, how, inertia.c_str(), best_alpha, best_norm, du.lpNorm<Eigen::Infinity>());
    }
    if (shifted_factorizations_ > shifted_before && best_norm > settings_.shift_progress * r0) exact_only = true;
    model_.add_free(du, best_alpha, u);
    if (ls.last_evaluation) {
      R.swap(R_trial);
    } else {
      ScopedTimer timer(times_.assembly_s);
      if (!model_.evaluate(u, t, dt, true, R, energy)) {
        report.failure = "inverted cell";
        return report;
      }
    }
    model_.assembler().accept_iterate();
    if (converged(R, u, best_alpha * du.lpNorm<Eigen::Infinity>(), r0, r_first, report)) {
      converged_factor_ = true;
      return report;
    }
    if (!std::isfinite(report.residual_N)) break;
    history.push_back(report.residual_N);
    if (stagnated(history)) {
      report.failure = "no progress in " + std::to_string(settings_.stagnation_window) + " iterations (|r| " +
                       std::to_string(report.residual_N) + " N)";
      return report;
    }
  }
  if (report.failure.empty()) report.failure = "no convergence in " + std::to_string(settings_.max_iterations) + " iterations";
  return report;
}

bool NewtonSolver::stagnated(const std::vector<double>& r) const {
  const int w = settings_.stagnation_window, n = static_cast<int>(r.size());
  if (w <= 0 || n <= w + 1) return false;
  // The best of the last w residuals against the best before them.
  const double recent = *std::min_element(r.end() - w, r.end()), before = *std::min_element(r.begin(), r.end() - w);
  return recent > 0.5 * before;
}

NewtonReport NewtonSolver::solve_bfgs(Eigen::VectorXd& u, double t, double dt) {
  NewtonReport report;
  Eigen::VectorXd R, R_trial, u_trial, d;
  double energy = 0.0, r_first = 0.0;
  std::vector<Eigen::VectorXd> S, Y;  // BFGS pairs: steps s_i and residual changes y_i
  std::vector<double> rho;            // 1 / (y_i . s_i)
  bool reform = !fresh_factor_, exact_only = false;
  fresh_factor_ = false;
  model_.assembler().restart_iterate();
  {
    ScopedTimer timer(times_.assembly_s);
    if (!model_.evaluate(u, t, dt, true, R, energy)) {
      report.failure = "inverted cell in the initial iterate";
      return report;
    }
  }
  model_.assembler().accept_iterate();
  Eigen::VectorXd r = model_.free_part(R);
  for (int it = 1; it <= settings_.max_iterations; ++it) {
    report.iterations = it;
    if (it == 1) r_first = r.norm();
    if (reform) {
      // R and the tangent in tangent() were assembled at u.
      const int shifted_before = shifted_factorizations_;
      if (!factorize_tangent(!exact_only, Need::bfgs_reformation)) {
        report.failure = "linear solver failed (singular tangent)";
        return report;
      }
      ++reformations_;
      if (shifted_factorizations_ > shifted_before && it > 1) exact_only = true;
      S.clear(), Y.clear(), rho.clear();
      reform = false;
    }
    // d = -H r by the two-loop recursion, H_0 = K^-1 (Nocedal & Wright 2006, alg. 7.4).
    Eigen::VectorXd q = r;
    std::vector<double> a(S.size());
    for (int i = static_cast<int>(S.size()) - 1; i >= 0; --i) {
      a[i] = rho[i] * S[i].dot(q);
      q -= a[i] * Y[i];
    }
    if (!solve_factored(q, d)) {
      report.failure = "linear solve failed";
      return report;
    }
    for (size_t i = 0; i < S.size(); ++i) d += S[i] * (a[i] - rho[i] * Y[i].dot(d));
    d = -d;
    // Backtracking on the residual norm, residuals only.
    const double r0 = r.norm();
    double alpha = 1.0, best_norm = INFINITY, best_alpha = 0.0;
    for (int k = 0; k <= settings_.max_backtracks; ++k) {
      u_trial = u;
      model_.add_free(d, alpha, u_trial);
      bool trial_ok;
      {
        ScopedTimer timer(times_.assembly_s);
        trial_ok = model_.evaluate(u_trial, t, dt, false, R_trial, energy);
      }
      if (trial_ok) {
        const double n = model_.free_part(R_trial).norm();
        if (n < best_norm) best_norm = n, best_alpha = alpha;
        if (n < r0) break;
      }
      alpha *= 0.5;
    }
    if (best_alpha == 0.0) {
      report.failure = "every line-search trial inverted a cell";
      return report;
    }
    model_.add_free(d, best_alpha, u);
    if (best_alpha != alpha || best_norm >= r0) {
      ScopedTimer timer(times_.assembly_s);
      model_.evaluate(u, t, dt, false, R_trial, energy);
    }
    R.swap(R_trial);
    const Eigen::VectorXd r_new = model_.free_part(R);
    if (converged(R, u, best_alpha * d.lpNorm<Eigen::Infinity>(), r0, r_first, report)) return report;
    if (!std::isfinite(report.residual_N)) break;
    // Refactor when the quasi-Newton model failed (cut step, slow progress) or is exhausted;
    // otherwise add the pair (s, y) when it has positive curvature.
    const Eigen::VectorXd s = best_alpha * d, y = r_new - r;
    const double ys = y.dot(s);
    if (best_alpha < 1.0 || r_new.norm() > 0.5 * r0 || ys <= 1e-14 * y.norm() * s.norm() ||
        static_cast<int>(S.size()) >= settings_.max_bfgs_updates) {
      reform = true;
      ScopedTimer timer(times_.assembly_s);
      model_.evaluate(u, t, dt, true, R, energy);
      model_.assembler().accept_iterate();
    } else {
      S.push_back(s), Y.push_back(y), rho.push_back(1.0 / ys);
    }
    r = model_.free_part(R);
  }
  if (report.failure.empty()) report.failure = "no convergence in " + std::to_string(settings_.max_iterations) + " iterations";
  return report;
}

}  // namespace myo::sim
