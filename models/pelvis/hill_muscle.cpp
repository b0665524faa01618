#include "myo/models/hill_muscle.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

namespace myo::models {

namespace {
constexpr double kPE = 4.0;      // Thelen 2003: passive exponential shape factor
constexpr double kE0 = 0.6;      // Thelen 2003: passive strain at F0 (young adults)
constexpr double kGamma = 0.45;  // Thelen 2003: active force-length width
}  // namespace

HillMuscle::HillMuscle(HillMuscleParams params) : p_(std::move(params)) {
  if (!(p_.max_force_N > 0.0) || !(p_.optimal_fibre_length_m > 0.0) || p_.tendon_slack_length_m < 0.0)
    throw std::invalid_argument("HillMuscle '" + p_.name + "': F0, l_opt must be > 0, l_ts >= 0");
}

double HillMuscle::passive_force_length(double l_norm) {
  if (l_norm <= 1.0) return 0.0;
  return (std::exp(kPE * (l_norm - 1.0) / kE0) - 1.0) / (std::exp(kPE) - 1.0);
}

double HillMuscle::active_force_length(double l_norm) {
  return std::exp(-(l_norm - 1.0) * (l_norm - 1.0) / kGamma);
}

double HillMuscle::normalised_fibre_length(double length_m, double rho) const {
  const double l_opt = rho * p_.optimal_fibre_length_m;
  const double along = length_m - p_.tendon_slack_length_m;
  if (along <= 0.0) return 0.0;
  const double thickness = l_opt * std::sin(p_.pennation_rad);
  return std::hypot(along, thickness) / l_opt;
}

double HillMuscle::force(double length_m, double activation, double rho) const {
  const double along = length_m - p_.tendon_slack_length_m;
  if (along <= 0.0) return 0.0;  // a buckled tendon carries no force
  const double l_norm = normalised_fibre_length(length_m, rho);
  const double cos_alpha = along / (l_norm * rho * p_.optimal_fibre_length_m);
  return p_.max_force_N * (activation * active_force_length(l_norm) + passive_force_length(l_norm)) * cos_alpha;
}

}  // namespace myo::models
