#pragma once
// The material interface: energy, stress and tangent at one material point.
//
// Every material is written in the uncoupled (isochoric / volumetric) form
//     W(C) = W_iso(C_bar) + U(J),   C_bar = J^(-2/3) C,   J = det F,
// so that the element can treat U(J) either point-wise (plain displacement formulation) or
// with an element-constant dilatation (Q1/P0 three-field formulation, Simo, Taylor & Pister 1985),
// and the element code never changes when a material is added (as in MFEM and FEBio).
//
// Conventions: stresses in Pa, energies in J/m^3 per unit reference volume.
// Voigt order (xx, yy, zz, xy, yz, xz); CC(i, j) are tensor components C_IJKL (not scaled),
// so that dS = CC * dE with dE = (dE11, dE22, dE33, 2 dE12, 2 dE23, 2 dE13).
#include <Eigen/Core>
#include <memory>
#include <string>
#include <vector>

namespace myo::sim {

using Mat3 = Eigen::Matrix3d;
using Vec3 = Eigen::Vector3d;
using Vec6 = Eigen::Matrix<double, 6, 1>;
using Mat6 = Eigen::Matrix<double, 6, 6>;

/// What a material sees at one quadrature point.
struct MaterialPoint {
  Mat3 F = Mat3::Identity();     ///< deformation gradient (-)
  Vec3 fibre = Vec3::UnitX();    ///< unit fibre direction in the reference configuration (-)
  Vec3 X = Vec3::Zero();         ///< reference position of the point (m); axisymmetric: (R, Z, 0)
  /// Pressure U'(J) (Pa, tension positive) that the element uses at the point (U'(theta) of the
  /// cell in Q1/P0), for materials whose history records a stress; never part of their stress.
  double pressure_Pa = 0.0;
  double time_s = 0.0;           ///< time at the end of the step (s)
  double dt_s = 0.0;             ///< step size (s); 0 for a quasi-static load step
  const double* history_old = nullptr;  ///< n_history() values at the last accepted step
  double* history_new = nullptr;        ///< n_history() values written by isochoric()
};

/// Isochoric response: W_iso, its 2nd Piola-Kirchhoff stress S_iso = 2 dW_iso/dC and the material
/// tangent CC_iso = 4 d^2 W_iso / dC dC (both include the deviatoric projection).
struct IsochoricResponse {
  double W = 0.0;             ///< J/m^3
  Mat3 S = Mat3::Zero();      ///< Pa
  Mat6 CC = Mat6::Zero();     ///< Pa
};

/// Volumetric energy U(J) with bulk modulus kappa (Pa).
enum class VolumetricForm {
  quadratic,    ///< U = kappa/2 (J - 1)^2            (Abaqus / CalculiX / peers)
  logarithmic,  ///< U = kappa/2 (ln J)^2
  simo_taylor,  ///< U = kappa/4 (J^2 - 1 - 2 ln J)   (Simo & Taylor 1982; FEBio default)
};

struct VolumetricLaw {
  VolumetricForm form = VolumetricForm::quadratic;
  double kappa_Pa = 0.0;
  double U(double J) const;    ///< J/m^3
  double dU(double J) const;   ///< Pa, dU/dJ (the pressure p)
  double d2U(double J) const;  ///< Pa, d^2U/dJ^2
};

/// A scalar that a material reports from its history at each point (tone, damage, ...), for
/// output: averaged per cell into result.h5 and summarised per region in summary.json.
struct MaterialOutput {
  enum class Summary {
    none,             ///< only the cell field
    region_mean_max,  ///< <name>_mean_<region>, <name>_max_<region> (volume mean, largest point)
    global_max,       ///< <name>: the largest value at any point of any region
  };
  std::string name;  ///< e.g. "tone"; a dataset name (no '/')
  std::string unit;  ///< SI unit, "-" if dimensionless
  Summary summary = Summary::none;
};

class Material {
 public:
  virtual ~Material() = default;
  /// Registry name, e.g. "neo_hookean".
  virtual std::string name() const = 0;
  /// Isochoric energy, stress and tangent at the point; may read history_old and must write
  /// history_new when n_history() > 0.
  virtual void isochoric(const MaterialPoint& point, IsochoricResponse& out) const = 0;
  /// Number of history doubles per quadrature point (viscoelasticity, tone, ...).
  virtual int n_history() const { return 0; }
  /// Initial history values (size n_history()).
  virtual void init_history(double* /*history*/) const {}
  /// Small-strain shear modulus (Pa), for scaling (penalties, time steps, stable defaults).
  virtual double shear_modulus() const = 0;
  /// Scalars this material reports from its history (empty by default).
  virtual std::vector<MaterialOutput> outputs() const { return {}; }
  /// values (outputs().size()) at one point from its history (n_history() doubles).
  virtual void output_values(const double* /*history*/, double* /*values*/) const {}

