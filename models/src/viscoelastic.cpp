#include "myo/models/viscoelastic.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace myo::models {

namespace {

constexpr int kVoigt = 6;

// Symmetric tensor from Voigt order (xx, yy, zz, xy, yz, xz), the inverse of sim::to_voigt.
sim::Mat3 from_voigt(const double* v) {
  sim::Mat3 A;
  A << v[0], v[3], v[5],  //
      v[3], v[1], v[4],   //
      v[5], v[4], v[2];
  return A;
}

void store_voigt(const sim::Mat3& A, double* v) {
  const sim::Vec6 a = sim::to_voigt(A);
  for (int k = 0; k < kVoigt; ++k) v[k] = a(k);
}

}  // namespace

Viscoelastic::Viscoelastic(std::shared_ptr<const sim::Material> base, std::vector<Term> terms)
    : base_(std::move(base)), terms_(std::move(terms)) {
  if (!base_) throw std::invalid_argument("base: no elastic base material given (viscoelastic)");
  if (base_->n_history() != 0) {
    std::ostringstream message;
    message << "base: '" << base_->name() << "' carries " << base_->n_history()
            << " history values per point; expected an elastic base without history "
            << "(viscoelastic)";
    throw std::invalid_argument(message.str());
  }
  for (size_t i = 0; i < terms_.size(); ++i) {
    const Term& t = terms_[i];
    if (!(t.beta >= 0.0) || !std::isfinite(t.beta)) {
      std::ostringstream message;
      message << "beta" << i + 1 << ": " << t.beta
              << " is out of range; expected >= 0 (Prony free-energy factor)";
      throw std::invalid_argument(message.str());
    }
    if (!(t.tau_s > 0.0) || !std::isfinite(t.tau_s)) {
      std::ostringstream message;
      message << "tau" << i + 1 << ": " << t.tau_s
              << " s is out of range; expected > 0 s (Prony relaxation time)";
      throw std::invalid_argument(message.str());
    }
  }
  set_volumetric(base_->volumetric());
}

void Viscoelastic::init_history(double* history) const {
  for (int k = 0; k < n_history(); ++k) history[k] = 0.0;
}

double Viscoelastic::shear_modulus() const {
  double factor = 1.0;
  for (const Term& t : terms_) factor += t.beta;
  return factor * base_->shear_modulus();
}

void Viscoelastic::isochoric(const sim::MaterialPoint& point, sim::IsochoricResponse& out) const {
  // The equilibrium branch: the base at F_n+1 (it has no history of its own).
  sim::MaterialPoint elastic = point;
  elastic.history_old = nullptr;
  elastic.history_new = nullptr;
  sim::IsochoricResponse inf;
  base_->isochoric(elastic, inf);

  // history_old == nullptr is the initial state: S_iso,n^inf = 0 and Q_i,n = 0.
  const double* old = point.history_old;
  const sim::Mat3 S_inf_n = old ? from_voigt(old) : sim::Mat3::Zero();
  const sim::Mat3 dS_inf = inf.S - S_inf_n;

  // Holzapfel 2000, sec. 6.10: Q_i,n+1 = xi_i^2 Q_i,n + beta_i xi_i (S_n+1^inf - S_n^inf),
  // xi_i = exp(-dt/(2 tau_i)); dt = 0 gives xi_i = 1, the instantaneous response.
  sim::Mat3 S = inf.S;
  double tangent_factor = 1.0;
  for (size_t i = 0; i < terms_.size(); ++i) {
    const double xi = std::exp(-0.5 * point.dt_s / terms_[i].tau_s);
    const double* Q_old = old ? old + kVoigt * (i + 1) : nullptr;
    sim::Mat3 Q = terms_[i].beta * xi * dS_inf;
    if (Q_old) Q += xi * xi * from_voigt(Q_old);
    S += Q;
    tangent_factor += terms_[i].beta * xi;
    if (point.history_new) store_voigt(Q, point.history_new + kVoigt * (i + 1));
  }
  if (point.history_new) store_voigt(inf.S, point.history_new);

  out.W = inf.W;  // the equilibrium energy; the branches' Upsilon_i are not tracked
  out.S = S;
  out.CC = tangent_factor * inf.CC;
}

}  // namespace myo::models
