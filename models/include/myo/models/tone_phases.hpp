#pragma once
// The tone model (tone_dynamics.hpp) at one point driven through a sequence of phases, each with
// constant drives: a day of sitting, standing and running without a mesh. Within a phase the
// model's ODEs are linear with constant targets, so tone_after_phases is exact, whatever the
// phase length (the finite-element run of the same day lags a stimulus by one step).
#include <string>
#include <vector>

#include "myo/models/tone_dynamics.hpp"

namespace myo::models {

struct TonePhase {
  std::string name;
  double duration_s = 0.0;        ///< (s), >= 0
  double fibre_stretch = 1.0;     ///< lambda_f held through the phase (-): below short_stretch = held short
  double fibre_rate_per_s = 0.0;  ///< |d lambda_f / dt| (1/s): above movement_rate = moving
  double compression = 0.0;       ///< e_c across the fibres (-): above release_threshold = compressed
};

/// The state after `phases` from `start` (q, h, delta_m, delta_p; exposure is not accumulated:
/// no stress is known without a mesh). The returned stimulus is that of the last phase, and
/// tone = a at a point without a knot. Throws std::invalid_argument naming the phase for a
/// negative or non-finite duration.
ToneState tone_after_phases(const ToneDynamics& dynamics, ToneState start, const std::vector<TonePhase>& phases);

}  // namespace myo::models
