#include "myo/sim/surface_pair_contact.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <stdexcept>

#include "myo/sim/gauss_legendre.hpp"

namespace myo::sim {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

/// Shape functions of a face with k natural coordinates: a linear edge (k = 1, 2 nodes) or a
/// bilinear quadrilateral (k = 2, 4 nodes, counter-clockwise seen from outside).
struct FaceShape {
  int n = 0;
  double M[4] = {0, 0, 0, 0};
  double dM[4][2] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};  ///< dM_a / dxi_i
  double dM01[4] = {0, 0, 0, 0};                        ///< d2M_a / dxi_0 dxi_1
};

FaceShape face_shape(int k, const double* xi) {
  FaceShape f;
  if (k == 1) {
    f.n = 2;
    f.M[0] = 0.5 * (1 - xi[0]), f.M[1] = 0.5 * (1 + xi[0]);
    f.dM[0][0] = -0.5, f.dM[1][0] = 0.5;
    return f;
  }
  static constexpr double sx[4] = {-1, 1, 1, -1}, sy[4] = {-1, -1, 1, 1};
  f.n = 4;
  for (int a = 0; a < 4; ++a) {
    f.M[a] = 0.25 * (1 + sx[a] * xi[0]) * (1 + sy[a] * xi[1]);
    f.dM[a][0] = 0.25 * sx[a] * (1 + sy[a] * xi[1]);
    f.dM[a][1] = 0.25 * (1 + sx[a] * xi[0]) * sy[a];
    f.dM01[a] = 0.25 * sx[a] * sy[a];
  }
  return f;
}

/// A face's geometry at xi from its node positions x (n x dim): point, tangents, mixed derivative.
struct FacePoint {
  VectorXd x, t[2], t01;
};

FacePoint face_point(const FaceShape& f, int k, const MatrixXd& x) {
  FacePoint p;
  p.x = x.transpose() * Eigen::Map<const VectorXd>(f.M, f.n);
  for (int i = 0; i < k; ++i) {
    VectorXd dMi(f.n);
    for (int a = 0; a < f.n; ++a) dMi(a) = f.dM[a][i];
    p.t[i] = x.transpose() * dMi;
  }
  p.t01 = x.transpose() * Eigen::Map<const VectorXd>(f.dM01, f.n);
  return p;
}

/// Outward normal (not normalized) of a face from its tangents (dim = 2: edge, (t_z, -t_r)).
VectorXd outward_normal(const FacePoint& p) {
  if (p.x.size() == 2) return Eigen::Vector2d(p.t[0](1), -p.t[0](0));
  return Eigen::Vector3d(p.t[0]).cross(Eigen::Vector3d(p.t[1]));
}

/// Hessian of phi = 1/2 |x_s - x(xi)|^2 in xi (k x k) with d = x_s - x(xi).
Eigen::Matrix2d phi_hessian(const FacePoint& p, const VectorXd& d, int k) {
  Eigen::Matrix2d H = Eigen::Matrix2d::Identity();
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j) H(i, j) = p.t[i].dot(p.t[j]) - (i != j ? d.dot(p.t01) : 0.0);
  return H;
}

/// Closest point of a face (node positions xm, n x dim) to xs: xi in [-1, 1]^k, with the
/// coordinates clamped at the border marked not free. Projected Newton iteration from the centre.
struct Closest {
  double xi[2] = {0, 0};
  bool free[2] = {true, true};
  double phi = 0.0;
};

Closest closest_point(const MatrixXd& xm, const VectorXd& xs, int k) {
  Closest c;
  for (int it = 0; it < 50; ++it) {
    const FacePoint p = face_point(face_shape(k, c.xi), k, xm);
    const VectorXd d = xs - p.x;
    double g[2] = {0, 0};
    for (int i = 0; i < k; ++i) {
      g[i] = -p.t[i].dot(d);
      // A coordinate at its bound whose descent points outward stays there.
      c.free[i] = !((c.xi[i] >= 1.0 && g[i] < 0) || (c.xi[i] <= -1.0 && g[i] > 0));
    }
    Eigen::Matrix2d H = phi_hessian(p, d, k);
    if (k == 2 && !(H(0, 0) > 0 && H.determinant() > 0)) H(0, 1) = H(1, 0) = p.t[0].dot(p.t[1]);  // Gauss-Newton
    double step[2] = {0, 0};
    if (k == 2 && c.free[0] && c.free[1]) {
      const Eigen::Vector2d s = H.ldlt().solve(-Eigen::Vector2d(g[0], g[1]));
      step[0] = s(0), step[1] = s(1);
    } else {
      for (int i = 0; i < k; ++i)
        if (c.free[i]) step[i] = -g[i] / H(i, i);
    }
    double change = 0.0;
    for (int i = 0; i < k; ++i) {
      const double next = std::clamp(c.xi[i] + step[i], -1.0, 1.0);
      change = std::max(change, std::abs(next - c.xi[i]));
      c.xi[i] = next;
    }
    if (change < 1e-14) break;
  }
  const FacePoint p = face_point(face_shape(k, c.xi), k, xm);
  c.phi = 0.5 * (xs - p.x).squaredNorm();
  for (int i = 0; i < k; ++i) c.free[i] = std::abs(c.xi[i]) < 1.0;
  return c;
}

