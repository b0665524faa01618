#include "myo/models/tone_phases.hpp"

#include <cmath>
#include <stdexcept>

namespace myo::models {

ToneState tone_after_phases(const ToneDynamics& dynamics, ToneState s, const std::vector<TonePhase>& phases) {
  for (const TonePhase& phase : phases) {
    if (!(phase.duration_s >= 0.0) || !std::isfinite(phase.duration_s))
      throw std::invalid_argument("phase \"" + phase.name + "\": duration " + std::to_string(phase.duration_s) +
                                  " s; expected a finite time >= 0 s");
    s.stimulus.fibre_stretch = phase.fibre_stretch;
    s.stimulus.fibre_rate_per_s = phase.fibre_rate_per_s;
    s.stimulus.compression = phase.compression;
    s = dynamics.relax(s, phase.duration_s);
  }
  s.tone = ToneDynamics::tone_from(dynamics.params().baseline, s);
  return s;
}

}  // namespace myo::models
