#pragma once
// One way to declare a registry parameter, shared by the registration functions.
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "myo/sim/model_spec.hpp"

namespace myo::models {

/// A parameter spec: key, SI unit, default (NaN = required), inclusive range, long name, source.
inline sim::ParamSpec make_param(std::string name, std::string unit, double default_value, double min, double max,
                                 std::string long_name, std::string source) {
  sim::ParamSpec p;
  p.name = std::move(name);
  p.unit = std::move(unit);
  p.default_value = default_value;
  p.min = min;
  p.max = max;
  p.long_name = std::move(long_name);
  p.source = std::move(source);
  return p;
}

/// A length (m): in a scenario it needs its unit, since a bare 6 would be 6 m, not 6 mm.
inline sim::ParamSpec make_length_param(std::string name, double default_m, double min_m, double max_m,
                                        std::string long_name, std::string source) {
  sim::ParamSpec p = make_param(std::move(name), "m", default_m, min_m, max_m, std::move(long_name), std::move(source));
  p.unit_required = true;
  return p;
}

/// A material's constructor check: unless ok (and value finite), throws std::invalid_argument
/// "key: value unit is out of range; expected <expected> (<long_name>)" (unit "" for none).
inline void require_in_range(bool ok, const char* key, double value, const char* unit,
                             const char* expected, const char* long_name) {
  if (ok && std::isfinite(value)) return;
  std::ostringstream message;
  message << key << ": " << value << (unit[0] ? " " : "") << unit << " is out of range; expected "
          << expected << " (" << long_name << ")";
  throw std::invalid_argument(message.str());
}

/// values.at(key) as an int (a count declared as a double); throws std::invalid_argument naming
/// the key and the value when it is not a whole number.
inline int whole_number(const sim::ParamValues& values, const std::string& key) {
  const double x = values.at(key);
  if (x != std::floor(x)) throw std::invalid_argument(key + ": " + std::to_string(x) + "; should be a whole number");
  return static_cast<int>(x);
}

}  // namespace myo::models
