#include "myo/models/tone_state.hpp"

namespace myo::models {

ToneState ToneState::from_history(const double* h) {
  ToneState s;
  s.released = h[0];
  s.thixotropic = h[1];
  s.shortening_movable = h[2];
  s.shortening_persistent = h[3];
  s.pressure_damage = h[4];
  s.strain_damage = h[5];
  s.pressure_time_Pa_s = h[6];
  s.strain_time_s = h[7];
  s.stimulus.compression = h[8];
  s.stimulus.compressive_stress_Pa = h[9];
  s.stimulus.injury_strain = h[10];
  s.stimulus.fibre_stretch = h[11];
  s.stimulus.fibre_rate_per_s = h[12];
  s.tone = h[13];
  return s;
}

void ToneState::to_history(double* h) const {
  const double values[kSize] = {released,
                                thixotropic,
                                shortening_movable,
                                shortening_persistent,
                                pressure_damage,
                                strain_damage,
                                pressure_time_Pa_s,
                                strain_time_s,
                                stimulus.compression,
                                stimulus.compressive_stress_Pa,
                                stimulus.injury_strain,
                                stimulus.fibre_stretch,
                                stimulus.fibre_rate_per_s,
                                tone};
  for (int k = 0; k < kSize; ++k) h[k] = values[k];
}

}  // namespace myo::models
