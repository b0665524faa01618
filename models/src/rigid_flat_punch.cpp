#include "myo/models/rigid_flat_punch.hpp"

#include <stdexcept>

#include "myo/models/distance_field.hpp"

namespace myo::models {

RigidFlatPunch::RigidFlatPunch(double radius_m, double fillet_m, double height_m)
    : a_m_(radius_m), fillet_m_(fillet_m), half_height_m_(0.5 * height_m) {
  if (!(radius_m > 0.0)) throw std::invalid_argument("radius: must be > 0");
  if (!(fillet_m > 0.0 && fillet_m < radius_m))
    throw std::invalid_argument("fillet: must be > 0 and < radius");
  if (!(height_m > 2.0 * fillet_m)) throw std::invalid_argument("height: must be > 2 fillet");
}

sim::SurfaceDistance RigidFlatPunch::distance(const sim::Vec3& x) const {
  return field::rounded_cylinder(x, centre(), sim::Vec3::UnitZ(), a_m_, half_height_m_, fillet_m_);
}

sim::Vec3 RigidFlatPunch::tip(const sim::Vec3& axis) const {
  return field::rounded_cylinder_tip(centre(), sim::Vec3::UnitZ(), a_m_, half_height_m_, fillet_m_,
                                     axis.normalized());
}

}  // namespace myo::models