/// Gradient (ny) and, when want_H, Hessian (ny x ny) of phi(xi*(y), y) in the nodal positions
/// y = (slave face nodes, master face nodes), dim components each: by the envelope theorem
/// grad = B^T d and H = B^T B - C^T phi_xixi^-1 C over the free coordinates of xi*, with
/// B = dd/dy and C = d(phi_xi)/dy. fs: slave shape at the point, fm / pm: master shape and point
/// at xi*, d = x_s - x_m(xi*).
void phi_derivatives(const FaceShape& fs, const FaceShape& fm, const FacePoint& pm, const Closest& cp,
                     const VectorXd& d, bool want_H, VectorXd& grad, MatrixXd& H) {
  const int dim = static_cast<int>(d.size()), k = dim - 1, ns = fs.n, nm = fm.n, ny = (ns + nm) * dim;
  MatrixXd B = MatrixXd::Zero(dim, ny);
  for (int b = 0; b < ns; ++b) B.block(0, b * dim, dim, dim).diagonal().setConstant(fs.M[b]);
  for (int a = 0; a < nm; ++a) B.block(0, (ns + a) * dim, dim, dim).diagonal().setConstant(-fm.M[a]);
  grad = B.transpose() * d;
  if (!want_H) return;
  H = B.transpose() * B;
  std::vector<int> free;
  for (int i = 0; i < k; ++i)
    if (cp.free[i]) free.push_back(i);
  if (free.empty()) return;  // xi* pinned at a corner: it does not move with y
  const int nf = static_cast<int>(free.size());
  const Eigen::Matrix2d Hxi = phi_hessian(pm, d, k);
  MatrixXd A(nf, nf), C(nf, ny);
  for (int r = 0; r < nf; ++r) {
    for (int t = 0; t < nf; ++t) A(r, t) = Hxi(free[r], free[t]);
    C.row(r) = -pm.t[free[r]].transpose() * B;
    for (int a = 0; a < nm; ++a) C.block(r, (ns + a) * dim, 1, dim) -= fm.dM[a][free[r]] * d.transpose();
  }
  H -= C.transpose() * A.ldlt().solve(C);
}

/// A master face in the present configuration: node positions (n x dim) and their bounding box,
/// which holds the whole (bilinear) face, so that its squared distance to a point is a lower bound
/// of the face's.
struct PlacedFace {
  MatrixXd x;
  VectorXd lo, hi;
};

double box_distance2(const PlacedFace& f, const VectorXd& xs) {
  return (xs.cwiseMax(f.lo).cwiseMin(f.hi) - xs).squaredNorm();
}

/// Index into `candidates` of the master face nearest to xs, and its closest point: the first of
/// the nearest in candidate order (as a scan of them all), projecting only on faces whose box is
/// no farther than the face nearest by box: the others cannot be nearer.
/// lower: scratch for the candidates' box distances, reused across calls.
int nearest_face(const std::vector<PlacedFace>& faces, const std::vector<int>& candidates, const VectorXd& xs, int k,
                 Closest& cp, std::vector<double>& lower) {
  const int n = static_cast<int>(candidates.size());
  lower.resize(n);
  int guess = 0;
  for (int i = 0; i < n; ++i) {
    lower[i] = box_distance2(faces[candidates[i]], xs);
    if (lower[i] < lower[guess]) guess = i;
  }
  const Closest at_guess = closest_point(faces[candidates[guess]].x, xs, k);
  // phi = |d|^2 / 2. The margin keeps rounding (a box distance a few ulp above the face's own on
  // a flat face) from skipping a face as near as the guess, or the guess itself.
  const double bound = 2.0 * at_guess.phi * (1.0 + 1e-9);
  int best = -1;
  for (int i = 0; i < n; ++i) {
    if (i != guess && !(lower[i] <= bound)) continue;  // phi_i >= lower_i / 2 > phi of the guess
    const Closest c = i == guess ? at_guess : closest_point(faces[candidates[i]].x, xs, k);
    if (best < 0 || c.phi < cp.phi) best = i, cp = c;
  }
  return best;
}

