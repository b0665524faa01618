#pragma once
// Total-Lagrangian solid element for hex8 (3D) and axisymmetric quad4 cells: internal force,
// consistent tangent and stored energy, for any Material, in the displacement or the condensed
// Q1/P0 formulation. The element never changes when a material is added.
//
// Kinematics: F = I + sum_a u_a (x) dN_a/dX; in the axisymmetric cell (coordinates r, z, theta)
// F_theta_theta = 1 + u_r / R. The virtual Green-Lagrange strain is dE = sym(F^T dF), written as
// dE_voigt = B du with the 6 x NDOF matrix B (engineering shears).
//   f_int = sum_gp B^T S dV
//   K     = sum_gp [B^T CC B + G(S)] dV  (+ U''(theta)/V0 g g^T,  g = sum_gp B^T (J C^-1) dV, Q1/P0)
// with the geometric stiffness G(S)_(ai,bk) = delta_ik (grad N_a . S grad N_b + [i = r] S_tt h_a h_b),
// h_a = N_a / R (axisymmetric hoop term).
//
// Q1/P0 in the two-field Newton iteration (as FEniCSx's u/p and deal.II step-44's three fields):
// the force always carries the pressure of the cell's dilatation, p = U'(theta(u)); the tangent
// may instead be taken at an independent dilatation iterate theta~ (ElementContext), with
// p~ = U'(theta~) in its initial-stress terms and U''(theta~) in g g^T. theta~ is the dilatation
// linearised about the last accepted iterate: theta~ = theta_k + g_k . (u - u_k) / V0. At a
// predicted or overshooting state theta(u) carries the second-order error of u times kappa
// (spurious pressure) and makes K indefinite; theta~ does not. At convergence theta~ = theta,
// so the converged tangent, the solution and the quadratic rate are unchanged.
#include <Eigen/Dense>

#include "myo/sim/element_geometry.hpp"
#include "myo/sim/formulation.hpp"
#include "myo/sim/material.hpp"

namespace myo::sim {

/// Inputs of one element evaluation beside the displacements.
struct ElementContext {
  const GaussPointGeometry* gauss = nullptr;  ///< n_gp geometries of this cell
  int n_gp = 0;
  const Material* material = nullptr;
  Formulation formulation = Formulation::q1p0;
  Vec3 fibre = Vec3::UnitX();
  const Vec3* fibres = nullptr;  ///< n_gp unit fibre directions; when set, they replace `fibre`
  double time_s = 0.0, dt_s = 0.0;
  const double* history_old = nullptr;  ///< n_gp x material->n_history(), row-major, or nullptr
  double* history_new = nullptr;        ///< same shape, written
  /// Q1/P0: the dilatation iterate theta~ (-) at which the tangent's pressure terms are taken
  /// (see above); 0 (or any value <= 0) takes them at theta(u), the exact tangent of the force.
  double theta_iterate = 0.0;
};

template <int NN, int DIM>
class SolidElement {
 public:
  static constexpr int NDOF = NN * DIM;
  static constexpr bool kAxisymmetric = (DIM == 2);
  using VecE = Eigen::Matrix<double, NDOF, 1>;
  using MatE = Eigen::Matrix<double, NDOF, NDOF>;
  using MatB = Eigen::Matrix<double, 6, NDOF>;

  struct Output {
    VecE f = VecE::Zero();  ///< N, internal nodal forces (node-major: u_0x, u_0y, ...)
    MatE K = MatE::Zero();  ///< N/m, tangent (only when requested)
    double energy = 0.0;    ///< J, stored energy
    bool inverted = false;  ///< J <= 0 at some Gauss point (or theta <= 0): the state is rejected
    double theta = 1.0;     ///< Q1/P0: the cell dilatation theta(u) (-)
    VecE g = VecE::Zero();  ///< Q1/P0, with K: V0 d theta / du (m^2 in 3D), so dtheta = g . du / V0
  };

  /// Deformation gradient (3 x 3) at one Gauss point; u_e is the NDOF element displacement (m).
  static Mat3 deformation_gradient(const VecE& u_e, const GaussPointGeometry& g) {
    Mat3 F = Mat3::Identity();
    for (int a = 0; a < NN; ++a)
      for (int i = 0; i < DIM; ++i)
        for (int J = 0; J < DIM; ++J) F(i, J) += u_e(DIM * a + i) * g.dN_dX(a, J);
    if constexpr (kAxisymmetric) {
      double u_r = 0.0;
      for (int a = 0; a < NN; ++a) u_r += g.N(a) * u_e(DIM * a);
      F(2, 2) += u_r / g.R;
    }
    return F;
  }

