#include "myo/sim/assembler.hpp"

#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "myo/sim/solid_element.hpp"

namespace myo::sim {

// Below this many cells a thread team costs more than it saves (a barrier is microseconds on an
// idle machine, milliseconds on a loaded one).
constexpr int kMinCellsPerThreadTeam = 128;

Assembler::Assembler(const Mesh& mesh, std::vector<RegionMaterial> materials, Formulation formulation)
    : mesh_(mesh), materials_(std::move(materials)), formulation_(formulation) {
  gauss_ = compute_gauss_geometry(mesh_);
  n_gp_ = gauss_points_per_cell(mesh_.cell_type);
  cell_material_.assign(mesh_.n_cells(), -1);
  for (size_t m = 0; m < materials_.size(); ++m) {
    auto it = mesh_.regions.find(materials_[m].region);
    if (it == mesh_.regions.end())
      throw std::invalid_argument("materials: region \"" + materials_[m].region +
                                  "\" is not in the mesh");
    for (int c : it->second) cell_material_[c] = static_cast<int>(m);
  }
  for (int c = 0; c < mesh_.n_cells(); ++c)
    if (cell_material_[c] < 0)
      throw std::invalid_argument("materials: cell " + std::to_string(c) +
                                  " lies in no region that has a material");
  gauss_fibres_.resize(gauss_.size());
  for (int c = 0; c < mesh_.n_cells(); ++c)
    for (int q = 0; q < n_gp_; ++q) {
      const size_t k = static_cast<size_t>(c) * n_gp_ + q;
      gauss_fibres_[k] = materials_[cell_material_[c]].fibre.at(gauss_[k].X);
    }
  history_offset_.assign(mesh_.n_cells() + 1, 0);
  for (int c = 0; c < mesh_.n_cells(); ++c)
    history_offset_[c + 1] =
        history_offset_[c] + static_cast<size_t>(n_gp_) * materials_[cell_material_[c]].material->n_history();
  history_old_.assign(history_offset_.back(), 0.0);
  for (int c = 0; c < mesh_.n_cells(); ++c) {
    const Material& mat = *materials_[cell_material_[c]].material;
    for (int q = 0; q < n_gp_; ++q) mat.init_history(history_old_.data() + history_offset_[c] + q * mat.n_history());
  }
  history_new_ = history_old_;
  cell_energy_.assign(mesh_.n_cells(), 0.0);
  cell_volume_.resize(mesh_.n_cells());
  for (int c = 0; c < mesh_.n_cells(); ++c) cell_volume_[c] = cell_volume(c);
  colour_cells();
  std::vector<int> eq(n_dofs());
  std::iota(eq.begin(), eq.end(), 0);
  set_equations(std::move(eq));
}

void Assembler::colour_cells() {
  // Greedy colouring; a node remembers the colours of its cells in a bit mask.
  std::vector<uint64_t> node_colours(mesh_.n_nodes(), 0);
  const int nn = mesh_.nodes_per_cell();
  for (int c = 0; c < mesh_.n_cells(); ++c) {
    uint64_t used = 0;
    for (int a = 0; a < nn; ++a) used |= node_colours[mesh_.cells(c, a)];
    int colour = 0;
    while (colour < 64 && (used >> colour & 1u)) ++colour;
    if (colour == 64) throw std::runtime_error("assembler: more than 64 cell colours needed");
    for (int a = 0; a < nn; ++a) node_colours[mesh_.cells(c, a)] |= uint64_t{1} << colour;
    if (colour >= static_cast<int>(colour_cells_.size())) colour_cells_.resize(colour + 1);
    colour_cells_[colour].push_back(c);
  }
}

void Assembler::set_equations(std::vector<int> eq, const std::vector<std::pair<int, int>>& couplings) {
  eq_ = std::move(eq);
  n_eq_ = 1 + *std::max_element(eq_.begin(), eq_.end());
  const int nn = mesh_.nodes_per_cell(), dim = mesh_.dim(), nd = nn * dim;
  // Column j holds rows i <= j coupled to it through some cell.
  std::vector<std::vector<int>> rows(n_eq_);
  std::vector<int> cell_eq(nd);
  for (int c = 0; c < mesh_.n_cells(); ++c) {
    for (int a = 0; a < nn; ++a)
      for (int i = 0; i < dim; ++i) cell_eq[dim * a + i] = eq_[dim * mesh_.cells(c, a) + i];
    for (int r : cell_eq)
      for (int s : cell_eq)
        if (r >= 0 && s >= 0 && r <= s) rows[s].push_back(r);
  }
  for (auto [a, b] : couplings) {
    const int r = std::min(eq_[a], eq_[b]), s = std::max(eq_[a], eq_[b]);
    if (r >= 0) rows[s].push_back(r);
  }
  K_ = SymmetricCsc{};
  K_.n = n_eq_;
  K_.col_ptr.assign(n_eq_ + 1, 0);
  for (int j = 0; j < n_eq_; ++j) {
    std::sort(rows[j].begin(), rows[j].end());
    rows[j].erase(std::unique(rows[j].begin(), rows[j].end()), rows[j].end());
    K_.col_ptr[j + 1] = K_.col_ptr[j] + static_cast<int>(rows[j].size());
    K_.row_index.insert(K_.row_index.end(), rows[j].begin(), rows[j].end());
    std::vector<int>().swap(rows[j]);
  }
  K_.values.assign(K_.row_index.size(), 0.0);
  cell_entry_.assign(static_cast<size_t>(mesh_.n_cells()) * nd * nd, -1);
  for (int c = 0; c < mesh_.n_cells(); ++c) {
    for (int a = 0; a < nn; ++a)
      for (int i = 0; i < dim; ++i) cell_eq[dim * a + i] = eq_[dim * mesh_.cells(c, a) + i];
    int* entry = cell_entry_.data() + static_cast<size_t>(c) * nd * nd;
    for (int r = 0; r < nd; ++r)
      for (int s = 0; s < nd; ++s)
        if (cell_eq[r] >= 0 && cell_eq[s] >= 0 && cell_eq[r] <= cell_eq[s])
          entry[r * nd + s] = K_.find(cell_eq[r], cell_eq[s]);
  }
}

ElementContext Assembler::context(int c, double time_s, double dt_s) const {
  const RegionMaterial& rm = materials_[cell_material_[c]];
  ElementContext ctx;
  ctx.gauss = gauss_.data() + static_cast<size_t>(c) * n_gp_;
  ctx.n_gp = n_gp_;
  ctx.material = rm.material.get();
  ctx.formulation = formulation_;
  ctx.fibres = gauss_fibres_.data() + static_cast<size_t>(c) * n_gp_;
  ctx.time_s = time_s;
  ctx.dt_s = dt_s;
  ctx.history_old = history_old_.data() + history_offset_[c];
  return ctx;
}

template <class Element>
bool Assembler::assemble_cells(const Eigen::VectorXd& u, double time_s, double dt_s, bool want_K,
                               Eigen::VectorXd& f_int) {
  constexpr int NN = Element::NDOF / (Element::kAxisymmetric ? 2 : 3);
  constexpr int DIM = Element::kAxisymmetric ? 2 : 3;
  constexpr int ND = Element::NDOF;
  bool inverted = false;
  const bool track_dilatation = formulation_ == Formulation::q1p0;
  if (want_K && track_dilatation) {
    dil_pending_.theta.resize(mesh_.n_cells());
    dil_pending_.g.resize(static_cast<size_t>(mesh_.n_cells()) * ND);
    dil_pending_.u = u.head(n_dofs());
    dil_pending_.valid = false;  // until every cell has written its part
  }
  for (const std::vector<int>& cells : colour_cells_) {
    const int n = static_cast<int>(cells.size());
#pragma omp parallel for schedule(static) reduction(|| : inverted) if (n >= kMinCellsPerThreadTeam)
    for (int k = 0; k < n; ++k) {
      const int c = cells[k];
      typename Element::VecE u_e;
      for (int a = 0; a < NN; ++a)
        for (int i = 0; i < DIM; ++i) u_e(DIM * a + i) = u(DIM * mesh_.cells(c, a) + i);
      ElementContext ctx = context(c, time_s, dt_s);
      ctx.history_new = history_new_.data() + history_offset_[c];
      if (want_K && dil_ref_.valid) {
        // theta~ = theta_k + g_k . (u - u_k) / V0, linearised about the accepted iterate.
        const double* g_k = dil_ref_.g.data() + static_cast<size_t>(c) * ND;
        double dtheta = 0.0;
        for (int a = 0; a < NN; ++a)
          for (int i = 0; i < DIM; ++i) {
            const int d = DIM * mesh_.cells(c, a) + i;
            dtheta += g_k[DIM * a + i] * (u(d) - dil_ref_.u(d));
          }
        ctx.theta_iterate = dil_ref_.theta[c] + dtheta / cell_volume_[c];
      }
      typename Element::Output out;
      Element::evaluate(u_e, ctx, want_K, out);
      if (out.inverted) {
        inverted = true;
        continue;
      }
      if (want_K && track_dilatation) {
        dil_pending_.theta[c] = out.theta;
        std::copy(out.g.data(), out.g.data() + ND, dil_pending_.g.data() + static_cast<size_t>(c) * ND);
      }
      cell_energy_[c] = out.energy;
      for (int a = 0; a < NN; ++a)
        for (int i = 0; i < DIM; ++i) f_int(DIM * mesh_.cells(c, a) + i) += out.f(DIM * a + i);
      if (!want_K) continue;
      const int* entry = cell_entry_.data() + static_cast<size_t>(c) * ND * ND;
      for (int r = 0; r < ND; ++r)
        for (int s = 0; s < ND; ++s)
          if (const int e = entry[r * ND + s]; e >= 0) K_.values[e] += out.K(r, s);
    }
  }
  if (want_K && track_dilatation) dil_pending_.valid = !inverted;
  return !inverted;
}

void Assembler::commit_history() {
  history_old_ = history_new_;
  dil_conv_ = dil_ref_;
}

void Assembler::accept_iterate() {
  if (!dil_pending_.valid) return;
  std::swap(dil_ref_, dil_pending_);  // the next assemble() with K rewrites pending whole
  dil_pending_.valid = false;
}

void Assembler::restart_iterate() { dil_ref_ = dil_conv_; }

bool Assembler::assemble(const Eigen::VectorXd& u, double time_s, double dt_s, bool want_K,
                         Eigen::VectorXd& f_int, double& energy) {
  f_int.setZero(n_dofs());
  if (want_K) std::fill(K_.values.begin(), K_.values.end(), 0.0);
  const bool ok = mesh_.axisymmetric() ? assemble_cells<AxiQuad4Element>(u, time_s, dt_s, want_K, f_int)
                                       : assemble_cells<Hex8Element>(u, time_s, dt_s, want_K, f_int);
  energy = std::accumulate(cell_energy_.begin(), cell_energy_.end(), 0.0);
  return ok;
}

template <class Element>
void Assembler::cell_fields_impl(const Eigen::VectorXd& u, double time_s, double dt_s,
                                 CellFields& out) const {
  constexpr int DIM = Element::kAxisymmetric ? 2 : 3;
  constexpr int NN = Element::NDOF / DIM;
  const int nc = mesh_.n_cells();
  out.cauchy_stress.setZero(nc, 9);
  out.green_lagrange.setZero(nc, 9);
  out.von_mises.setZero(nc, 1);
  out.J.setZero(nc, 1);
#pragma omp parallel for schedule(static) if (nc >= kMinCellsPerThreadTeam)
  for (int c = 0; c < nc; ++c) {
    typename Element::VecE u_e;
    for (int a = 0; a < NN; ++a)
      for (int i = 0; i < DIM; ++i) u_e(DIM * a + i) = u(DIM * mesh_.cells(c, a) + i);
    std::vector<double> scratch(history_offset_[c + 1] - history_offset_[c]);
    ElementContext ctx = context(c, time_s, dt_s);
    ctx.history_new = scratch.data();
    Mat3 sigma, E;
    const double theta = Element::cell_average(u_e, ctx, sigma, E);
    const Mat3 dev = sigma - sigma.trace() / 3.0 * Mat3::Identity();
    out.von_mises(c, 0) = std::sqrt(1.5 * dev.cwiseProduct(dev).sum());
    out.J(c, 0) = theta;
    for (int k = 0; k < 9; ++k) {
      out.cauchy_stress(c, k) = sigma(k / 3, k % 3);
      out.green_lagrange(c, k) = E(k / 3, k % 3);
    }
  }
}

template <class Element, class F>
void Assembler::on_committed_history(const Eigen::VectorXd& u, double time_s, int c, F&& visit) const {
  constexpr int DIM = Element::kAxisymmetric ? 2 : 3;
  constexpr int NN = Element::NDOF / DIM;
  typename Element::VecE u_e;
  for (int a = 0; a < NN; ++a)
    for (int i = 0; i < DIM; ++i) u_e(DIM * a + i) = u(DIM * mesh_.cells(c, a) + i);
  std::vector<double> scratch(history_offset_[c + 1] - history_offset_[c]);
  ElementContext ctx = context(c, time_s, 0.0);
  ctx.history_new = scratch.data();
  visit(u_e, ctx);
}

template <class Element>
void Assembler::internal_force_impl(const Eigen::VectorXd& u, double time_s, const std::vector<int>& cells,
                                    Eigen::VectorXd& f) const {
  constexpr int DIM = Element::kAxisymmetric ? 2 : 3;
  constexpr int NN = Element::NDOF / DIM;
  for (int c : cells) {
    typename Element::Output out;
    on_committed_history<Element>(u, time_s, c, [&](const auto& u_e, const ElementContext& ctx) {
      Element::evaluate(u_e, ctx, false, out);
    });
    for (int a = 0; a < NN; ++a)
      for (int i = 0; i < DIM; ++i) f(DIM * mesh_.cells(c, a) + i) += out.f(DIM * a + i);
  }
}

Eigen::VectorXd Assembler::internal_force(const Eigen::VectorXd& u, double time_s,
                                          const std::vector<int>& cells) const {
  Eigen::VectorXd f = Eigen::VectorXd::Zero(n_dofs());
  if (mesh_.axisymmetric())
    internal_force_impl<AxiQuad4Element>(u, time_s, cells, f);
  else
    internal_force_impl<Hex8Element>(u, time_s, cells, f);
  return f;
}

template <class Element>
double Assembler::normal_modulus_impl(const Eigen::VectorXd& u, double time_s, int c, const Vec3& N) const {
  double mu = 0.0;
  on_committed_history<Element>(u, time_s, c, [&](const auto& u_e, const ElementContext& ctx) {
    mu = Element::normal_modulus(u_e, ctx, N);
  });
  return mu;
}

double Assembler::normal_modulus(const Eigen::VectorXd& u, double time_s, int c, const Vec3& N) const {
  if (mesh_.axisymmetric()) return normal_modulus_impl<AxiQuad4Element>(u, time_s, c, N);
  return normal_modulus_impl<Hex8Element>(u, time_s, c, N);
}

double Assembler::cell_volume(int c) const {
  double v = 0.0;
  for (int q = 0; q < n_gp_; ++q) v += gauss_[static_cast<size_t>(c) * n_gp_ + q].dV;
  return v;
}

CellFields Assembler::cell_fields(const Eigen::VectorXd& u, double time_s, double dt_s) const {
  CellFields out;
  if (mesh_.axisymmetric())
    cell_fields_impl<AxiQuad4Element>(u, time_s, dt_s, out);
  else
    cell_fields_impl<Hex8Element>(u, time_s, dt_s, out);
  material_output_fields(out);
  return out;
}

void Assembler::material_output_fields(CellFields& out) const {
  // Column of each material's outputs in the union (first appearance first).
  std::vector<std::vector<int>> column(materials_.size());
  for (size_t m = 0; m < materials_.size(); ++m)
    for (const MaterialOutput& o : materials_[m].material->outputs()) {
      auto it = std::find_if(out.outputs.begin(), out.outputs.end(),
                             [&](const MaterialOutput& x) { return x.name == o.name; });
      column[m].push_back(static_cast<int>(it - out.outputs.begin()));
      if (it == out.outputs.end()) out.outputs.push_back(o);
    }
  const int nc = mesh_.n_cells(), no = static_cast<int>(out.outputs.size());
  out.output_mean.setConstant(nc, no, std::numeric_limits<double>::quiet_NaN());
  out.output_max = out.output_mean;
  out.volume.setZero(nc, 1);
  std::vector<double> values;
  for (int c = 0; c < nc; ++c) {
    const Material& mat = *materials_[cell_material_[c]].material;
    const std::vector<int>& col = column[cell_material_[c]];
    values.resize(col.size());
    for (int q = 0; q < n_gp_; ++q) {
      const GaussPointGeometry& g = gauss_[static_cast<size_t>(c) * n_gp_ + q];
      out.volume(c, 0) += g.dV;
      if (col.empty()) continue;
      mat.output_values(history_old_.data() + history_offset_[c] + q * mat.n_history(), values.data());
      for (size_t k = 0; k < col.size(); ++k) {
        double& mean = out.output_mean(c, col[k]);
        double& max = out.output_max(c, col[k]);
        mean = q == 0 ? values[k] * g.dV : mean + values[k] * g.dV;
        max = q == 0 ? values[k] : std::max(max, values[k]);
      }
    }
    for (int k : col) out.output_mean(c, k) /= out.volume(c, 0);
  }
}

}  // namespace myo::sim
