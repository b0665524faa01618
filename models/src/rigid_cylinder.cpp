#include "myo/models/rigid_cylinder.hpp"

#include <stdexcept>

#include "myo/models/distance_field.hpp"

namespace myo::models {

RigidCylinder::RigidCylinder(double diameter_m, double length_m, double edge_radius_m)
    : R_m_(0.5 * diameter_m), half_length_m_(0.5 * length_m), edge_m_(edge_radius_m) {
  if (!(diameter_m > 0.0)) throw std::invalid_argument("diameter: must be > 0");
  if (!(length_m > 0.0)) throw std::invalid_argument("length: must be > 0");
  if (!(edge_radius_m > 0.0 && edge_radius_m < R_m_ && edge_radius_m < half_length_m_))
    throw std::invalid_argument("edge_radius: must be > 0 and < diameter/2 and < length/2");
}

sim::SurfaceDistance RigidCylinder::distance(const sim::Vec3& x) const {
  return field::rounded_cylinder(x, sim::Vec3::Zero(), sim::Vec3::UnitX(), R_m_, half_length_m_,
                                 edge_m_);
}

sim::Vec3 RigidCylinder::tip(const sim::Vec3& axis) const {
  return field::rounded_cylinder_tip(sim::Vec3::Zero(), sim::Vec3::UnitX(), R_m_, half_length_m_,
                                     edge_m_, axis.normalized());
}

}  // namespace myo::models
