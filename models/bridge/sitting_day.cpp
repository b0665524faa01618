#include "myo/models/sitting_day.hpp"

#include <stdexcept>

#include "myo/models/pelvis_posture.hpp"

namespace myo::models {

double sitting_fibre_stretch(const PelvisModel& model, double hip_flexion_rad) {
  const PostureResult standing = solve_standing(model);
  if (!standing.converged) throw std::runtime_error("sitting_fibre_stretch: quiet standing did not converge");
  Eigen::Vector4d q_sit = standing.q;
  q_sit(2) = hip_flexion_rad;
  const double l_stand = model.muscle_states(model.pose(standing.q), 2).at(0).fibre_length_norm;
  const double l_sit = model.muscle_states(model.pose(q_sit), 2).at(0).fibre_length_norm;
  return l_sit / l_stand;
}

std::vector<TonePhase> sitting_day_phases(const SittingDay& day, double sitting_stretch) {
  std::vector<TonePhase> phases;
  if (day.sitting_s > 0.0) phases.push_back({"sitting", day.sitting_s, sitting_stretch, 0.0, 0.0});
  if (day.standing_s > 0.0) phases.push_back({"standing", day.standing_s, 1.0, 0.0, 0.0});
  if (day.run_s > 0.0) phases.push_back({"run", day.run_s, 1.0, day.run_fibre_rate_per_s, 0.0});
  return phases;
}

}  // namespace myo::models
