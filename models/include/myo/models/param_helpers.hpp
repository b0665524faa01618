#pragma once
// One way to declare a registry parameter, shared by the registration functions.
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

}  // namespace myo::models