  /// Cell dilatation theta = (1/V0) int J dV (-), and the reference volume V0 (m^3).
  static double dilatation(const VecE& u_e, const ElementContext& ctx, double& V0) {
    double theta = 0.0;
    V0 = 0.0;
    for (int q = 0; q < ctx.n_gp; ++q) {
      V0 += ctx.gauss[q].dV;
      theta += deformation_gradient(u_e, ctx.gauss[q]).determinant() * ctx.gauss[q].dV;
    }
    return theta / V0;
  }

  /// Volume averages over the cell, for output: Cauchy stress sigma (Pa) and Green-Lagrange
  /// strain E (-), with the same pressure as evaluate(); returns theta (-). ctx.history_new must
  /// be scratch space: output never advances the history.
  static double cell_average(const VecE& u_e, const ElementContext& ctx, Mat3& sigma, Mat3& E) {
    const VolumetricLaw& vol = ctx.material->volumetric();
    double V0;
    const double theta = dilatation(u_e, ctx, V0);
    sigma.setZero();
    E.setZero();
    MaterialPoint mp;
    IsochoricResponse iso;
    for (int q = 0; q < ctx.n_gp; ++q) {
      const GaussPointGeometry& g = ctx.gauss[q];
      mp.F = deformation_gradient(u_e, g);
      const double J = mp.F.determinant();
      const double p = ctx.formulation == Formulation::q1p0 ? vol.dU(theta) : vol.dU(J);
      set_point(ctx, q, p, mp);
      ctx.material->isochoric(mp, iso);
      const Mat3 C = mp.F.transpose() * mp.F;
      sigma += cauchy_stress(mp.F, iso.S + p * J * C.inverse()) * g.dV;
      E += 0.5 * (C - Mat3::Identity()) * g.dV;
    }
    sigma /= V0;
    E /= V0;
    return theta;
  }

  /// The cell's present stiffness against a push along the reference unit normal N (Pa), for
  /// contact penalties: the volume average of (3/4) c_iso(n, n, n, n), c_iso the spatial
  /// isochoric tangent and n the current normal. With n ~ F^-T N,
  ///     c_iso(n, n, n, n) = J^-1 CC_iso(m, m, m, m),   m = F^T n = N / |F^-T N|,
  /// which is 4 mu / 3 at F = I for any isotropic material: the factor makes it mu there. The bulk
  /// part is left out on purpose (it would make every penalty a bulk modulus). ctx.history_new
  /// must be scratch space.
  static double normal_modulus(const VecE& u_e, const ElementContext& ctx, const Vec3& N) {
    MaterialPoint mp;
    IsochoricResponse iso;
    double sum = 0.0, V0 = 0.0;
    for (int q = 0; q < ctx.n_gp; ++q) {
      const GaussPointGeometry& g = ctx.gauss[q];
      mp.F = deformation_gradient(u_e, g);
      const double J = mp.F.determinant();
      if (!(J > 0.0)) return 0.0;
      set_point(ctx, q, 0.0, mp);
      ctx.material->isochoric(mp, iso);
      const Vec3 m = N / (mp.F.inverse().transpose() * N).norm();
      Vec6 v;
      v << m(0) * m(0), m(1) * m(1), m(2) * m(2), 2 * m(0) * m(1), 2 * m(1) * m(2), 2 * m(0) * m(2);
      sum += 0.75 * v.dot(iso.CC * v) / J * g.dV;
      V0 += g.dV;
    }
    return sum / V0;
  }

