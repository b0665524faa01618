#pragma once
// The state of the tone model at one quadrature point (tone_dynamics.hpp), and its place in the
// material history (n_history doubles per point, written by TonedMuscle).
#include "myo/models/tone_stimulus.hpp"

namespace myo::models {

struct ToneState {
  double released = 0.0;           ///< q in [0, q_max], released fraction of the tone (-)
  double thixotropic = 0.0;        ///< h in [0, h_max], tone added by holding short (-)
  double shortening_movable = 0.0; ///< delta_m, part of the resting-length shortening movement undoes (-)
  double shortening_persistent = 0.0;  ///< delta_p, the rest (-)
  double pressure_damage = 0.0;    ///< D_p, Miner sum against the pressure-time threshold (-)
  double strain_damage = 0.0;      ///< D_e, Miner sum against the strain-time threshold (-)
  double pressure_time_Pa_s = 0.0; ///< int sigma_c dt (Pa s)
  double strain_time_s = 0.0;      ///< int eps dt (s)
  ToneStimulus stimulus;           ///< at the end of the step that produced this state
  double tone = 0.0;               ///< a used for the stress of that step (-), kept for output

  static constexpr int kSize = 14;  ///< doubles in the history layout
  /// history: kSize doubles in the order of the members above (stimulus flattened).
  static ToneState from_history(const double* history);
  void to_history(double* history) const;
};

}  // namespace myo::models
