#pragma once
// A piecewise-linear function of time, as FEBio's load curves: (t_i, v_i) points, constant
// beyond the ends. Units are those of the quantity it scales.
#include <string>
#include <utility>
#include <vector>

namespace myo::sim {

class TimeTable {
 public:
  TimeTable() = default;
  /// points: (time s, value) pairs with strictly increasing times; throws std::invalid_argument
  /// naming `key_path` otherwise.
  TimeTable(std::vector<std::pair<double, double>> points, const std::string& key_path = "table");
  /// The ramp 0 -> value over [t0, t1] (the default load curve of a step).
  static TimeTable ramp(double t0_s, double t1_s, double value);
  static TimeTable constant(double value);

  double operator()(double t_s) const;
  const std::vector<std::pair<double, double>>& points() const { return points_; }
  /// Times at which the slope changes (s); steppers land on them.
  std::vector<double> breakpoints() const;

 private:
  std::vector<std::pair<double, double>> points_{{0.0, 0.0}};
};

}  // namespace myo::sim
