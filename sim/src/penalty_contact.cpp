#include "myo/sim/penalty_contact.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "myo/sim/element_geometry.hpp"

namespace myo::sim {
namespace {

/// Gauss-Legendre points and weights on [-1, 1] (n = 1..6).
void gauss_legendre(int n, std::vector<double>& x, std::vector<double>& w) {
  static const std::vector<std::vector<double>> X = {
      {0.0},
      {-0.5773502691896257, 0.5773502691896257},
      {-0.7745966692414834, 0.0, 0.7745966692414834},
      {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526},
      {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831, 0.9061798459386640},
      {-0.9324695142031521, -0.6612093864662645, -0.2386191860831969, 0.2386191860831969,
       0.6612093864662645, 0.9324695142031521}};
  static const std::vector<std::vector<double>> W = {
      {2.0},
      {1.0, 1.0},
      {0.5555555555555556, 0.8888888888888888, 0.5555555555555556},
      {0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538},
      {0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891},
      {0.1713244923791704, 0.3607615730481386, 0.4679139345726910, 0.4679139345726910,
       0.3607615730481386, 0.1713244923791704}};
  x = X.at(n - 1);
  w = W.at(n - 1);
}

}  // namespace

PenaltyContact::PenaltyContact(const Mesh& mesh, ContactSpec spec, int device_dof)
    : mesh_(mesh), spec_(std::move(spec)), device_dof_(device_dof) {
  auto it = mesh_.face_sets.find(spec_.face_set);
  if (it == mesh_.face_sets.end())
    throw std::invalid_argument("contact." + spec_.name + ".surface: face set \"" + spec_.face_set +
                                "\" is not in the mesh");
  faces_ = &it->second;
  if (spec_.quadrature < 1 || spec_.quadrature > 6)
    throw std::invalid_argument("contact." + spec_.name + ".quadrature: expected 1 to 6 points");
  spec_.direction.normalize();
  const double orthogonality = (spec_.rotation.transpose() * spec_.rotation - Mat3::Identity()).norm();
  if (!(orthogonality < 1e-9) || spec_.rotation.determinant() < 0.0)
    throw std::invalid_argument("contact." + spec_.name + ".orientation: not a rotation");
  if (spec_.control == ContactSpec::Control::force && device_dof_ < 0)
    throw std::invalid_argument("contact." + spec_.name + ".force: force control needs the device's travel as a dof");
}

double PenaltyContact::travel(const Eigen::VectorXd& u, double t) const {
  return device_dof_ >= 0 ? u(device_dof_) : spec_.depth(t);
}

SurfaceDistance PenaltyContact::world_distance(const Vec3& x, const Vec3& o) const {
  const Mat3& Q = spec_.rotation;
  SurfaceDistance d = spec_.surface->distance(Q.transpose() * (x - o));
  d.n = Q * d.n;
  d.dn_dx = Q * d.dn_dx * Q.transpose();
  return d;
}

std::vector<int> PenaltyContact::surface_nodes() const {
  std::vector<int> nodes;
  for (const Face& face : *faces_) {
    if (mesh_.axisymmetric())
      for (int a : quad4_edge_nodes(face.local_face)) nodes.push_back(mesh_.cells(face.cell, a));
    else
      for (int a : hex8_face_nodes(face.local_face)) nodes.push_back(mesh_.cells(face.cell, a));
  }
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  return nodes;
}

Eigen::VectorXd PenaltyContact::nodal_pressure(const Eigen::VectorXd& u, double t) const {
  const int dim = mesh_.dim();
  const Vec3 o = spec_.origin + travel(u, t) * spec_.direction;
  Eigen::VectorXd p = Eigen::VectorXd::Zero(mesh_.n_nodes());
  for (int n : surface_nodes()) {
    Vec3 x = Vec3::Zero();
    for (int i = 0; i < dim; ++i) x(i) = mesh_.X(n, i) + u(dim * n + i);
    p(n) = std::max(0.0, -spec_.penalty_Pa_per_m * world_distance(x, o).g);
  }
  return p;
}

double PenaltyContact::add(const Eigen::VectorXd& u, double t, bool want_K, Eigen::VectorXd& R,
                           std::vector<std::tuple<int, int, double>>* entries, ContactState& state) const {
  const int dim = mesh_.dim();
  const bool axi = mesh_.axisymmetric();
  const double K = spec_.penalty_Pa_per_m;
  const Vec3& d_w = spec_.direction;
  const double w = travel(u, t);
  const Vec3 o = spec_.origin + w * d_w;
  const int wd = device_dof_;
  std::vector<double> gx, gw;
  gauss_legendre(spec_.quadrature, gx, gw);
  state = ContactState{};
  state.depth_m = w;
  Vec3 device_force = Vec3::Zero();
  double pressure_integral = 0.0;
  double energy = 0.0;
  for (const Face& face : *faces_) {
    std::vector<int> nodes;
    if (axi)
      for (int a : quad4_edge_nodes(face.local_face)) nodes.push_back(mesh_.cells(face.cell, a));
    else
      for (int a : hex8_face_nodes(face.local_face)) nodes.push_back(mesh_.cells(face.cell, a));
    const int nf = static_cast<int>(nodes.size());
    const int n_gp = axi ? spec_.quadrature : spec_.quadrature * spec_.quadrature;
    for (int q = 0; q < n_gp; ++q) {
      // Shape functions of the face (bilinear quad or linear edge) at the Gauss point.
      double N[4], dN0[4], dN1[4], weight;
      if (axi) {
        const double s = gx[q];
        N[0] = 0.5 * (1 - s), N[1] = 0.5 * (1 + s), dN0[0] = -0.5, dN0[1] = 0.5;
        weight = gw[q];
      } else {
        const double xi = gx[q % spec_.quadrature], eta = gx[q / spec_.quadrature];
        const double sx[4] = {-1, 1, 1, -1}, sy[4] = {-1, -1, 1, 1};
        for (int a = 0; a < 4; ++a) {
          N[a] = 0.25 * (1 + sx[a] * xi) * (1 + sy[a] * eta);
          dN0[a] = 0.25 * sx[a] * (1 + sy[a] * eta);
          dN1[a] = 0.25 * (1 + sx[a] * xi) * sy[a];
        }
        weight = gw[q % spec_.quadrature] * gw[q / spec_.quadrature];
      }
      Vec3 X = Vec3::Zero(), x = Vec3::Zero(), X_0 = Vec3::Zero(), X_1 = Vec3::Zero();
      for (int a = 0; a < nf; ++a)
        for (int i = 0; i < dim; ++i) {
          const double Xa = mesh_.X(nodes[a], i);
          X(i) += N[a] * Xa;
          x(i) += N[a] * (Xa + u(dim * nodes[a] + i));
          X_0(i) += dN0[a] * Xa;
          if (!axi) X_1(i) += dN1[a] * Xa;
        }
      const double dA0 = axi ? 2.0 * std::numbers::pi * X(0) * X_0.norm() * weight
                             : X_0.cross(X_1).norm() * weight;
      const SurfaceDistance d = world_distance(x, o);
      if (d.g >= 0.0) continue;
      energy += 0.5 * K * d.g * d.g * dA0;
      state.peak_pressure_Pa = std::max(state.peak_pressure_Pa, -K * d.g);
      state.area_m2 += dA0;
      pressure_integral += -K * d.g * dA0;
      const Vec3 f = K * d.g * d.n * dA0;  // dE/dx at the point: the force on the device
      device_force += f;
      for (int a = 0; a < nf; ++a)
        for (int i = 0; i < dim; ++i) R(dim * nodes[a] + i) += N[a] * f(i);
      if (!want_K) continue;
      const Mat3 H = K * (d.n * d.n.transpose() + d.g * d.dn_dx) * dA0;
      for (int a = 0; a < nf; ++a)
        for (int b = 0; b < nf; ++b)
          for (int i = 0; i < dim; ++i)
            for (int j = 0; j < dim; ++j)
              entries->emplace_back(dim * nodes[a] + i, dim * nodes[b] + j, N[a] * N[b] * H(i, j));
      if (wd < 0) continue;
      // The device couples to every node it touches: H (-d) is d(dE/dx)/dw.
      const Vec3 Hw = -(H * d_w);
      for (int a = 0; a < nf; ++a)
        for (int i = 0; i < dim; ++i) {
          entries->emplace_back(dim * nodes[a] + i, wd, N[a] * Hw(i));
          entries->emplace_back(wd, dim * nodes[a] + i, N[a] * Hw(i));
        }
      entries->emplace_back(wd, wd, d_w.dot(H * d_w));
    }
  }
  state.force_N = -d_w.dot(device_force);
  state.mean_pressure_Pa = state.area_m2 > 0.0 ? pressure_integral / state.area_m2 : 0.0;
  if (wd >= 0) R(wd) += state.force_N;
  return energy;
}

}  // namespace myo::sim
