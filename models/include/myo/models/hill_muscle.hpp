#pragma once
// Hill-type muscle with a rigid tendon: force along the path from the muscle-tendon length.
//
// Thelen 2003, J Biomech Eng 125:70 (curves as OpenSim Thelen2003Muscle), constant-thickness
// pennation (Millard 2012, J Biomech Eng 135:021005):
//     l_opt' = rho l_opt                          resting-length factor rho (tone_dynamics.hpp)
//     l_m    = sqrt((L - l_ts)^2 + (l_opt' sin alpha0)^2),   cos alpha = (L - l_ts) / l_m
//     l~     = l_m / l_opt'
//     f_L    = exp(-(l~ - 1)^2 / gamma),  gamma = 0.45            active force-length
//     f_PE   = (exp(k_PE (l~ - 1)/e0) - 1) / (exp(k_PE) - 1),  k_PE = 4, e0 = 0.6, 0 for l~ < 1
//     F      = F0 (a f_L + f_PE) cos alpha                       along the path (N)
// a is a constant tonic activation (tone); no force-velocity: the model is static.
// A rigid tendon is honest for the short-tendon hip flexors (l_ts/l_opt ~ 1); it overstates the
// stiffness of long-tendon muscles (rectus femoris, hamstrings), whose passive forces here are
// therefore an upper bound.
#include <string>

namespace myo::models {

struct HillMuscleParams {
  std::string name;            ///< e.g. "iliacus"
  double max_force_N = 0.0;    ///< F0, maximum isometric force (N)
  double optimal_fibre_length_m = 0.0;  ///< l_opt (m)
  double tendon_slack_length_m = 0.0;   ///< l_ts (m)
  double pennation_rad = 0.0;  ///< alpha0, pennation at optimal fibre length (rad)
  std::string source;          ///< where F0, l_opt, l_ts, alpha0 come from
};

class HillMuscle {
 public:
  explicit HillMuscle(HillMuscleParams params);

  /// Force along the path F (N) at muscle-tendon length L_m (m), activation a (-) and
  /// resting-length factor rho (-).
  double force(double length_m, double activation, double rho) const;
  /// Normalised fibre length l~ (-); 0 when the path is shorter than the tendon.
  double normalised_fibre_length(double length_m, double rho) const;
  /// Passive curve f_PE(l~) (-) and active f_L(l~) (-) of Thelen 2003.
  static double passive_force_length(double l_norm);
  static double active_force_length(double l_norm);
  const HillMuscleParams& params() const { return p_; }

 private:
  HillMuscleParams p_;
};

}  // namespace myo::models
