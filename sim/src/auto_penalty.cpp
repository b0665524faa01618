#include "myo/sim/auto_penalty.hpp"

#include <cmath>
#include <stdexcept>

namespace myo::sim {

AutoPenalty::AutoPenalty(const Assembler& assembler, std::vector<Face> faces, double factor)
    : faces_(std::move(faces)), factor_(factor) {
  if (!(factor > 0.0) || !std::isfinite(factor))
    throw std::invalid_argument("penalty_factor: " + std::to_string(factor) + "; expected > 0");
  for (const Face& f : faces_) {
    const FaceGeometry g = reference_face_geometry(assembler.mesh(), f);
    normal_.push_back(g.normal);
    // A face on the axis sweeps no area; its in-plane size stands in for the height.
    height_m_.push_back(g.area_m2 > 0.0 ? assembler.cell_volume(f.cell) / g.area_m2 : g.size_m);
    mu_rest_Pa_.push_back(assembler.cell_material(f.cell).shear_modulus());
  }
}

bool AutoPenalty::update(const Assembler& assembler, const Eigen::VectorXd& u, double t, std::vector<double>& K) const {
  K.resize(faces_.size(), 0.0);
  bool changed = false;
  for (size_t f = 0; f < faces_.size(); ++f) {
    // A cell that softens (or whose tangent loses stability) keeps a tenth of its resting modulus:
    // the penalty must stay a penalty.
    double mu = assembler.normal_modulus(u, t, faces_[f].cell, normal_[f]);
    if (!(mu >= 0.1 * mu_rest_Pa_[f])) mu = 0.1 * mu_rest_Pa_[f];
    const double K_new = factor_ * mu / height_m_[f];
    if (K[f] > 0.0 && K_new < kHysteresis * K[f] && K_new * kHysteresis > K[f]) continue;
    changed = changed || K[f] != K_new;
    K[f] = K_new;
  }
  return changed;
}

}  // namespace myo::sim
