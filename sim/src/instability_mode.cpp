#include "myo/sim/instability_mode.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace myo::sim {
namespace {

// Current position of every node (n_nodes x 3, m; z = 0 in 2D).
Eigen::MatrixXd current_positions(const Mesh& mesh, const Eigen::VectorXd& u) {
  const int dim = mesh.dim();
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(mesh.n_nodes(), 3);
  for (int a = 0; a < mesh.n_nodes(); ++a)
    for (int i = 0; i < dim; ++i) x(a, i) = mesh.X(a, i) + u(dim * a + i);
  return x;
}

std::string regions_around(const Mesh& mesh, int node) {
  std::set<std::string> names;
  for (const auto& [name, cells] : mesh.regions)
    for (int c : cells)
      for (int a = 0; a < mesh.nodes_per_cell(); ++a)
        if (mesh.cells(c, a) == node) names.insert(name);
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

InstabilityMode nearest_zero_mode(const Model& model, LinearSolver& factored, const Eigen::VectorXd& u,
                                  int iterations) {
  InstabilityMode mode;
  const int n = model.n_equations();
  if (n == 0) return mode;
  // A fixed, generic start: every mode has a share in it, and the answer is reproducible.
  Eigen::VectorXd v(n), w;
  for (int i = 0; i < n; ++i) v(i) = 1.0 + 0.5 * std::sin(1.7 * i);
  v.normalize();
  double lambda = 0.0;
  for (int k = 0; k < iterations; ++k) {
    if (!factored.solve(v, w) || !w.allFinite() || w.norm() == 0.0) return mode;
    lambda = 1.0 / v.dot(w);  // Rayleigh quotient of K^-1 at the unit vector v
    v = w / w.norm();
  }
  Eigen::VectorXd mode_dofs = Eigen::VectorXd::Zero(model.n_dofs());
  model.add_free(v, 1.0, mode_dofs);
  const Mesh& mesh = model.mesh();
  const int dim = mesh.dim(), n_mesh_dofs = dim * mesh.n_nodes();
  Eigen::VectorXd amplitude(mesh.n_nodes());
  for (int a = 0; a < mesh.n_nodes(); ++a) amplitude(a) = mode_dofs.segment(dim * a, dim).squaredNorm();
  const double total = mode_dofs.squaredNorm();
  if (!(total > 0.0)) return mode;
  Eigen::Index peak = 0;
  amplitude.maxCoeff(&peak);
  const Eigen::MatrixXd x = current_positions(mesh, u);
  double near = 0.0;
  for (int a = 0; a < mesh.n_nodes(); ++a)
    if ((x.row(a) - x.row(peak)).norm() <= 5e-3) near += amplitude(a);
  mode.found = true;
  mode.eigenvalue_N_per_m = lambda;
  mode.node = static_cast<int>(peak);
  mode.x_m = x.row(peak).transpose();
  mode.regions = regions_around(mesh, mode.node);
  mode.share_within_5mm = near / total;
  mode.travel_share = mode_dofs.tail(model.n_dofs() - n_mesh_dofs).squaredNorm() / total;
  return mode;
}

std::string describe(const InstabilityMode& mode) {
  if (!mode.found) return "";
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "the mode nearest zero (%.3g N/m) is largest at node %d (%.1f, %.1f, %.1f mm; %s), %.0f %% of it "
                "within 5 mm",
                mode.eigenvalue_N_per_m, mode.node, 1e3 * mode.x_m(0), 1e3 * mode.x_m(1), 1e3 * mode.x_m(2),
                mode.regions.c_str(), 100.0 * mode.share_within_5mm);
  std::string out = buf;
  if (mode.travel_share > 0.01)
    out += ", " + std::to_string(static_cast<int>(100.0 * mode.travel_share + 0.5)) + " % on the device travel";
  return out;
}

}  // namespace myo::sim
