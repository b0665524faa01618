// Model's contact between deformable bodies (SurfacePairContact), apart from model.cpp so that the
// rigid-device contact there can change independently.
#include <cmath>
#include <stdexcept>

#include "myo/sim/model.hpp"

namespace myo::sim {

std::vector<std::pair<int, int>> Model::make_pair_contacts() {
  std::vector<std::pair<int, int>> coupled;
  for (const PairContactSpec& spec : loads_.pair_contacts) {
    pair_contacts_.emplace_back(mesh_, spec);
    const auto pairs = pair_contacts_.back().coupled_nodes();
    coupled.insert(coupled.end(), pairs.begin(), pairs.end());
  }
  pair_contact_states_.resize(pair_contacts_.size());
  return coupled;
}

void Model::add_pair_contacts(const Eigen::VectorXd& u, bool want_K, Eigen::VectorXd& R, double& energy) {
  ScopedTimer timer(contact_s_);
  const auto& eq = equations();
  SymmetricCsc& K = tangent();
  double force_sq = 0.0;
  for (size_t k = 0; k < pair_contacts_.size(); ++k) {
    contact_entries_.clear();
    energy += pair_contacts_[k].add(u, want_K, R, want_K ? &contact_entries_ : nullptr, pair_contact_states_[k]);
    force_sq += pair_contact_states_[k].force_N * pair_contact_states_[k].force_N;
    for (const auto& [i, j, v] : contact_entries_) {
      const int ei = eq[i], ej = eq[j];
      if (ei < 0 || ej < 0 || ei > ej) continue;
      const int at = K.find(ei, ej);
      // coupled_nodes() registered every candidate pair: a miss is a bug, not a bad input.
      if (at < 0) throw std::logic_error("pair contact: tangent entry outside the sparsity pattern");
      K.values[at] += v;
    }
  }
  // The transmitted force is a load scale for the residual test, as for rigid contact.
  f_ext_norm_ = std::sqrt(f_ext_norm_ * f_ext_norm_ + force_sq);
}

}  // namespace myo::sim
