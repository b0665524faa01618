#include "myo/sim/time_table.hpp"

#include <algorithm>
#include <stdexcept>

namespace myo::sim {

TimeTable::TimeTable(std::vector<std::pair<double, double>> points, const std::string& key_path)
    : points_(std::move(points)) {
  if (points_.empty()) throw std::invalid_argument(key_path + ": a table needs at least one point");
  for (size_t i = 1; i < points_.size(); ++i)
    if (!(points_[i].first > points_[i - 1].first))
      throw std::invalid_argument(key_path + ": times must increase strictly (point " +
                                  std::to_string(i) + ")");
}

TimeTable TimeTable::ramp(double t0_s, double t1_s, double value) {
  if (!(t1_s > t0_s)) return TimeTable({{t0_s, value}});
  return TimeTable({{t0_s, 0.0}, {t1_s, value}});
}

TimeTable TimeTable::constant(double value) { return TimeTable({{0.0, value}}); }

double TimeTable::operator()(double t) const {
  if (t <= points_.front().first) return points_.front().second;
  if (t >= points_.back().first) return points_.back().second;
  auto it = std::upper_bound(points_.begin(), points_.end(), t,
                             [](double x, const auto& p) { return x < p.first; });
  const auto& [t1, v1] = *it;
  const auto& [t0, v0] = *(it - 1);
  return v0 + (v1 - v0) * (t - t0) / (t1 - t0);
}

std::vector<double> TimeTable::breakpoints() const {
  std::vector<double> t;
  for (const auto& p : points_) t.push_back(p.first);
  return t;
}

}  // namespace myo::sim
