// Volumetric laws, the coupled (total) response, Voigt helpers and the deviatoric projection of
// the material interface (see material.hpp). Formulas follow Holzapfel 2000, "Nonlinear Solid
// Mechanics", sections 6.4-6.6.
#include "myo/sim/material.hpp"

#include <Eigen/LU>
#include <array>
#include <cmath>
#include <stdexcept>

namespace myo::sim {

namespace {

// Tensor indices (I, J) of each Voigt slot, order (xx, yy, zz, xy, yz, xz).
constexpr std::array<std::array<int, 2>, 6> kVoigtPairs = {
    {{0, 0}, {1, 1}, {2, 2}, {0, 1}, {1, 2}, {0, 2}}};

// Voigt vector of a symmetric strain-like tensor (off-diagonals doubled), so that the double
// contraction A : CC over a symmetric pair is a plain matrix product with tensor-component CC.
Vec6 to_voigt_strain(const Mat3& A) {
  Vec6 v = to_voigt(A);
  v.tail<3>() *= 2.0;
  return v;
}

}  // namespace

// ---- volumetric laws ------------------------------------------------------------------------

double VolumetricLaw::U(double J) const {
  switch (form) {
    case VolumetricForm::quadratic: return 0.5 * kappa_Pa * (J - 1.0) * (J - 1.0);
    case VolumetricForm::logarithmic: return 0.5 * kappa_Pa * std::log(J) * std::log(J);
    case VolumetricForm::simo_taylor: return 0.25 * kappa_Pa * (J * J - 1.0 - 2.0 * std::log(J));
  }
  throw std::logic_error("VolumetricLaw::U: unknown form");
}

double VolumetricLaw::dU(double J) const {
  switch (form) {
    case VolumetricForm::quadratic: return kappa_Pa * (J - 1.0);
    case VolumetricForm::logarithmic: return kappa_Pa * std::log(J) / J;
    case VolumetricForm::simo_taylor: return 0.5 * kappa_Pa * (J - 1.0 / J);
  }
  throw std::logic_error("VolumetricLaw::dU: unknown form");
}

double VolumetricLaw::d2U(double J) const {
  switch (form) {
    case VolumetricForm::quadratic: return kappa_Pa;
    case VolumetricForm::logarithmic: return kappa_Pa * (1.0 - std::log(J)) / (J * J);
    case VolumetricForm::simo_taylor: return 0.5 * kappa_Pa * (1.0 + 1.0 / (J * J));
  }
  throw std::logic_error("VolumetricLaw::d2U: unknown form");
}

// ---- coupled response -----------------------------------------------------------------------

TotalResponse total_response(const Material& m, const MaterialPoint& p) {
  IsochoricResponse iso;
  m.isochoric(p, iso);

  const double J = p.F.determinant();
  const Mat3 C_inv = (p.F.transpose() * p.F).inverse();
  const VolumetricLaw& vol = m.volumetric();
  const double dU = vol.dU(J);
  const double d2U = vol.d2U(J);

  // Holzapfel 2000, eqs. 6.89 and 6.166 with p = U'(J) and p_tilde = p + J U''(J).
  TotalResponse out;
  out.W = iso.W + vol.U(J);
  out.S = iso.S + J * dU * C_inv;
  out.CC = iso.CC + J * (dU + J * d2U) * outer_voigt(C_inv, C_inv) -
           2.0 * J * dU * sym_product_voigt(C_inv, C_inv);
  return out;
}

Mat3 cauchy_stress(const Mat3& F, const Mat3& S) {
  return F * S * F.transpose() / F.determinant();
}

// ---- Voigt helpers --------------------------------------------------------------------------

int voigt_index(int I, int J) {
  if (I == J) return I;
  const int sum = I + J;  // (0,1) -> 1, (1,2) -> 3, (0,2) -> 2
  return sum == 1 ? 3 : (sum == 3 ? 4 : 5);
}

Vec6 to_voigt(const Mat3& A) {
  Vec6 v;
  for (int a = 0; a < 6; ++a) v(a) = A(kVoigtPairs[a][0], kVoigtPairs[a][1]);
  return v;
}

Mat6 outer_voigt(const Mat3& A, const Mat3& B) { return to_voigt(A) * to_voigt(B).transpose(); }

Mat6 sym_product_voigt(const Mat3& A, const Mat3& B) {
  Mat6 D;
  for (int a = 0; a < 6; ++a) {
    const int I = kVoigtPairs[a][0], J = kVoigtPairs[a][1];
    for (int b = 0; b < 6; ++b) {
      const int K = kVoigtPairs[b][0], L = kVoigtPairs[b][1];
      D(a, b) = 0.5 * (A(I, K) * B(J, L) + A(I, L) * B(J, K));
    }
  }
  return D;
}

// ---- deviatoric projection ------------------------------------------------------------------

void project_isochoric(const Mat3& F, const Mat3& S_bar, const Mat6& CC_bar, Mat3& S_iso,
                       Mat6& CC_iso) {
  const double J = F.determinant();
  const Mat3 C = F.transpose() * F;
  const Mat3 C_inv = C.inverse();
  const double J_m23 = std::pow(J, -2.0 / 3.0);
  const double J_m43 = J_m23 * J_m23;

  // eq. 6.88: S_iso = J^(-2/3) DEV[S_bar], DEV[A] = A - 1/3 (A : C) C^-1.
  const double S_bar_C = S_bar.cwiseProduct(C).sum();
  S_iso = J_m23 * (S_bar - S_bar_C / 3.0 * C_inv);

  // P : CC_bar : P^T with P = II - 1/3 C^-1 (x) C, expanded so that no 4th-order product of
  // Voigt matrices (with its doubled shear weights) is ever formed.
  const Vec6 C_w = to_voigt_strain(C);
  const Vec6 C_inv_v = to_voigt(C_inv);
  const Vec6 C_CC = CC_bar.transpose() * C_w;  // (C : CC_bar)_KL
  const Vec6 CC_C = CC_bar * C_w;              // (CC_bar : C)_IJ
  const double C_CC_C = C_w.dot(CC_C);
  const Mat6 P_CC_PT = CC_bar - (C_inv_v * C_CC.transpose() + CC_C * C_inv_v.transpose()) / 3.0 +
                       C_CC_C / 9.0 * C_inv_v * C_inv_v.transpose();

  // eq. 6.168 (with 6.170 for P_tilde); Tr(A) = A : C.
  const Mat6 P_tilde = sym_product_voigt(C_inv, C_inv) - outer_voigt(C_inv, C_inv) / 3.0;
  const Vec6 S_iso_v = to_voigt(S_iso);
  CC_iso = J_m43 * P_CC_PT + 2.0 / 3.0 * (J_m23 * S_bar_C) * P_tilde -
           2.0 / 3.0 * (C_inv_v * S_iso_v.transpose() + S_iso_v * C_inv_v.transpose());
}

IsochoricInvariants isochoric_invariants(const Mat3& F) {
  IsochoricInvariants inv;
  inv.C_bar = std::pow(F.determinant(), -2.0 / 3.0) * (F.transpose() * F);
  inv.I1 = inv.C_bar.trace();
  inv.I2 = 0.5 * (inv.I1 * inv.I1 - (inv.C_bar * inv.C_bar).trace());
  return inv;
}

void invariant_isochoric(const Mat3& F, const IsochoricInvariants& inv,
                         const InvariantDerivatives& d, Mat3& S_iso, Mat6& CC_iso) {
  const Mat3 I = Mat3::Identity();
  const Mat3 D2 = inv.I1 * I - inv.C_bar;
  const Mat3 S_bar = 2.0 * (d.W_1 * I + d.W_2 * D2);
  Mat6 CC_bar = 4.0 * (d.W_11 + d.W_2) * outer_voigt(I, I) - 4.0 * d.W_2 * sym_product_voigt(I, I);
  if (d.W_12 != 0.0) CC_bar += 4.0 * d.W_12 * (outer_voigt(I, D2) + outer_voigt(D2, I));
  if (d.W_22 != 0.0) CC_bar += 4.0 * d.W_22 * outer_voigt(D2, D2);
  project_isochoric(F, S_bar, CC_bar, S_iso, CC_iso);
}

}  // namespace myo::sim
