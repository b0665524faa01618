#pragma once
// Newton-Raphson with a backtracking line search on the residual norm, as in deal.II step-44:
// assemble, factor, solve, update, until the residual and the increment are small.
#include <Eigen/Core>
#include <cmath>
#include <vector>
#include <memory>
#include <string>

#include "myo/sim/linear_solver.hpp"
#include "myo/sim/model.hpp"
#include "myo/sim/phase_times.hpp"

namespace myo::sim {

struct NewtonSettings {
  int max_iterations = 25;
  double residual_rtol = 1e-8;     ///< |R_free| <= rtol * force scale (N/N)
  double residual_atol_N = 1e-12;  ///< and/or an absolute floor (N)
  double increment_rtol = 1e-8;    ///< |du|_inf <= rtol * (|u|_inf + length scale)
  bool line_search = true;
  int max_backtracks = 6;
  std::string linear_solver = "cholmod";
  /// What a tangent that Cholesky cannot factor (not positive definite) gets: "ldlt", MUMPS's
  /// LDL^T with pivoting, the exact Newton direction (still a descent direction of |R|^2, which
  /// the line search needs); or "shift", Cholesky of K + beta I, a damped step (Levenberg-
  /// Marquardt), and LDL^T once a damped step leaves more than shift_progress of the residual.
  std::string indefinite = "shift";
  /// With "shift": the residual ratio (|r_new| / |r|, in (0, 1]) a damped step must beat for the
  /// next indefinite tangent to be damped again rather than factored exactly by LDL^T. 0.5 (the
  /// default) moves to LDL^T's quadratic convergence early; near 1 keeps damping while it makes
  /// any progress, for equilibria whose exact tangent has a negative eigenvalue that sends the
  /// Newton step off (as the hook tip deep in the hip region; README, Anatomy).
  double shift_progress = 0.5;
  /// Artificial viscous damping of the tissue nodes: the fraction of a step's stored strain energy
  /// it dissipates (-, >= 0; 0 = off): a Model term (viscous_stabilization.hpp), set from here.
  double stabilization = 0.0;
  /// Largest share of the load (applied forces and reactions) the damping may carry at an
  /// accepted step (-, > 0): beyond it the state is held up by the damping, not in equilibrium,
  /// and the run stops there (read by run_scenario).
  double stabilization_limit = 0.05;
  /// "newton": a new tangent every iteration. "bfgs": quasi-Newton (Matthies & Strang 1979, the
  /// default of FEBio): the factored tangent is updated by BFGS pairs and refactored only when
  /// the line search has to cut the step, progress stalls, or max_bfgs_updates is reached.
  std::string method = "newton";
  int max_bfgs_updates = 10;
  /// Newton: a step that starts on the last step's converged factorization (a hold: no prescribed
  /// dof moves) first iterates on it (modified Newton) while each iterate contracts the residual
  /// by kReuseContraction; a factorization is made only when that fails.
  bool reuse_factorization = true;
  /// A solve gives up (the step is cut back) once the best residual of its last this many
  /// iterations is not half the best before them: a stalled attempt costs these iterations, not
  /// max_iterations. 0: only max_iterations stops it.
  int stagnation_window = 5;
};

struct NewtonReport {
  bool converged = false;
  int iterations = 0;
  double residual_N = 0.0;   ///< final |R_free|_2
  std::string failure;       ///< why it stopped, when not converged
};

/// Why each numeric factorization was made (issue 13: every factorization beyond one per Newton
/// iteration has a reason that is counted and printed); total() is factorizations().
struct FactorizationReasons {
  int newton_iteration = 0;  ///< the tangent of a full Newton iteration
  int predictor = 0;         ///< the converged tangent of the tangent predictor
  int bfgs_reformation = 0;  ///< a stiffness reformation of the BFGS method
  int shift_retry = 0;       ///< a Cholesky retry with a diagonal shift after an indefinite tangent
  int ldlt_fallback = 0;     ///< a Cholesky attempt that met a negative pivot, redone by LDL^T (MUMPS)
  int total() const { return newton_iteration + predictor + bfgs_reformation + shift_retry + ldlt_fallback; }
};

class NewtonSolver {
 public:
  NewtonSolver(Model& model, NewtonSettings settings);
  /// Solve R(u, t) = 0 starting from u (n_dofs, m; prescribed dofs must already hold their
  /// values at t). On failure u is left at the last iterate.
  NewtonReport solve(Eigen::VectorXd& u, double time_s, double dt_s);
  /// Tangent predictor: u_start (n_dofs) is the last solution, u (n_dofs) the same with the
  /// prescribed dofs moved to their new values dg. Replaces the free dofs of u by
  /// u_start + K_ff^-1 (-R_f(u_start) - K_fp dg), so that the prescribed motion spreads into the
  /// body instead of distorting the boundary layer of cells. Returns false (u unchanged) if the
  /// predicted state is inverted or the solve fails.
  bool tangent_predictor(const Eigen::VectorXd& u_start, Eigen::VectorXd& u, double time_s, double dt_s);
  const NewtonSettings& settings() const { return settings_; }
  const PhaseTimes& times() const { return times_; }
  PhaseTimes& times() { return times_; }
  std::string linear_solver_name() const { return linear_->name(); }
  /// Indefinite tangents (predicted states of nearly incompressible tissue carry spurious
  /// pressure): factored with a diagonal shift (a damped step), or by LDL^T as a last resort.
  int shifted_factorizations() const { return shifted_factorizations_; }
  int indefinite_factorizations() const { return indefinite_factorizations_; }
  /// Numeric factorizations of every kind (Cholesky attempts, shifted retries, LDL^T).
  int factorizations() const { return reasons_.total(); }
  const FactorizationReasons& factorization_reasons() const { return reasons_; }
  /// After a failed solve: the number of negative eigenvalues of the last assembled tangent
  /// (MUMPS's inertia; one LDL^T factorization if the last one was Cholesky) and where the mode
  /// nearest zero sits (instability_mode.hpp), at the last iterate u (n_dofs, m); "" when that
  /// tangent is positive definite.
  std::string instability_note(const Eigen::VectorXd& u);
  /// Tangent factorizations of the BFGS method (stiffness reformations).
  int reformations() const { return reformations_; }
  /// Iterations made on an earlier step's factorization (modified Newton), and the steps they
  /// converged without a factorization of their own.
  int reuse_iterations() const { return reuse_iterations_; }
  int reuse_steps() const { return reuse_steps_; }
  /// Modified Newton goes on while each iteration leaves at most this share of the residual.
  static constexpr double kReuseContraction = 0.25;

