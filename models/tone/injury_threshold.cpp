#include "myo/models/injury_threshold.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace myo::models {
namespace {

void require(bool ok, const char* name, const char* field, double value, const char* expected) {
  if (ok && std::isfinite(value)) return;
  std::ostringstream m;
  m << name << "_" << field << ": " << value << " is out of range; expected " << expected;
  throw std::invalid_argument(m.str());
}

}  // namespace

InjuryThreshold::InjuryThreshold(const Params& p, const char* name) : p_(p), name_(name) {
  require(p.s_low >= 0.0, name, "low", p.s_low, ">= 0");
  require(p.s_high > p.s_low, name, "high", p.s_high, "> the long-time threshold (low)");
  require(p.t_mid_s >= 0.0, name, "mid_time", p.t_mid_s, ">= 0 s");
  require(p.t_width_s > 0.0, name, "width", p.t_width_s, "> 0 s");
  require(p.t_min_s > 0.0, name, "min_time", p.t_min_s, "> 0 s");
}

double InjuryThreshold::threshold(double t_s) const {
  return p_.s_low + (p_.s_high - p_.s_low) / (1.0 + std::exp((t_s - p_.t_mid_s) / p_.t_width_s));
}

double InjuryThreshold::allowed_time(double s) const {
  if (s <= p_.s_low) return std::numeric_limits<double>::infinity();
  if (s >= p_.s_high) return p_.t_min_s;
  const double t = p_.t_mid_s + p_.t_width_s * std::log((p_.s_high - p_.s_low) / (s - p_.s_low) - 1.0);
  return std::max(p_.t_min_s, t);
}

double InjuryThreshold::damage_rate(double s) const {
  if (s <= p_.s_low) return 0.0;
  return 1.0 / allowed_time(s);
}

InjuryThreshold InjuryThreshold::scaled(double factor) const {
  require(factor > 0.0, name_, "scale", factor, "> 0");
  Params p = p_;
  p.s_low *= factor;
  p.s_high *= factor;
  return InjuryThreshold(p, name_);
}

}  // namespace myo::models
