// Checking scenario parameters against a model's ParamSpec list (see model_spec.hpp). Every error
// names the key path, the value given and what was expected, so that a user can fix the scenario
// file from the message alone.
#include "myo/sim/model_spec.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace myo::sim {

namespace {

std::string format_number(double x) {
  std::ostringstream os;
  os.precision(10);
  os << x;
  return os.str();
}

// A dimensionless unit ("-") is not printed after the number.
std::string format_quantity(double x, const std::string& unit) {
  if (unit.empty() || unit == "-") return format_number(x);
  return format_number(x) + " " + unit;
}

std::string unit_suffix(const std::string& unit) {
  return (unit.empty() || unit == "-") ? std::string() : " " + unit;
}

std::string describe_range(const ParamSpec& p) {
  const bool has_min = std::isfinite(p.min);
  const bool has_max = std::isfinite(p.max);
  const std::string lo = p.min_exclusive ? "(" : "[";
  if (has_min && has_max) {
    return "in " + lo + format_number(p.min) + ", " + format_number(p.max) + "]" +
           unit_suffix(p.unit);
  }
  if (has_min) return (p.min_exclusive ? "> " : ">= ") + format_quantity(p.min, p.unit);
  if (has_max) return "<= " + format_quantity(p.max, p.unit);
  return "a finite number" + (unit_suffix(p.unit).empty() ? "" : " in" + unit_suffix(p.unit));
}

bool in_range(const ParamSpec& p, double v) {
  if (!std::isfinite(v)) return false;
  const bool above_min = p.min_exclusive ? v > p.min : v >= p.min;
  return above_min && v <= p.max;
}

std::string known_keys(const ModelSpec& spec) {
  std::string keys;
  for (const ParamSpec& p : spec.params) keys += (keys.empty() ? "" : ", ") + p.name;
  return keys.empty() ? "(none)" : keys;
}

std::string key_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

}  // namespace

const ParamSpec* ModelSpec::find(const std::string& key) const {
  for (const ParamSpec& p : params) {
    if (p.name == key) return &p;
  }
  return nullptr;
}

ParamValues ModelSpec::resolve(const ParamValues& given, const std::string& path) const {
  for (const auto& [key, value] : given) {
    if (find(key) == nullptr) {
      throw std::invalid_argument(key_path(path, key) + ": unknown key for " + kind + " '" + name +
                                  "' (value " + format_number(value) +
                                  "); known keys: " + known_keys(*this));
    }
  }
  ParamValues resolved;
  for (const ParamSpec& p : params) {
    const auto it = given.find(p.name);
    if (it == given.end()) {
      if (p.required()) {
        throw std::invalid_argument(key_path(path, p.name) + ": missing required key (" +
                                    p.long_name + "); expected a value " + describe_range(p));
      }
      resolved[p.name] = p.default_value;
      continue;
    }
    if (!in_range(p, it->second)) {
      throw std::invalid_argument(key_path(path, p.name) + ": " +
                                  format_quantity(it->second, p.unit) +
                                  " is out of range; expected " + describe_range(p) + " (" +
                                  p.long_name + ")");
    }
    resolved[p.name] = it->second;
  }
  return resolved;
}

}  // namespace myo::sim
