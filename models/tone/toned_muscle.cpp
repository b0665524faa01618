#include "myo/models/toned_muscle.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace myo::models {

TonedMuscle::TonedMuscle(const BlemkerMuscleParams& muscle, const ToneParams& tone)
    : muscle_(muscle), dynamics_(tone) {}

void TonedMuscle::init_history(double* history) const { dynamics_.initial_state().to_history(history); }

void TonedMuscle::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  if (!(point.dt_s >= 0.0)) {
    std::ostringstream m;
    m << "toned_muscle: step dt = " << point.dt_s << " s; expected >= 0 s";
    throw std::invalid_argument(m.str());
  }
  const ToneState old = point.history_old ? ToneState::from_history(point.history_old) : dynamics_.initial_state();
  ToneState next = dynamics_.relax(old, point.dt_s);
  next.tone = dynamics_.tone(next, point.X);
  muscle_.isochoric_at(point, next.tone, ToneDynamics::resting_length_factor(next), out);
  if (!point.history_new) return;
  const ToneStimulus now = measure_tone_stimulus(point.F, point.fibre.normalized(), out.S,
                                                 point.pressure_Pa, old.stimulus, point.dt_s);
  dynamics_.accumulate_exposure(old.stimulus, now, point.dt_s, next);
  next.to_history(point.history_new);
}

double TonedMuscle::rest_shear_modulus(double a, double rho) const {
  const BlemkerMuscleParams& p = muscle_.params();
  const double l = 1.0 / (p.lambda_ofl * rho);
  return 2.0 * p.G1_Pa + p.sigma_max_Pa * (muscle_.f_passive(l) + a * BlemkerMuscle::f_active(l)) * l;
}

std::vector<sim::MaterialOutput> TonedMuscle::outputs() const {
  using S = sim::MaterialOutput::Summary;
  return {{"tone", "-", S::region_mean_max},
          {"rest_shear_modulus", "Pa", S::region_mean_max},
          {"resting_length_factor", "-", S::region_mean_max},
          {"released_fraction", "-", S::region_mean_max},
          {"thixotropic_tone", "-", S::none},
          {"cross_fibre_compression", "-", S::none},
          {"compressive_stress", "Pa", S::none},
          {"pressure_damage", "-", S::region_mean_max},
          {"strain_damage", "-", S::region_mean_max},
          {"pressure_time", "Pa s", S::none},
          {"strain_time", "s", S::none},
          {"injury_flag", "-", S::global_max}};
}

void TonedMuscle::output_values(const double* history, double* values) const {
  const ToneState s = ToneState::from_history(history);
  const double v[] = {s.tone,
                      rest_shear_modulus(s.tone, ToneDynamics::resting_length_factor(s)),
                      ToneDynamics::resting_length_factor(s),
                      s.released,
                      s.thixotropic,
                      s.stimulus.compression,
                      s.stimulus.compressive_stress_Pa,
                      s.pressure_damage,
                      s.strain_damage,
                      s.pressure_time_Pa_s,
                      s.strain_time_s,
                      ToneDynamics::unsafe(s) ? 1.0 : 0.0};
  for (size_t k = 0; k < std::size(v); ++k) values[k] = v[k];
}

}  // namespace myo::models
