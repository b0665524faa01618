#include "myo/sim/instability_mode.hpp"

#include <Eigen/Eigenvalues>
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
  const int m = std::min(iterations, n);
  if (m == 0) return mode;
  // Lanczos on K^-1 with full reorthogonalization: its extreme Ritz values are 1/lambda for the
  // eigenvalues lambda of K nearest zero on either side.
  Eigen::MatrixXd Q(n, m);
  Eigen::VectorXd alpha(m), beta = Eigen::VectorXd::Zero(m), w;
  Eigen::VectorXd q(n);
  for (int i = 0; i < n; ++i) q(i) = 1.0 + 0.5 * std::sin(1.7 * i);  // fixed and generic
  q.normalize();
  int k = 0;
  for (; k < m; ++k) {
    Q.col(k) = q;
    if (!factored.solve(q, w) || !w.allFinite()) return mode;
    alpha(k) = q.dot(w);
    w -= Q.leftCols(k + 1) * (Q.leftCols(k + 1).transpose() * w);
    w -= Q.leftCols(k + 1) * (Q.leftCols(k + 1).transpose() * w);  // twice is enough
    const double b = w.norm();
    if (k + 1 == m || !(b > 1e-12 * std::abs(alpha(k)))) {
      ++k;
      break;
    }
    beta(k) = b;
    q = w / b;
  }
  Eigen::MatrixXd T = Eigen::MatrixXd::Zero(k, k);
  for (int i = 0; i < k; ++i) {
    T(i, i) = alpha(i);
    if (i + 1 < k) T(i, i + 1) = T(i + 1, i) = beta(i);
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> ritz(T);
  // theta ascending: theta(0) < 0 is the negative eigenvalue nearest zero; else the largest
  // theta is the smallest positive eigenvalue.
  const int pick = ritz.eigenvalues()(0) < 0.0 ? 0 : k - 1;
  const double theta = ritz.eigenvalues()(pick);
  if (theta == 0.0) return mode;
  const double lambda = 1.0 / theta;
  const Eigen::VectorXd v = Q.leftCols(k) * ritz.eigenvectors().col(pick);
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
                "the mode of eigenvalue %.3g N/m is largest at node %d (%.1f, %.1f, %.1f mm; %s), %.0f %% of it "
                "within 5 mm",
                mode.eigenvalue_N_per_m, mode.node, 1e3 * mode.x_m(0), 1e3 * mode.x_m(1), 1e3 * mode.x_m(2),
                mode.regions.c_str(), 100.0 * mode.share_within_5mm);
  std::string out = buf;
  if (mode.travel_share > 0.01)
    out += ", " + std::to_string(static_cast<int>(100.0 * mode.travel_share + 0.5)) + " % on the device travel";
  return out;
}

}  // namespace myo::sim
