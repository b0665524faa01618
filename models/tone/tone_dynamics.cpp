#include "myo/models/tone_dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace myo::models {
namespace {

void require(bool ok, const char* key, double value, const char* expected) {
  if (ok && std::isfinite(value)) return;
  std::ostringstream m;
  m << key << ": " << value << " is out of range; expected " << expected;
  throw std::invalid_argument(m.str());
}

void require_unit_interval(const char* key, double v) { require(v >= 0.0 && v <= 1.0, key, v, "in [0, 1]"); }
void require_time(const char* key, double v) { require(v > 0.0, key, v, "> 0 s"); }

const ToneParams& validated(const ToneParams& p) {
  require_unit_interval("baseline_tone", p.baseline);
  require_unit_interval("knot_peak", p.knot_peak);
  require(p.knot_centre_m.allFinite(), "knot_x", p.knot_centre_m.norm(), "finite coordinates (m)");
  require(p.knot_radius_m >= 0.0, "knot_radius", p.knot_radius_m, ">= 0 m (0: no knot)");
  require(p.release_threshold >= 0.0, "release_threshold", p.release_threshold, ">= 0");
  require_unit_interval("release_fraction", p.release_fraction);
  require_time("release_tau", p.release_tau_s);
  require_time("recovery_tau", p.recovery_tau_s);
  require(p.short_stretch > 0.0, "short_stretch", p.short_stretch, "> 0");
  require_unit_interval("thixotropy_amount", p.thixotropy_amount);
  require_time("thixotropy_tau", p.thixotropy_tau_s);
  require(p.movement_rate_per_s >= 0.0, "movement_rate", p.movement_rate_per_s, ">= 0 1/s");
  require_time("movement_tau", p.movement_tau_s);
  require(p.shortening_max >= 0.0 && p.shortening_max < 1.0, "shortening_max", p.shortening_max,
          "in [0, 1)");
  require_time("adaptation_tau", p.adaptation_tau_s);
  require_unit_interval("movement_undo_fraction", p.movement_undo_fraction);
  require(p.initial_released >= 0.0 && p.initial_released <= p.release_fraction, "initial_released_fraction",
          p.initial_released, "in [0, release_fraction]");
  require_unit_interval("initial_thixotropic_tone", p.initial_thixotropic);
  require(p.initial_shortening_movable >= 0.0, "initial_shortening_movable", p.initial_shortening_movable, ">= 0");
  require(p.initial_shortening_persistent >= 0.0 &&
              p.initial_shortening_movable + p.initial_shortening_persistent < 1.0,
          "initial_shortening_persistent", p.initial_shortening_persistent,
          ">= 0, with initial_shortening_movable + initial_shortening_persistent < 1");
  require(p.preceding_run_s >= 0.0, "preceding_run", p.preceding_run_s, ">= 0 s");
  require(p.fatigue_run_s >= 0.0, "fatigue_run", p.fatigue_run_s, ">= 0 s");
  require(p.fatigue_strain_factor > 0.0 && p.fatigue_strain_factor <= 1.0, "fatigue_strain_factor",
          p.fatigue_strain_factor, "in (0, 1]");
  return p;
}

// Exact solution of dx/dt = (target - x)/tau after dt.
double relax_toward(double x, double target, double tau_s, double dt_s) {
  return target + (x - target) * std::exp(-dt_s / tau_s);
}

}  // namespace

ToneDynamics::ToneDynamics(const ToneParams& params)
    : p_(validated(params)),
      pressure_(params.pressure, "dti_pressure"),
      strain_(InjuryThreshold(params.strain, "dti_strain")
                  .scaled(params.preceding_run_s > params.fatigue_run_s ? params.fatigue_strain_factor
                                                                        : 1.0)) {}

bool ToneDynamics::fatigued() const { return p_.preceding_run_s > p_.fatigue_run_s; }

double ToneDynamics::resting_tone(const sim::Vec3& X) const {
  if (p_.knot_radius_m == 0.0) return p_.baseline;
  const double r2 = (X - p_.knot_centre_m).squaredNorm() / (p_.knot_radius_m * p_.knot_radius_m);
  return p_.baseline + (p_.knot_peak - p_.baseline) * std::exp(-r2);
}

double ToneDynamics::tone(const ToneState& s, const sim::Vec3& X) const { return tone_from(resting_tone(X), s); }

double ToneDynamics::tone_from(double a_rest, const ToneState& s) {
  return std::clamp((a_rest + s.thixotropic) * (1.0 - s.released), 0.0, 1.0);
}

double ToneDynamics::resting_length_factor(const ToneState& s) {
  return 1.0 - s.shortening_movable - s.shortening_persistent;
}

ToneState ToneDynamics::initial_state() const {
  ToneState s;
  s.released = p_.initial_released;
  s.thixotropic = p_.initial_thixotropic;
  s.shortening_movable = p_.initial_shortening_movable;
  s.shortening_persistent = p_.initial_shortening_persistent;
  return s;
}

ToneState ToneDynamics::relax(const ToneState& old, double dt_s) const {
  const ToneStimulus& st = old.stimulus;
  const bool compressed = st.compression > p_.release_threshold;
  const bool held_short = st.fibre_stretch < p_.short_stretch;
  const bool moving = st.fibre_rate_per_s > p_.movement_rate_per_s;
  const double m = p_.movement_undo_fraction, d_max = p_.shortening_max;

  ToneState s = old;
  s.released = compressed ? relax_toward(old.released, p_.release_fraction, p_.release_tau_s, dt_s)
                          : relax_toward(old.released, 0.0, p_.recovery_tau_s, dt_s);
  if (moving) {
    s.thixotropic = relax_toward(old.thixotropic, 0.0, p_.movement_tau_s, dt_s);
    s.shortening_movable = relax_toward(old.shortening_movable, 0.0, p_.movement_tau_s, dt_s);
  } else {
    s.thixotropic = relax_toward(old.thixotropic, held_short ? p_.thixotropy_amount : 0.0,
                                 p_.thixotropy_tau_s, dt_s);
    s.shortening_movable = relax_toward(old.shortening_movable, held_short ? m * d_max : 0.0,
                                        p_.adaptation_tau_s, dt_s);
  }
  s.shortening_persistent = relax_toward(old.shortening_persistent,
                                         held_short && !moving ? (1.0 - m) * d_max : 0.0,
                                         p_.adaptation_tau_s, dt_s);
  return s;
}

void ToneDynamics::accumulate_exposure(const ToneStimulus& old, const ToneStimulus& now, double dt_s,
                                       ToneState& next) const {
  const double half = 0.5 * dt_s;
  next.pressure_damage += half * (pressure_.damage_rate(old.compressive_stress_Pa) +
                                  pressure_.damage_rate(now.compressive_stress_Pa));
  next.strain_damage += half * (strain_.damage_rate(old.injury_strain) + strain_.damage_rate(now.injury_strain));
  next.pressure_time_Pa_s += half * (old.compressive_stress_Pa + now.compressive_stress_Pa);
  next.strain_time_s += half * (old.injury_strain + now.injury_strain);
  next.stimulus = now;
}

bool ToneDynamics::unsafe(const ToneState& s) { return s.pressure_damage >= 1.0 || s.strain_damage >= 1.0; }

}  // namespace myo::models
