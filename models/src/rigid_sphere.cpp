#include "myo/models/rigid_sphere.hpp"

#include <stdexcept>

namespace myo::models {

RigidSphere::RigidSphere(double diameter_m) : R_m_(0.5 * diameter_m) {
  if (!(diameter_m > 0.0)) throw std::invalid_argument("diameter: must be > 0");
}

sim::SurfaceDistance RigidSphere::distance(const sim::Vec3& x) const {
  sim::SurfaceDistance d;
  const double r = x.norm();
  if (r == 0.0) {  // the centre: any direction is a normal; the penalty is bounded anyway
    d.g = -R_m_;
    return d;
  }
  d.g = r - R_m_;
  d.n = x / r;
  d.dn_dx = (sim::Mat3::Identity() - d.n * d.n.transpose()) / r;
  return d;
}

}  // namespace myo::models
