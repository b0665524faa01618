#include "myo/models/tone_params.hpp"

namespace myo::models {

ToneParams ToneParams::from_values(const sim::ParamValues& v) {
  ToneParams p;
  p.baseline = v.at("baseline_tone");
  p.knot_centre_m = sim::Vec3(v.at("knot_x"), v.at("knot_y"), v.at("knot_z"));
  p.knot_radius_m = v.at("knot_radius");
  p.knot_peak = v.at("knot_peak");
  p.release_threshold = v.at("release_threshold");
  p.release_fraction = v.at("release_fraction");
  p.release_tau_s = v.at("release_tau");
  p.recovery_tau_s = v.at("recovery_tau");
  p.short_stretch = v.at("short_stretch");
  p.thixotropy_amount = v.at("thixotropy_amount");
  p.thixotropy_tau_s = v.at("thixotropy_tau");
  p.movement_rate_per_s = v.at("movement_rate");
  p.movement_tau_s = v.at("movement_tau");
  p.shortening_max = v.at("shortening_max");
  p.adaptation_tau_s = v.at("adaptation_tau");
  p.movement_undo_fraction = v.at("movement_undo_fraction");
  p.pressure = {v.at("dti_pressure_high"), v.at("dti_pressure_low"), v.at("dti_pressure_mid_time"),
                v.at("dti_pressure_width"), v.at("dti_min_time")};
  p.strain = {v.at("dti_strain_high"), v.at("dti_strain_low"), v.at("dti_strain_mid_time"),
              v.at("dti_strain_width"), v.at("dti_min_time")};
  p.initial_released = v.at("initial_released_fraction");
  p.initial_thixotropic = v.at("initial_thixotropic_tone");
  p.initial_shortening_movable = v.at("initial_shortening_movable");
  p.initial_shortening_persistent = v.at("initial_shortening_persistent");
  p.preceding_run_s = v.at("preceding_run");
  p.fatigue_run_s = v.at("fatigue_run");
  p.fatigue_strain_factor = v.at("fatigue_strain_factor");
  return p;
}

}  // namespace myo::models