  static void evaluate(const VecE& u_e, const ElementContext& ctx, bool want_K, Output& out) {
    out.f.setZero();
    out.energy = 0.0;
    out.inverted = false;
    if (want_K) out.K.setZero();
    const VolumetricLaw& vol = ctx.material->volumetric();
    const bool mixed = ctx.formulation == Formulation::q1p0;

    // Q1/P0: the cell-constant dilatation and pressure come first (static condensation).
    double V0 = 0.0, theta = 0.0;
    if (mixed) {
      theta = dilatation(u_e, ctx, V0);
      if (!(theta > 0.0)) {
        out.inverted = true;
        return;
      }
      out.energy += V0 * vol.U(theta);
    }
    const double p_cell = mixed ? vol.dU(theta) : 0.0;
    // The tangent's pressure: at the dilatation iterate theta~ when one is given.
    const double theta_K = mixed && ctx.theta_iterate > 0.0 ? ctx.theta_iterate : theta;
    const double p_K = mixed ? vol.dU(theta_K) : 0.0;
    out.theta = theta;
    VecE& g_vol = out.g;
    g_vol.setZero();

    MaterialPoint mp;
    IsochoricResponse iso;
    for (int q = 0; q < ctx.n_gp; ++q) {
      const GaussPointGeometry& g = ctx.gauss[q];
      mp.F = deformation_gradient(u_e, g);
      const double J = mp.F.determinant();
      if (!(J > 0.0)) {
        out.inverted = true;
        return;
      }
      const double p = mixed ? p_cell : vol.dU(J);
      set_point(ctx, q, p, mp);
      ctx.material->isochoric(mp, iso);

      const Mat3 C_inv = (mp.F.transpose() * mp.F).inverse();
      const Mat3 S = iso.S + p * J * C_inv;
      out.energy += (iso.W + (mixed ? 0.0 : vol.U(J))) * g.dV;

      const MatB B = strain_displacement(mp.F, g);
      out.f.noalias() += B.transpose() * to_voigt(S) * g.dV;
      if (!want_K) continue;

      const double pK = mixed ? p_K : p;
      Mat6 CC = iso.CC + pK * J * (outer_voigt(C_inv, C_inv) - 2.0 * sym_product_voigt(C_inv, C_inv));
      if (mixed)
        g_vol.noalias() += B.transpose() * to_voigt(J * C_inv) * g.dV;
      else
        CC += J * J * vol.d2U(J) * outer_voigt(C_inv, C_inv);
      const Eigen::Matrix<double, 6, NDOF> CB = (CC * g.dV).lazyProduct(B);
      out.K.noalias() += B.transpose().lazyProduct(CB);
      add_geometric_stiffness(mixed ? Mat3(iso.S + p_K * J * C_inv) : S, g, out.K);
    }
    if (mixed && want_K) out.K.noalias() += (vol.d2U(theta_K) / V0) * g_vol.lazyProduct(g_vol.transpose());
  }

 private:
  /// Per-point inputs of Gauss point q beside F: fibre, time, position, pressure p (Pa), history.
  static void set_point(const ElementContext& ctx, int q, double p, MaterialPoint& mp) {
    const int nh = ctx.material->n_history();
    mp.fibre = ctx.fibres ? ctx.fibres[q] : ctx.fibre;
    mp.time_s = ctx.time_s;
    mp.dt_s = ctx.dt_s;
    mp.X = ctx.gauss[q].X;
    mp.pressure_Pa = p;
    mp.history_old = ctx.history_old ? ctx.history_old + q * nh : nullptr;
    mp.history_new = ctx.history_new ? ctx.history_new + q * nh : nullptr;
  }

  /// B such that dE_voigt = B du (engineering shears), from dF = e_i (x) grad N_a (+ hoop).
  static MatB strain_displacement(const Mat3& F, const GaussPointGeometry& g) {
    MatB B;
    for (int a = 0; a < NN; ++a) {
      const double g0 = g.dN_dX(a, 0), g1 = g.dN_dX(a, 1), g2 = DIM == 3 ? g.dN_dX(a, 2) : 0.0;
      for (int i = 0; i < DIM; ++i) {
        auto col = B.col(DIM * a + i);
        col(0) = F(i, 0) * g0;
        col(1) = F(i, 1) * g1;
        col(2) = F(i, 2) * g2;
        col(3) = F(i, 0) * g1 + F(i, 1) * g0;
        col(4) = F(i, 1) * g2 + F(i, 2) * g1;
        col(5) = F(i, 0) * g2 + F(i, 2) * g0;
      }
      if constexpr (kAxisymmetric) B(2, DIM * a) += F(2, 2) * g.N(a) / g.R;
    }
    return B;
  }

  static void add_geometric_stiffness(const Mat3& S, const GaussPointGeometry& g, MatE& K) {
    const Eigen::Matrix<double, NN, DIM> G = g.dN_dX.template topLeftCorner<NN, DIM>();
    const Eigen::Matrix<double, NN, NN> GSG =
        G * S.template topLeftCorner<DIM, DIM>() * G.transpose() * g.dV;
    for (int a = 0; a < NN; ++a)
      for (int b = 0; b < NN; ++b)
        for (int i = 0; i < DIM; ++i) K(DIM * a + i, DIM * b + i) += GSG(a, b);
    if constexpr (kAxisymmetric) {
      for (int a = 0; a < NN; ++a)
        for (int b = 0; b < NN; ++b)
          K(DIM * a, DIM * b) += S(2, 2) * g.N(a) * g.N(b) / (g.R * g.R) * g.dV;
    }
  }
};

using Hex8Element = SolidElement<8, 3>;
using AxiQuad4Element = SolidElement<4, 2>;

}  // namespace myo::sim
