#include "myo/sim/penalty_contact.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "myo/sim/coulomb_friction.hpp"
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
    throw std::invalid_argument((spec_.key_path.empty() ? "contact." + spec_.name : spec_.key_path) +
                                ".surface: face set \"" + spec_.face_set +
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
  if (!(spec_.friction >= 0.0))
    throw std::invalid_argument("contact." + spec_.name + ".friction: expected a coefficient >= 0");
  if (!(spec_.slide_direction.norm() > 0.0))
    throw std::invalid_argument("contact." + spec_.name + ".slide.direction: is the zero vector");
  spec_.slide_direction.normalize();
  for (const Face& f : *faces_) face_size_m_.push_back(reference_face_geometry(mesh_, f).size_m);
  auto_penalty_ = spec_.penalty_Pa_per_m <= 0.0;  // NaN is not auto: it is refused below
  auto_friction_penalty_ = !(spec_.friction_penalty_Pa_per_m > 0.0);
  if (!auto_penalty_ && !std::isfinite(spec_.penalty_Pa_per_m))
    throw std::invalid_argument("contact." + spec_.name + ".penalty: expected a finite value > 0");
  // An auto penalty is zero until set_face_penalties(): the Model sets it before any evaluation.
  set_face_penalties(std::vector<double>(faces_->size(), auto_penalty_ ? 0.0 : spec_.penalty_Pa_per_m));
  if (!frictional()) return;
  // The reference state: every point anchored where it is (a dof travel starts at 0).
  const int n_gp = mesh_.axisymmetric() ? spec_.quadrature : spec_.quadrature * spec_.quadrature;
  anchors_.resize(faces_->size() * n_gp);
  Eigen::VectorXd u0 = Eigen::VectorXd::Zero(std::max(mesh_.n_nodes() * mesh_.dim(), device_dof_ + 1));
  commit(u0, 0.0);
}

void PenaltyContact::set_face_penalties(const std::vector<double>& K) {
  if (K.size() != faces_->size())
    throw std::invalid_argument("contact." + spec_.name + ": expected one penalty per face");
  face_K_ = K;
  face_Kt_ = auto_friction_penalty_ ? K : std::vector<double>(K.size(), spec_.friction_penalty_Pa_per_m);
}

double PenaltyContact::travel(const Eigen::VectorXd& u, double t) const {
  return device_dof_ >= 0 ? u(device_dof_) : spec_.depth(t);
}