 private:
  enum class Need { newton_iteration, predictor, bfgs_reformation };
  /// The step length taken along a direction, |R_free| there, and whether the model's last
  /// evaluation (tangent, history, contact state) is that of the step taken.
  struct LineSearch {
    double alpha = 0.0;
    double norm = INFINITY;
    bool last_evaluation = false;
  };
  /// Backtracking from u along du (equation space) on |R_free|, which was r0 at u; R_best
  /// (n_dofs) gets the residual at the step taken. alpha = 0: every trial inverted a cell.
  LineSearch line_search(const Eigen::VectorXd& u, const Eigen::VectorXd& du, double r0, double time_s,
                         double dt_s, Eigen::VectorXd& R_best);
  /// Prints |K du - (R(u + h du) - R(u - h du)) / 2h| / |K du| (K the tangent at u): the
  /// tangent's consistency along the Newton direction (a diagnostic, two residual evaluations).
  void check_tangent_along(const Eigen::VectorXd& u, const Eigen::VectorXd& du, double time_s, double dt_s);
  bool factorize_tangent(bool allow_shift, Need need);
  bool solve_factored(const Eigen::VectorXd& rhs, Eigen::VectorXd& x);
  bool factor_and_solve(const Eigen::VectorXd& rhs, Eigen::VectorXd& du, bool allow_shift, Need need);
  NewtonReport solve_bfgs(Eigen::VectorXd& u, double time_s, double dt_s);
  /// Modified Newton on the factorization in active_ (issue 13, item 3): in a hold the tangent
  /// barely changes from step to step, and a solve on the old factors costs a residual
  /// evaluation without the tangent and two triangular solves, where a Newton iteration costs an
  /// assembly with it and a factorization. Returns true if converged; false leaves u at the last
  /// iterate that contracted (the start, if none did), for full Newton to go on from.
  bool solve_on_old_factors(Eigen::VectorXd& u, double time_s, double dt_s, NewtonReport& report);
  /// True if the residual norms r (one per iteration) stopped falling (stagnation_window).
  bool stagnated(const std::vector<double>& r) const;
  /// Both tolerances met at u with residual R (n_dofs), after an increment of inf-norm du_inf
  /// that took the free residual's norm from r_before?
  bool converged(const Eigen::VectorXd& R, const Eigen::VectorXd& u, double du_inf, double r_before,
                 double r_first, NewtonReport& report) const;

  Model& model_;
  NewtonSettings settings_;
  std::unique_ptr<LinearSolver> linear_;
  std::unique_ptr<LinearSolver> fallback_;  ///< MUMPS LDL^T for indefinite tangents
  LinearSolver* active_ = nullptr;          ///< holds the current factorization
  int reformations_ = 0;
  int reuse_iterations_ = 0;
  int reuse_steps_ = 0;
  bool reuse_failed_last_ = false;  ///< the last step's attempt did not converge
  int reuse_skipped_ = 0;           ///< steps skipped since
  bool fresh_factor_ = false;  ///< active_ holds the converged tangent of the tangent predictor
  bool converged_factor_ = false;  ///< active_ holds the last iteration's tangent of a converged solve
  bool first_iteration_ = false;           ///< the factorization is for a step's first iterate
  bool first_iterate_indefinite_ = false;  ///< the last step's first iterate was not positive definite
  int shifted_first_iterates_in_a_row_ = 0;
  bool trace_ = false;
  int trace_level_ = 0;  ///< MYO_NEWTON_TRACE=2 adds check_tangent_along() to every iteration
  int indefinite_factorizations_ = 0;
  int shifted_factorizations_ = 0;
  FactorizationReasons reasons_;
  bool analyzed_ = false;
  PhaseTimes times_;
  double length_scale_m_ = 1.0;
};

}  // namespace myo::sim