/// Reference area (m^2) of a face quadrature point with Gauss weight w: the ring 2 pi R dS for an
/// axisymmetric edge, |X_xi x X_eta| for a quadrilateral.
double reference_area(const FacePoint& ref, double w) {
  if (ref.x.size() == 2) return 2.0 * std::numbers::pi * ref.x(0) * ref.t[0].norm() * w;
  return Eigen::Vector3d(ref.t[0]).cross(Eigen::Vector3d(ref.t[1])).norm() * w;
}

std::vector<int> face_nodes(const Mesh& mesh, const Face& f) {
  std::vector<int> nodes;
  if (mesh.axisymmetric())
    for (int a : quad4_edge_nodes(f.local_face)) nodes.push_back(mesh.cells(f.cell, a));
  else
    for (int a : hex8_face_nodes(f.local_face)) nodes.push_back(mesh.cells(f.cell, a));
  return nodes;
}

/// Node positions (n x dim): reference X plus u when u is given.
MatrixXd positions(const Mesh& mesh, const std::vector<int>& nodes, const VectorXd* u) {
  const int dim = mesh.dim();
  MatrixXd x(nodes.size(), dim);
  for (size_t a = 0; a < nodes.size(); ++a)
    for (int i = 0; i < dim; ++i) x(a, i) = mesh.X(nodes[a], i) + (u ? (*u)(dim * nodes[a] + i) : 0.0);
  return x;
}

const std::vector<Face>& face_set(const Mesh& mesh, const std::string& name, const std::string& key) {
  const auto it = mesh.face_sets.find(name);
  if (it == mesh.face_sets.end()) throw std::invalid_argument(key + ": face set \"" + name + "\" is not in the mesh");
  return it->second;
}

}  // namespace

SurfacePairContact::SurfacePairContact(const Mesh& mesh, PairContactSpec spec) : mesh_(mesh), spec_(std::move(spec)) {
  const std::string path = "contact." + spec_.name;
  const auto& slave = face_set(mesh_, spec_.slave, path + ".surface");
  const auto& master = face_set(mesh_, spec_.master, path + ".device");
  if (!(spec_.penalty_Pa_per_m > 0) || !std::isfinite(spec_.penalty_Pa_per_m))
    throw std::invalid_argument(path + ".penalty: " + std::to_string(spec_.penalty_Pa_per_m) + " Pa/m; expected > 0");
  if (!(spec_.search_distance_m > 0))
    throw std::invalid_argument(path + ".search_distance: " + std::to_string(spec_.search_distance_m) + " m; expected > 0");
  if (spec_.quadrature < 1 || spec_.quadrature > 64)
    throw std::invalid_argument(path + ".quadrature: " + std::to_string(spec_.quadrature) + "; expected 1 to 64");
  spec_.direction.normalize();
  gauss_legendre_rule(spec_.quadrature, gx_, gw_);
  const double w = spec_.two_pass ? 0.5 : 1.0;
  passes_.push_back(make_pass(slave, master, w));
  if (spec_.two_pass) passes_.push_back(make_pass(master, slave, w));
}

SurfacePairContact::Pass SurfacePairContact::make_pass(const std::vector<Face>& slave, const std::vector<Face>& master,
                                                       double weight) const {
  Pass pass;
  pass.weight = weight;
  auto boxes = [&](const std::vector<Face>& faces, std::vector<std::vector<int>>& nodes) {
    std::vector<Eigen::AlignedBox<double, Eigen::Dynamic>> out;
    for (const Face& f : faces) {
      nodes.push_back(face_nodes(mesh_, f));
      const MatrixXd X = positions(mesh_, nodes.back(), nullptr);
      out.emplace_back(X.colwise().minCoeff().transpose(), X.colwise().maxCoeff().transpose());
    }
    return out;
  };
  const auto slave_boxes = boxes(slave, pass.slave_nodes), master_boxes = boxes(master, pass.master_nodes);
  pass.candidates.resize(slave.size());
  const VectorXd pad = VectorXd::Constant(mesh_.dim(), spec_.search_distance_m);
  for (size_t s = 0; s < slave.size(); ++s) {
    Eigen::AlignedBox<double, Eigen::Dynamic> box(slave_boxes[s].min() - pad, slave_boxes[s].max() + pad);
    for (size_t m = 0; m < master.size(); ++m)
      if (box.intersects(master_boxes[m])) pass.candidates[s].push_back(static_cast<int>(m));
  }
  return pass;
}

std::vector<std::pair<int, int>> SurfacePairContact::coupled_nodes() const {
  std::set<std::pair<int, int>> pairs;
  const Pass& pass = passes_.front();  // the candidate relation is symmetric: one pass has them all
  for (size_t s = 0; s < pass.candidates.size(); ++s)
    for (int m : pass.candidates[s])
      for (int a : pass.slave_nodes[s])
        for (int b : pass.master_nodes[m])
          if (a != b) pairs.insert({std::min(a, b), std::max(a, b)});
  return {pairs.begin(), pairs.end()};
}

