#include "myo/sim/model.hpp"

#include <Eigen/Geometry>
#include <cmath>
#include <functional>
#include <numbers>
#include <optional>
#include <stdexcept>

#include "myo/sim/element_geometry.hpp"

namespace myo::sim {
namespace {

Mat3 skew(const Vec3& v) {
  Mat3 m;
  m << 0, -v(2), v(1), v(2), 0, -v(0), -v(1), v(0), 0;
  return m;
}

const std::vector<int>& node_set(const Mesh& mesh, const std::string& name, const std::string& what) {
  auto it = mesh.node_sets.find(name);
  if (it == mesh.node_sets.end())
    throw std::invalid_argument(what + ": node set \"" + name + "\" is not in the mesh");
  return it->second;
}

const std::vector<Face>& face_set(const Mesh& mesh, const std::string& name, const std::string& what) {
  auto it = mesh.face_sets.find(name);
  if (it == mesh.face_sets.end())
    throw std::invalid_argument(what + ": face set \"" + name + "\" is not in the mesh");
  return it->second;
}

/// Root near 0 of a nondecreasing phi with kinks (contact starting at Gauss points): steps of
/// doubling length from `step` the way phi(0) points, then bisection. Returns the end of the
/// bracket where phi >= 0 (the device pushed at least as hard as asked), or the last point tried
/// when no sign change was found within 2^60 steps.
double monotone_root(const std::function<double(double)>& phi, double step) {
  const double f0 = phi(0.0);
  if (f0 == 0.0) return 0.0;
  const double dir = f0 < 0.0 ? 1.0 : -1.0;
  double same = 0.0, other = dir * step;  // phi(same) has the sign of f0
  for (int k = 0; k < 60 && (phi(other) < 0.0) == (f0 < 0.0); ++k) same = other, other *= 2.0;
  if ((phi(other) < 0.0) == (f0 < 0.0)) return other;
  for (int k = 0; k < 100 && std::abs(other - same) > 1e-12 * (1.0 + std::abs(other)); ++k) {
    const double mid = 0.5 * (same + other);
    ((phi(mid) < 0.0) == (f0 < 0.0) ? same : other) = mid;
  }
  return f0 < 0.0 ? other : same;
}

}  // namespace

Model::Model(const Mesh& mesh, std::vector<RegionMaterial> materials, Formulation formulation,
             ModelLoads loads)
    : mesh_(mesh), assembler_(mesh, std::move(materials), formulation), loads_(std::move(loads)) {
  const int dim = mesh_.dim();
  const int n_mesh = assembler_.n_dofs();
  std::vector<int> eq(n_mesh + loads_.contacts.size(), 0);
  for (size_t k = 0; k < loads_.dirichlet.size(); ++k) {
    const DirichletBC& bc = loads_.dirichlet[k];
    const std::string what = bc.key_path.empty() ? "boundary[" + std::to_string(k) + "]" : bc.key_path;
    if (bc.component < 0 || bc.component >= dim)
      throw std::invalid_argument(what + ".component: " + std::to_string(bc.component) +
                                  " is out of range for a " + std::to_string(dim) + "D mesh");
    dirichlet_nodes_.push_back(node_set(mesh_, bc.set, what));
    for (int n : dirichlet_nodes_.back()) eq[dim * n + bc.component] = -1;
  }
  for (const auto& f : loads_.nodal_forces) node_set(mesh_, f.set, f.key_path.empty() ? "loads" : f.key_path + ".set");
  for (const auto& s : loads_.surface_loads) face_set(mesh_, s.set, s.key_path.empty() ? "loads" : s.key_path + ".set");
  std::vector<std::pair<int, int>> couplings;
  for (const auto& c : loads_.contacts) {
    const int w = n_mesh + static_cast<int>(contacts_.size());
    contacts_.emplace_back(mesh_, c, w);
    if (c.control == ContactSpec::Control::depth) {
      eq[w] = -1;
      continue;
    }
    couplings.emplace_back(w, w);
    for (int n : contacts_.back().surface_nodes())
      for (int i = 0; i < dim; ++i) couplings.emplace_back(w, dim * n + i);
  }
  contact_states_.resize(contacts_.size());
  for (const PenaltyContact& c : contacts_)
    auto_penalties_.push_back(c.auto_penalty() ? std::optional<AutoPenalty>(std::in_place, assembler_, c.faces(),
                                                                             c.spec().penalty_factor)
                                               : std::nullopt);
  update_penalties(Eigen::VectorXd::Zero(n_dofs()), 0.0);
  int next = 0;
  for (int& e : eq) e = (e < 0) ? -1 : next++;
  if (next == 0) throw std::invalid_argument("boundary: every dof is prescribed; nothing to solve");
  tie_handles(eq);
  for (auto [a, b] : make_pair_contacts())
    for (int i = 0; i < dim; ++i)
      for (int j = 0; j < dim; ++j) couplings.emplace_back(dim * a + i, dim * b + j);
  assembler_.set_equations(std::move(eq), couplings);
}

void Model::tie_handles(std::vector<int>& eq) {
  const int dim = mesh_.dim();
  for (size_t k = 0; k < loads_.tied_forces.size(); ++k) {
    const TiedForce& tie = loads_.tied_forces[k];
    const std::string what = "tied force " + tie.set;
    if (tie.component < 0 || tie.component >= dim) throw std::invalid_argument(what + ": component out of range");
    const std::vector<int>& nodes = node_set(mesh_, tie.set, what);
    if (nodes.empty()) throw std::invalid_argument(what + ": empty node set");
    const int first = dim * nodes.front() + tie.component;
    for (int n : nodes) {
      const int d = dim * n + tie.component;
      if (eq[d] < 0) throw std::invalid_argument(what + ": a tied dof is also prescribed");
      eq[d] = eq[first];
    }
    tied_first_dof_.push_back(first);
  }
  if (tied_first_dof_.empty()) return;
  // Equations stay numbered 0..n-1 in dof order after the merge.
  std::vector<int> renumber(eq.size(), -1);
  int next = 0;
  for (int& e : eq) {
    if (e < 0) continue;
    if (renumber[e] < 0) renumber[e] = next++;
    e = renumber[e];
  }
}

void Model::seat_tied(double t, Eigen::VectorXd& u) {
  const int dim = mesh_.dim();
  Eigen::VectorXd R = Eigen::VectorXd::Zero(n_dofs());
  for (const TiedForce& tie : loads_.tied_forces) {
    if (tie.pair_contact < 0 || tie.seat_set.empty()) continue;
    const double F = tie.force(t), along = F >= 0.0 ? 1.0 : -1.0;  // the body moves with the force
    const std::vector<int>& body = mesh_.node_sets.at(tie.seat_set);
    const SurfacePairContact& contact = pair_contacts_.at(tie.pair_contact);
    const Eigen::VectorXd u0 = u;
    auto phi = [&](double w) {  // contact force - |F| after a rigid shift w of the body
      for (int n : body) u(dim * n + tie.component) = u0(dim * n + tie.component) + along * w;
      ContactState state;
      contact.add(u, false, R, nullptr, state);
      return tie.sign * state.force_N - std::abs(F);
    };
    phi(monotone_root(phi, 1e-4 * std::max(1e-6, mesh_.X.cwiseAbs().maxCoeff())));
  }
}

void Model::apply_dirichlet(double t, Eigen::VectorXd& u) const {
  const int dim = mesh_.dim();
  for (size_t k = 0; k < loads_.dirichlet.size(); ++k) {
    const DirichletBC& bc = loads_.dirichlet[k];
    if (bc.field) {
      for (int n : dirichlet_nodes_[k])
        u(dim * n + bc.component) = bc.field(mesh_.X.row(n).transpose(), t);
    } else {
      const double v = bc.value(t);
      for (int n : dirichlet_nodes_[k]) u(dim * n + bc.component) = v;
    }
  }
  for (const PenaltyContact& c : contacts_)
    if (c.spec().control == ContactSpec::Control::depth) u(c.device_dof()) = c.spec().depth(t);
}

Eigen::VectorXd Model::loading(double t) const {
  std::vector<double> extra;
  for (const PenaltyContact& c : contacts_)
    if (c.spec().control == ContactSpec::Control::force) extra.push_back(c.spec().force(t));
  for (const TiedForce& tie : loads_.tied_forces) extra.push_back(tie.force(t));
  for (const NodalForce& f : loads_.nodal_forces) extra.push_back(f.magnitude(t));
  for (const SurfaceLoad& l : loads_.surface_loads) extra.push_back(l.magnitude(t));
  Eigen::VectorXd v = Eigen::VectorXd::Zero(n_dofs() + static_cast<Eigen::Index>(extra.size()));
  Eigen::VectorXd u = Eigen::VectorXd::Zero(n_dofs());
  apply_dirichlet(t, u);
  v.head(n_dofs()) = u;
  for (size_t k = 0; k < extra.size(); ++k) v(n_dofs() + static_cast<Eigen::Index>(k)) = extra[k];
  return v;
}

void Model::seat_devices(double t, Eigen::VectorXd& u) {
  Eigen::VectorXd R = Eigen::VectorXd::Zero(n_dofs());
  for (const PenaltyContact& c : contacts_) {
    if (c.spec().control != ContactSpec::Control::force) continue;
    const double F = c.spec().force(t), w0 = u(c.device_dof());
    auto phi = [&](double w) {  // normal contact force - F after a further travel w
      u(c.device_dof()) = w0 + w;
      ContactState state;
      c.add(u, t, false, R, nullptr, state);
      return state.normal_force_N - F;  // friction would make phi non-monotone in w
    };
    phi(monotone_root(phi, 1e-3 * std::max(1e-6, mesh_.X.cwiseAbs().maxCoeff())));
  }
  seat_tied(t, u);
}

void Model::set_stabilization(double fraction, double dt_nominal_s) {
  const int dim = mesh_.dim(), nn = mesh_.nodes_per_cell(), ngp = gauss_points_per_cell(mesh_.cell_type);
  Eigen::VectorXd volume = Eigen::VectorXd::Zero(assembler_.n_dofs());
  const auto& gauss = assembler_.gauss();
  for (int c = 0; fraction > 0.0 && c < mesh_.n_cells(); ++c)
    for (int q = 0; q < ngp; ++q) {
      const GaussPointGeometry& g = gauss[static_cast<size_t>(c) * ngp + q];
      for (int a = 0; a < nn; ++a)
        for (int i = 0; i < dim; ++i) volume(dim * mesh_.cells(c, a) + i) += g.N(a) * g.dV;
    }
  stabilization_ = ViscousStabilization(fraction, dt_nominal_s, volume);
}

void Model::commit_contacts(const Eigen::VectorXd& u, double t) {
  update_penalties(u, t);
  for (PenaltyContact& c : contacts_) c.commit(u, t);
  stabilization_.commit(u, equations(), strain_energy_J_);
}

bool Model::update_penalties(const Eigen::VectorXd& u, double t) {
  bool changed = false;
  for (size_t k = 0; k < contacts_.size(); ++k) {
    if (!auto_penalties_[k]) continue;
    std::vector<double> K = contacts_[k].face_penalties();
    if (!auto_penalties_[k]->update(assembler_, u, t, K)) continue;
    contacts_[k].set_face_penalties(K);
    changed = true;
  }
  return changed;
}

bool Model::has_friction() const {
  for (const PenaltyContact& c : contacts_)
    if (c.spec().friction > 0.0) return true;
  return false;
}

void Model::set_stick_predictor(bool on) {
  for (PenaltyContact& c : contacts_) c.set_stick_predictor(on);
}

Eigen::VectorXd Model::free_part(const Eigen::VectorXd& R) const {
  Eigen::VectorXd r = Eigen::VectorXd::Zero(n_equations());
  const auto& eq = equations();
  for (int d = 0; d < n_dofs(); ++d)
    if (eq[d] >= 0) r(eq[d]) += R(d);  // tied dofs share one equation
  return r;
}

void Model::add_free(const Eigen::VectorXd& du_eq, double scale, Eigen::VectorXd& u) const {
  const auto& eq = equations();
  for (int d = 0; d < n_dofs(); ++d)
    if (eq[d] >= 0) u(d) += scale * du_eq(eq[d]);
}

bool Model::evaluate(const Eigen::VectorXd& u, double t, double dt, bool want_K, Eigen::VectorXd& R,
                     double& energy) {
  if (!assembler_.assemble(u, t, dt, want_K, R, energy)) return false;
  strain_energy_J_ = energy;
  R.conservativeResize(n_dofs());
  R.tail(contacts_.size()).setZero();
  Eigen::VectorXd f_ext = Eigen::VectorXd::Zero(n_dofs());
  add_nodal_and_body_forces(t, f_ext);
  for (const PenaltyContact& c : contacts_)
    if (c.spec().control == ContactSpec::Control::force) f_ext(c.device_dof()) = c.spec().force(t);
  for (size_t k = 0; k < tied_first_dof_.size(); ++k) f_ext(tied_first_dof_[k]) += loads_.tied_forces[k].force(t);
  add_surface_loads(u, t, want_K, f_ext);
  f_ext_norm_ = f_ext.norm();
  energy -= f_ext.dot(u);  // exact for dead loads; the line search only needs a merit value
  R -= f_ext;
  add_contact(u, t, want_K, R, energy);
  add_pair_contacts(u, want_K, R, energy);
  stabilization_.add(u, dt, equations(), want_K ? &tangent() : nullptr, R, energy);
  return true;
}

void Model::add_contact(const Eigen::VectorXd& u, double t, bool want_K, Eigen::VectorXd& R, double& energy) {
  if (contacts_.empty()) return;
  ScopedTimer timer(contact_s_);
  const auto& eq = equations();
  SymmetricCsc& K = tangent();
  double contact_force_sq = 0.0;
  for (size_t k = 0; k < contacts_.size(); ++k) {
    contact_entries_.clear();
    energy += contacts_[k].add(u, t, want_K, R, want_K ? &contact_entries_ : nullptr, contact_states_[k]);
    contact_force_sq += contact_states_[k].force_N * contact_states_[k].force_N;
    for (const auto& [i, j, v] : contact_entries_) {
      const int ei = eq[i], ej = eq[j];
      if (ei < 0 || ej < 0 || ei > ej) continue;
      K.values[K.find(ei, ej)] += v;
    }
  }
  // The contact force is an applied load for the residual scale.
  f_ext_norm_ = std::sqrt(f_ext_norm_ * f_ext_norm_ + contact_force_sq);
}

void Model::add_nodal_and_body_forces(double t, Eigen::VectorXd& f_ext) const {
  const int dim = mesh_.dim();
  for (const NodalForce& nf : loads_.nodal_forces) {
    const auto& nodes = mesh_.node_sets.at(nf.set);
    const double per_node = nf.magnitude(t) / static_cast<double>(nodes.size());
    for (int n : nodes)
      for (int i = 0; i < dim; ++i) f_ext(dim * n + i) += per_node * nf.direction(i);
  }
  if (loads_.body_forces.empty()) return;
  const auto& gauss = assembler_.gauss();
  const int ngp = gauss_points_per_cell(mesh_.cell_type), nn = mesh_.nodes_per_cell();
  for (const BodyForce& bf : loads_.body_forces) {
    std::vector<int> cells;
    if (bf.region.empty()) {
      for (int c = 0; c < mesh_.n_cells(); ++c) cells.push_back(c);
    } else {
      cells = mesh_.regions.at(bf.region);
    }
    for (int c : cells)
      for (int q = 0; q < ngp; ++q) {
        const GaussPointGeometry& g = gauss[static_cast<size_t>(c) * ngp + q];
        Eigen::VectorXd X = Eigen::VectorXd::Zero(dim);
        for (int a = 0; a < nn; ++a) X += g.N(a) * mesh_.X.row(mesh_.cells(c, a)).transpose();
        const Vec3 b = bf.b0(X, t);
        for (int a = 0; a < nn; ++a)
          for (int i = 0; i < dim; ++i) f_ext(dim * mesh_.cells(c, a) + i) += g.N(a) * b(i) * g.dV;
      }
  }
}

void Model::add_load_stiffness(const std::vector<int>& dofs, const Eigen::MatrixXd& K_ext) {
  // K = dR/du = -d f_ext/du; only its symmetric part enters the Cholesky-factored tangent.
  const Eigen::MatrixXd Ks = -0.5 * (K_ext + K_ext.transpose());
  const auto& eq = equations();
  SymmetricCsc& K = tangent();
  for (size_t r = 0; r < dofs.size(); ++r)
    for (size_t s = 0; s < dofs.size(); ++s) {
      const int er = eq[dofs[r]], es = eq[dofs[s]];
      if (er < 0 || es < 0 || er > es) continue;
      K.values[K.find(er, es)] += Ks(r, s);
    }
}

void Model::add_surface_loads(const Eigen::VectorXd& u, double t, bool want_K, Eigen::VectorXd& f_ext) {
  const int dim = mesh_.dim();
  const double g = 1.0 / std::sqrt(3.0);
  for (const SurfaceLoad& sl : loads_.surface_loads) {
    const double p = sl.magnitude(t);
    const bool follower = sl.kind == SurfaceLoad::Kind::pressure;
    for (const Face& face : mesh_.face_sets.at(sl.set)) {
      // Face nodes in outward order; natural coordinates of the face's Gauss points.
      std::vector<int> nodes;
      if (dim == 3)
        for (int a : hex8_face_nodes(face.local_face)) nodes.push_back(mesh_.cells(face.cell, a));
      else
        for (int a : quad4_edge_nodes(face.local_face)) nodes.push_back(mesh_.cells(face.cell, a));
      const int nf = static_cast<int>(nodes.size());
      std::vector<int> dofs;
      for (int n : nodes)
        for (int i = 0; i < dim; ++i) dofs.push_back(dim * n + i);
      Eigen::MatrixXd x0 = Eigen::MatrixXd::Zero(nf, 3), x = Eigen::MatrixXd::Zero(nf, 3);
      for (int a = 0; a < nf; ++a)
        for (int i = 0; i < dim; ++i) {
          x0(a, i) = mesh_.X(nodes[a], i);
          x(a, i) = x0(a, i) + u(dim * nodes[a] + i);
        }
      Eigen::VectorXd fe = Eigen::VectorXd::Zero(nf * dim);
      Eigen::MatrixXd Ke = Eigen::MatrixXd::Zero(nf * dim, nf * dim);
      if (dim == 3) {
        const double sx[4] = {-1, 1, 1, -1}, sy[4] = {-1, -1, 1, 1};
        for (int q = 0; q < 4; ++q) {
          const double xi = g * sx[q], eta = g * sy[q];
          double N[4], Nxi[4], Neta[4];
          for (int a = 0; a < 4; ++a) {
            N[a] = 0.25 * (1 + sx[a] * xi) * (1 + sy[a] * eta);
            Nxi[a] = 0.25 * sx[a] * (1 + sy[a] * eta);
            Neta[a] = 0.25 * (1 + sx[a] * xi) * sy[a];
          }
          const Eigen::MatrixXd& xc = follower ? x : x0;
          Vec3 x_xi = Vec3::Zero(), x_eta = Vec3::Zero();
          for (int a = 0; a < 4; ++a) {
            x_xi += Nxi[a] * xc.row(a).transpose();
            x_eta += Neta[a] * xc.row(a).transpose();
          }
          const Vec3 area = x_xi.cross(x_eta);  // outward, m^2 per unit natural area
          const Vec3 load = follower ? Vec3(-p * area) : Vec3(p * area.norm() * sl.direction);
          for (int a = 0; a < 4; ++a) fe.segment<3>(3 * a) += N[a] * load;
          if (follower && want_K)
            for (int a = 0; a < 4; ++a)
              for (int b = 0; b < 4; ++b)
                Ke.block<3, 3>(3 * a, 3 * b) +=
                    -p * N[a] * (-Nxi[b] * skew(x_eta) + Neta[b] * skew(x_xi));
        }
      } else {
        for (int q = 0; q < 2; ++q) {
          const double s = (q == 0 ? -g : g);
          const double N[2] = {0.5 * (1 - s), 0.5 * (1 + s)}, Ns[2] = {-0.5, 0.5};
          const Eigen::MatrixXd& xc = follower ? x : x0;
          double r = 0, r_s = 0, z_s = 0;
          for (int a = 0; a < 2; ++a) {
            r += N[a] * xc(a, 0);
            r_s += Ns[a] * xc(a, 0);
            z_s += Ns[a] * xc(a, 1);
          }
          const double two_pi = 2.0 * std::numbers::pi;
          // Outward area vector of the ring per unit natural length: 2 pi r (z_s, -r_s).
          const Eigen::Vector2d area(two_pi * r * z_s, -two_pi * r * r_s);
          const Eigen::Vector2d load =
              follower ? Eigen::Vector2d(-p * area) : Eigen::Vector2d(p * area.norm() * sl.direction.head<2>());
          for (int a = 0; a < 2; ++a) fe.segment<2>(2 * a) += N[a] * load;
          if (follower && want_K)
            for (int a = 0; a < 2; ++a)
              for (int b = 0; b < 2; ++b) {
                // d area / d r_b and d area / d z_b
                const Eigen::Vector2d dA_dr(two_pi * N[b] * z_s, -two_pi * (N[b] * r_s + r * Ns[b]));
                const Eigen::Vector2d dA_dz(two_pi * r * Ns[b], 0.0);
                Ke.block<2, 1>(2 * a, 2 * b) += -p * N[a] * dA_dr;
                Ke.block<2, 1>(2 * a, 2 * b + 1) += -p * N[a] * dA_dz;
              }
        }
      }
      for (size_t k = 0; k < dofs.size(); ++k) f_ext(dofs[k]) += fe(k);
      if (follower && want_K) add_load_stiffness(dofs, Ke);
    }
  }
}

}  // namespace myo::sim