Vec3 PenaltyContact::device_origin(const Eigen::VectorXd& u, double t) const {
  return spec_.origin + travel(u, t) * spec_.direction + spec_.slide(t) * spec_.slide_direction;
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

template <class F>
void PenaltyContact::for_each_point(const Eigen::VectorXd& u, F&& visit) const {
  const int dim = mesh_.dim();
  const bool axi = mesh_.axisymmetric();
  std::vector<double> gx, gw;
  gauss_legendre(spec_.quadrature, gx, gw);
  const int n_gp = axi ? spec_.quadrature : spec_.quadrature * spec_.quadrature;
  Point p;
  for (size_t f = 0; f < faces_->size(); ++f) {
    const Face& face = (*faces_)[f];
    p.nf = 0;
    if (axi)
      for (int a : quad4_edge_nodes(face.local_face)) p.nodes[p.nf++] = mesh_.cells(face.cell, a);
    else
      for (int a : hex8_face_nodes(face.local_face)) p.nodes[p.nf++] = mesh_.cells(face.cell, a);
    for (int q = 0; q < n_gp; ++q) {
      // Shape functions of the face (bilinear quad or linear edge) at the Gauss point.
      double dN0[4], dN1[4], weight;
      double* N = p.N;
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
      Vec3 X = Vec3::Zero(), X_0 = Vec3::Zero(), X_1 = Vec3::Zero();
      p.x = Vec3::Zero();
      for (int a = 0; a < p.nf; ++a)
        for (int i = 0; i < dim; ++i) {
          const double Xa = mesh_.X(p.nodes[a], i);
          X(i) += N[a] * Xa;
          p.x(i) += N[a] * (Xa + u(dim * p.nodes[a] + i));
          X_0(i) += dN0[a] * Xa;
          if (!axi) X_1(i) += dN1[a] * Xa;
        }
      p.dA0 = axi ? 2.0 * std::numbers::pi * X(0) * X_0.norm() * weight : X_0.cross(X_1).norm() * weight;
      p.index = static_cast<int>(f) * n_gp + q;
      p.face = static_cast<int>(f);
      visit(p);
    }
  }
}

namespace {

/// The normal law at gap g (m): pressure p (Pa), dp/dg (Pa/m) and energy density e (J/m^2) of the
/// penalty K (Pa/m) with a C1 onset of width eps (m; 0: the plain penalty K <-g>_+).
struct NormalLaw {
  double p = 0.0, dp_dg = 0.0, e = 0.0;
};

NormalLaw normal_law(double g, double K, double eps) {
  NormalLaw n;
  if (g >= eps) return n;
  if (eps > 0.0 && g > -eps) {
    const double s = eps - g;
    n.p = K * s * s / (4.0 * eps);
    n.dp_dg = -K * s / (2.0 * eps);
    n.e = K * s * s * s / (12.0 * eps);
    return n;
  }
  n.p = -K * g;
  n.dp_dg = -K;
  n.e = 0.5 * K * g * g + K * eps * eps / 6.0;
  return n;
}

}  // namespace

Eigen::VectorXd PenaltyContact::nodal_pressure(const Eigen::VectorXd& u, double t) const {
  // Lumped L2 projection of the quadrature-point pressures: p_a = int N_a p dA0 / int N_a dA0.
  // The penalty acts at the quadrature points; a node itself may stay just outside a curved tip
  // while the faces around it press on it, so the gap at the node would show no pressure.
  const Vec3 o = device_origin(u, t);
  Eigen::VectorXd pN = Eigen::VectorXd::Zero(mesh_.n_nodes()), area = Eigen::VectorXd::Zero(mesh_.n_nodes());
  for_each_point(u, [&](const Point& p) {
    const double pressure = normal_law(world_distance(p.x, o).g, face_K_[p.face], spec_.smoothing_m).p;
    for (int a = 0; a < p.nf; ++a) {
      pN(p.nodes[a]) += p.N[a] * pressure * p.dA0;
      area(p.nodes[a]) += p.N[a] * p.dA0;
    }
  });
  for (int n = 0; n < mesh_.n_nodes(); ++n)
    if (area(n) > 0.0) pN(n) /= area(n);
  return pN;
}

double PenaltyContact::add(const Eigen::VectorXd& u, double t, bool want_K, Eigen::VectorXd& R,
                           std::vector<std::tuple<int, int, double>>* entries, ContactState& state) const {
  return assemble(u, t, want_K ? Jacobian::assembled : Jacobian::none, R, entries, state);
}

void PenaltyContact::exact_jacobian(const Eigen::VectorXd& u, double t,
                                    std::vector<std::tuple<int, int, double>>& entries, bool pressure_coupling) const {
  Eigen::VectorXd R = Eigen::VectorXd::Zero(u.size());
  ContactState state;
  assemble(u, t, pressure_coupling ? Jacobian::exact : Jacobian::assembled, R, &entries, state);
}

double PenaltyContact::assemble(const Eigen::VectorXd& u, double t, Jacobian jacobian, Eigen::VectorXd& R,
                                std::vector<std::tuple<int, int, double>>* entries, ContactState& state) const {
  const int dim = mesh_.dim();
  const Vec3& d_w = spec_.direction;
  const Mat3& Q = spec_.rotation;
  const Vec3 o = device_origin(u, t);
  const int wd = device_dof_;
  state = ContactState{};
  state.depth_m = travel(u, t);
  Vec3 normal_force = Vec3::Zero();
  double energy = 0.0;
  for_each_point(u, [&](const Point& p) {
    const SurfaceDistance d = world_distance(p.x, o);
    if (d.g >= spec_.smoothing_m) return;
    const NormalLaw law = normal_law(d.g, face_K_[p.face], spec_.smoothing_m);
    energy += law.e * p.dA0;
    state.peak_pressure_Pa = std::max(state.peak_pressure_Pa, law.p);
    state.area_m2 += p.dA0;
    state.max_penetration_m = std::max(state.max_penetration_m, -d.g);
    state.touched_face_size_m = std::max(state.touched_face_size_m, face_size_m_[p.face]);
    state.pressure_force_N += law.p * p.dA0;
    Vec3 f = -law.p * d.n * p.dA0;  // dE/dx at the point: the force on the device
    normal_force += f;
    Mat3 A = (-law.dp_dg * d.n * d.n.transpose() - law.p * d.dn_dx) * p.dA0;  // d f / dx
    if (frictional()) {
      const Anchor& a = anchors_[p.index];
      const Vec3 n_a = Q * a.n;
      const Mat3 T = Mat3::Identity() - n_a * n_a.transpose();
      const double mu = stick_predictor_ ? std::numeric_limits<double>::infinity() : spec_.friction;
      const FrictionPoint fp =
          coulomb_return_map(T * (p.x - o - Q * a.y), T, law.p, mu, face_Kt_[p.face]);
      energy += fp.energy * p.dA0;
      // Reported as sliding where the traction has reached the cone: a point that slid in the
      // accepted step sits on it after commit() and reads as stick only by rounding.
      const bool at_limit = fp.traction.norm() >= (1.0 - 1e-8) * mu * law.p;
      (at_limit ? state.slip_area_m2 : state.stick_area_m2) += p.dA0;
      state.friction_force_N += fp.traction * p.dA0;
      f += fp.traction * p.dA0;
      A += fp.d_traction_dx * p.dA0;
      if (jacobian == Jacobian::exact) A += law.dp_dg * fp.d_traction_dp * d.n.transpose() * p.dA0;  // dp_N/dx = p' n
    }
    state.device_force_N += f;
    for (int a = 0; a < p.nf; ++a)
      for (int i = 0; i < dim; ++i) R(dim * p.nodes[a] + i) += p.N[a] * f(i);
    if (jacobian == Jacobian::none) return;
    for (int a = 0; a < p.nf; ++a)
      for (int b = 0; b < p.nf; ++b)
        for (int i = 0; i < dim; ++i)
          for (int j = 0; j < dim; ++j)
            entries->emplace_back(dim * p.nodes[a] + i, dim * p.nodes[b] + j, p.N[a] * p.N[b] * A(i, j));
    if (wd < 0) return;
    // The device couples to every node it touches: x moves relative to the device by dx - d dw.
    const Vec3 Aw = -(A * d_w);
    const Vec3 wA = frictional() ? Vec3(-(A.transpose() * d_w)) : Aw;
    for (int a = 0; a < p.nf; ++a)
      for (int i = 0; i < dim; ++i) {
        entries->emplace_back(dim * p.nodes[a] + i, wd, p.N[a] * Aw(i));
        entries->emplace_back(wd, dim * p.nodes[a] + i, p.N[a] * wA(i));
      }
    entries->emplace_back(wd, wd, d_w.dot(A * d_w));
  });
  state.force_N = -d_w.dot(state.device_force_N);
  state.normal_force_N = -d_w.dot(normal_force);
  state.mean_pressure_Pa = state.area_m2 > 0.0 ? state.pressure_force_N / state.area_m2 : 0.0;
  if (wd >= 0) R(wd) += state.force_N;
  return energy;
}

void PenaltyContact::commit(const Eigen::VectorXd& u, double t) {
  if (!frictional()) return;
  const Mat3& Q = spec_.rotation;
  const Vec3 o = device_origin(u, t);
  for_each_point(u, [&](const Point& p) {
    const SurfaceDistance d = world_distance(p.x, o);
    Anchor& a = anchors_[p.index];
    Vec3 x_a = p.x;  // out of contact: anchored where it is
    if (d.g < spec_.smoothing_m) {
      const double K_t = face_Kt_[p.face];
      const Vec3 n_a = Q * a.n;
      const Mat3 T = Mat3::Identity() - n_a * n_a.transpose();
      const double pressure = normal_law(d.g, face_K_[p.face], spec_.smoothing_m).p;
      const FrictionPoint fp = coulomb_return_map(T * (p.x - o - Q * a.y), T, pressure, spec_.friction, K_t);
      // The elastic slip turned into the new tangent plane, its length kept: a sliding point
      // stays on the cone, a sticking one keeps its traction.
      const Vec3 tangential = fp.traction - fp.traction.dot(d.n) * d.n;
      if (tangential.norm() > 0.0) x_a -= (fp.traction.norm() / tangential.norm() / K_t) * tangential;
    }
    a.y = Q.transpose() * (x_a - o);
    a.n = Q.transpose() * d.n;
  });
}

}  // namespace myo::sim