double SurfacePairContact::add(const VectorXd& u, bool want_K, VectorXd& R,
                               std::vector<std::tuple<int, int, double>>* entries, ContactState& state) const {
  state = ContactState{};
  Vec3 force_on_master = Vec3::Zero();
  double energy = 0.0;
  for (size_t p = 0; p < passes_.size(); ++p) {
    Vec3 f = Vec3::Zero();
    ContactState pass_state;
    energy += add_pass(passes_[p], u, want_K, R, entries, pass_state, f);
    // Pressure and area as the tissue (the spec's slave) sees them, the measure of rigid contact.
    if (p == 0) {
      state.peak_pressure_Pa = pass_state.peak_pressure_Pa, state.area_m2 = pass_state.area_m2;
      state.mean_pressure_Pa = pass_state.area_m2 > 0.0 ? pass_state.mean_pressure_Pa / pass_state.area_m2 : 0.0;
    }
    // Pass 0: the spec's master is the master; pass 1: it is the slave, so the sign flips.
    force_on_master += p == 0 ? f : Vec3(-f);
  }
  state.force_N = -spec_.direction.dot(force_on_master);
  return energy;
}

double SurfacePairContact::add_pass(const Pass& pass, const VectorXd& u, bool want_K, VectorXd& R,
                                    std::vector<std::tuple<int, int, double>>* entries, ContactState& state,
                                    Vec3& force_on_master) const {
  const int dim = mesh_.dim(), k = dim - 1, nq = spec_.quadrature;
  const bool axi = mesh_.axisymmetric();
  const double K = spec_.penalty_Pa_per_m;
  double energy = 0.0;
  std::vector<PlacedFace> placed(pass.master_nodes.size());  // the master faces, placed once per call
  std::vector<double> lower;                                 // nearest_face's scratch
  for (size_t m = 0; m < placed.size(); ++m) {
    placed[m].x = positions(mesh_, pass.master_nodes[m], &u);
    placed[m].lo = placed[m].x.colwise().minCoeff().transpose();
    placed[m].hi = placed[m].x.colwise().maxCoeff().transpose();
  }
  for (size_t s = 0; s < pass.slave_nodes.size(); ++s) {
    if (pass.candidates[s].empty()) continue;
    const std::vector<int>& sn = pass.slave_nodes[s];
    const MatrixXd Xs = positions(mesh_, sn, nullptr), xs_nodes = positions(mesh_, sn, &u);
    const int n_gp = axi ? nq : nq * nq;
    for (int q = 0; q < n_gp; ++q) {
      const double zeta[2] = {gx_[q % nq], gx_[q / nq]};
      const FaceShape fs = face_shape(k, zeta);
      const double weight = axi ? gw_[q] : gw_[q % nq] * gw_[q / nq];
      const double dA0 = reference_area(face_point(fs, k, Xs), weight) * pass.weight;
      const VectorXd xs = xs_nodes.transpose() * Eigen::Map<const VectorXd>(fs.M, fs.n);
      Closest cp;
      const int best = nearest_face(placed, pass.candidates[s], xs, k, cp, lower);
      const FaceShape fm = face_shape(k, cp.xi);
      const FacePoint pm = face_point(fm, k, placed[pass.candidates[s][best]].x);
      const VectorXd d = xs - pm.x;
      if (!(d.dot(outward_normal(pm)) < 0)) continue;  // not penetrating
      const double c = K * dA0;
      energy += c * cp.phi;
      state.peak_pressure_Pa = std::max(state.peak_pressure_Pa, K * d.norm());
      state.area_m2 += dA0 / pass.weight;
      state.mean_pressure_Pa += K * d.norm() * dA0 / pass.weight;  // the integral; divided below
      for (int i = 0; i < dim; ++i) force_on_master(i) += c * d(i);
      const std::vector<int>& mn = pass.master_nodes[pass.candidates[s][best]];
      std::vector<int> dofs;  // y = (slave face nodes, master face nodes)
      for (const std::vector<int>* nodes : {&sn, &mn})
        for (int n : *nodes)
          for (int i = 0; i < dim; ++i) dofs.push_back(dim * n + i);
      const int ny = static_cast<int>(dofs.size());
      VectorXd grad;
      MatrixXd H;
      phi_derivatives(fs, fm, pm, cp, d, want_K, grad, H);
      for (int r = 0; r < ny; ++r) R(dofs[r]) += c * grad(r);
      if (!want_K) continue;
      for (int r = 0; r < ny; ++r)
        for (int t = 0; t < ny; ++t) entries->emplace_back(dofs[r], dofs[t], c * H(r, t));
    }
  }
  return energy;
}

}  // namespace myo::sim
