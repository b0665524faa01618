#include "myo/sim/contact_resolution.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>

namespace myo::sim {
namespace {

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

ContactResolution::ContactResolution(std::vector<std::string> names, std::vector<double> penalty_factors)
    : names_(std::move(names)), factors_(std::move(penalty_factors)), largest_(names_.size()) {}

void ContactResolution::observe(double t, const std::vector<ContactState>& states) {
  for (size_t k = 0; k < largest_.size() && k < states.size(); ++k)
    if (states[k].area_m2 > 0.0 && states[k].area_m2 >= largest_[k].state.area_m2) largest_[k] = {t, states[k]};
}

std::vector<std::string> ContactResolution::warnings() const {
  std::vector<std::string> out;
  for (size_t k = 0; k < largest_.size(); ++k) {
    const ContactState& s = largest_[k].state;
    if (!(s.area_m2 > 0.0)) continue;
    const std::string where = "contact \"" + names_[k] + "\" at t = " + fmt("%.4g", largest_[k].time_s) + " s: ";
    // A patch on the axis or a flat patch: the radius of the disc of its area.
    const double radius = std::sqrt(s.area_m2 / std::numbers::pi);
    if (radius < kMinCellsAcrossRadius * s.touched_face_size_m)
      out.push_back(where + "the contact patch (radius " + fmt("%.3g", radius * 1e3) +
                    " mm) spans fewer than two cells (faces up to " + fmt("%.3g", s.touched_face_size_m * 1e3) +
                    " mm): force, pressure and area are not resolved; refine the mesh under the device to cells of "
                    "at most " + fmt("%.2g", radius / 3.0 * 1e3) + " mm");
    const double travel = std::abs(s.depth_m);
    if (travel > 0.0 && s.max_penetration_m > kMaxPenetrationShare * travel) {
      std::string fix = factors_[k] > 0.0 ? "raise penalty_factor (now " + fmt("%g", factors_[k]) + ")"
                                          : "raise the penalty";
      out.push_back(where + "the device sinks " + fmt("%.3g", s.max_penetration_m * 1e3) +
                    " mm into the surface through the penalty, " + fmt("%.1f", 100.0 * s.max_penetration_m / travel) +
                    " % of its travel: refine the mesh under the device or " + fix);
    }
  }
  return out;
}

}  // namespace myo::sim