  const VolumetricLaw& volumetric() const { return vol_; }
  void set_volumetric(VolumetricLaw v) { vol_ = v; }

 private:
  VolumetricLaw vol_;
};

/// Total (coupled) response W, S, CC of a material at F with point-wise U(J); used by tests,
/// by the plain displacement element and by homogeneous-deformation checks.
struct TotalResponse {
  double W = 0.0;
  Mat3 S = Mat3::Zero();
  Mat6 CC = Mat6::Zero();
};
TotalResponse total_response(const Material& m, const MaterialPoint& p);

/// Cauchy stress sigma = J^-1 F S F^T (Pa).
Mat3 cauchy_stress(const Mat3& F, const Mat3& S);

/// Helpers shared by materials: Voigt index of a symmetric pair, the tensor products
/// (A (x) B)_IJKL = A_IJ B_KL and (A (.) B)_IJKL = (A_IK B_JL + A_IL B_JK)/2 in Voigt form.
int voigt_index(int I, int J);
Mat6 outer_voigt(const Mat3& A, const Mat3& B);
Mat6 sym_product_voigt(const Mat3& A, const Mat3& B);
Vec6 to_voigt(const Mat3& A);

/// Deviatoric projection for an isochoric energy written in C_bar (Holzapfel 2000, eqs. 6.88-6.90):
/// given F, S_bar = 2 dW/dC_bar and CC_bar = 4 d^2W/dC_bar dC_bar (fictitious quantities), return
/// S_iso and CC_iso. Materials that write their energy in C_bar call this and never repeat it.
void project_isochoric(const Mat3& F, const Mat3& S_bar, const Mat6& CC_bar, Mat3& S_iso,
                       Mat6& CC_iso);

/// The isochoric invariants of C_bar = J^(-2/3) F^T F: I1_bar = tr C_bar, I2_bar = (I1_bar^2 -
/// tr C_bar^2) / 2.
struct IsochoricInvariants {
  Mat3 C_bar;
  double I1 = 0.0, I2 = 0.0;
};
IsochoricInvariants isochoric_invariants(const Mat3& F);

/// First and second derivatives of an isotropic W(I1_bar, I2_bar), Pa.
struct InvariantDerivatives {
  double W_1 = 0.0, W_2 = 0.0;                 ///< dW/dI1, dW/dI2
  double W_11 = 0.0, W_12 = 0.0, W_22 = 0.0;   ///< d2W/dI1^2, d2W/dI1 dI2, d2W/dI2^2
};

/// S_iso and CC_iso (through project_isochoric) of an isotropic W(I1_bar, I2_bar) from its
/// derivatives (Holzapfel 2000, eqs. 6.193-6.196): with D2 = dI2/dC_bar = I1 I - C_bar,
/// S_bar = 2 (W_1 I + W_2 D2),
/// CC_bar = 4 (W_11 I (x) I + W_12 (I (x) D2 + D2 (x) I) + W_22 D2 (x) D2 + W_2 (I (x) I - II)).
/// Mooney-Rivlin, Veronda-Westmann and the polynomial solid use it.
void invariant_isochoric(const Mat3& F, const IsochoricInvariants& inv,
                         const InvariantDerivatives& d, Mat3& S_iso, Mat6& CC_iso);

}  // namespace myo::sim
