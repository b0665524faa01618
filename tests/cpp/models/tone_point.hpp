// One material point of toned_muscle marched through time as the assembler does it (evaluate with
// the committed history, then commit), and the stiffness measure the tone is calibrated against.
// Shared by test_toned_muscle.cpp, test_tone_calibration.cpp and test_injury_threshold.cpp.
#pragma once

#include <cmath>
#include <memory>
#include <vector>

#include "../builtin_registry.hpp"
#include "myo/models/toned_muscle.hpp"
#include "myo/sim/material.hpp"

namespace myo::test {

// A toned_muscle from the registry: defaults, kappa = 1 MPa, and `params` on top.
inline std::shared_ptr<const models::TonedMuscle> toned_muscle(sim::ParamValues params = {}) {
  params["kappa"] = 1e6;
  std::shared_ptr<const sim::Material> m =
      builtin_registry().make_material("toned_muscle", params, "materials.muscle");
  return std::dynamic_pointer_cast<const models::TonedMuscle>(m);
}

// Isochoric fibre stretch lambda along x (the fibre), the cross-section contracting equally.
inline sim::Mat3 fibre_stretch(double lambda) {
  return sim::Vec3(lambda, 1.0 / std::sqrt(lambda), 1.0 / std::sqrt(lambda)).asDiagonal();
}

// Squeeze lambda < 1 along z at constant fibre (x) length, the tissue escaping along y.
inline sim::Mat3 cross_squeeze(double lambda) { return sim::Vec3(1.0, 1.0 / lambda, lambda).asDiagonal(); }

class TonePoint {
 public:
  explicit TonePoint(std::shared_ptr<const models::TonedMuscle> m, sim::Vec3 X = sim::Vec3(1, 1, 1))
      : m_(std::move(m)), X_(X), old_(m_->n_history()), new_(m_->n_history()) {
    m_->init_history(old_.data());
  }

  // One accepted step of dt_s (s) ending at the homogeneous deformation F (fibre along x) whose
  // faces normal to y are traction-free: the pressure p (Pa) makes sigma_yy = 0, as equilibrium
  // would in a body (for a fibre stretch, both lateral stresses vanish).
  void step(const sim::Mat3& F, double dt_s) {
    sim::IsochoricResponse r;
    m_->isochoric(point(F, dt_s, 0.0, false), r);
    step_at_pressure(F, dt_s, -sim::cauchy_stress(F, r.S)(1, 1));
  }
  // The same with a given pressure p = U'(J) (Pa, tension positive).
  void step_at_pressure(const sim::Mat3& F, double dt_s, double pressure_Pa) {
    sim::IsochoricResponse r;
    m_->isochoric(point(F, dt_s, pressure_Pa, true), r);
    old_ = new_;
    t_s_ += dt_s;
  }
  // Hold F for duration_s in steps of dt_s.
  void hold(const sim::Mat3& F, double duration_s, double dt_s) {
    const int n = static_cast<int>(std::lround(duration_s / dt_s));
    for (int k = 0; k < n; ++k) step(F, dt_s);
  }

  models::ToneState state() const { return models::ToneState::from_history(old_.data()); }
  double time_s() const { return t_s_; }

  // Isochoric response at F with the committed history and dt = 0 (the state as it is).
  sim::IsochoricResponse response(const sim::Mat3& F) const {
    sim::IsochoricResponse r;
    m_->isochoric(point(F, 0.0, 0.0, false), r);
    return r;
  }
  // The along-fibre shear modulus (Pa) of the current state at F = I: d sigma_xy / d gamma for
  // F = I + gamma e_y (x) e_x (a transverse deflection that varies along the fibre, as a
  // myotonometer or a shear wave along the fibres sees it). Simple shear is isochoric, so the
  // pressure does not enter; central differences, gamma = 1e-6.
  double stiffness() const {
    const double g = 1e-6;
    const auto sigma_xy = [&](double gamma) {
      sim::Mat3 F = sim::Mat3::Identity();
      F(1, 0) = gamma;
      return sim::cauchy_stress(F, response(F).S)(0, 1);
    };
    return (sigma_xy(g) - sigma_xy(-g)) / (2.0 * g);
  }

 private:
  sim::MaterialPoint point(const sim::Mat3& F, double dt_s, double p, bool advance) const {
    sim::MaterialPoint mp;
    mp.F = F;
    mp.fibre = sim::Vec3::UnitX();
    mp.X = X_;
    mp.dt_s = dt_s;
    mp.time_s = t_s_ + dt_s;
    mp.pressure_Pa = p;
    mp.history_old = old_.data();
    mp.history_new = advance ? new_.data() : nullptr;
    return mp;
  }

  std::shared_ptr<const models::TonedMuscle> m_;
  sim::Vec3 X_;
  std::vector<double> old_;
  mutable std::vector<double> new_;
  double t_s_ = 0.0;
};

// Least-squares time constant (s) of x(t) -> x_inf from samples (t_k, x_k): the slope of
// ln|x - x_inf| against t is -1/tau.
inline double fitted_tau(const std::vector<double>& t, const std::vector<double>& x, double x_inf) {
  double st = 0, sy = 0, stt = 0, sty = 0;
  const double n = static_cast<double>(t.size());
  for (size_t k = 0; k < t.size(); ++k) {
    const double y = std::log(std::abs(x[k] - x_inf));
    st += t[k];
    sy += y;
    stt += t[k] * t[k];
    sty += t[k] * y;
  }
  return -(n * stt - st * st) / (n * sty - st * sy);
}

}  // namespace myo::test
