#pragma once
// Frictionless penalty contact between two deformable surfaces of one mesh (a tissue face set and a
// deformable device's surface), Gauss-point-to-segment, written as an energy so that residual and
// tangent are exact derivatives (as PenaltyContact against a rigid surface):
//     E_c = K/2 sum_passes w_p int_{Gamma_s,0} <g_N>_-^2 dA_0,
// where for every quadrature point x_s of the slave surface x_m(xi*) is the closest point of the
// (deformed, faceted) master surface, xi* = argmin over the master faces and their natural
// coordinates in [-1, 1]^k of phi = 1/2 |x_s - x_m(xi)|^2, and
//     g_N = sign(d . n_m) |d|,   d = x_s - x_m(xi*),   n_m the master face's outward normal,
// i.e. g_N = (x_s - x_m) . n_m at an interior projection (Wriggers 2006, Computational Contact
// Mechanics, ch. 4 and 9). Where g_N < 0 the integrand is K phi(xi*, y), y the nodal positions of the
// slave and master faces, and by the envelope theorem (xi* is stationary):
//     dE/dy   = K w dA_0 B^T d,                         B = dd/dy = [N_b I, -M_a(xi*) I],
//     d2E/dy2 = K w dA_0 (B^T B - C^T phi_xixi^-1 C),  C = phi_xi,y,
// over the natural coordinates that are not clamped at the face's border; this includes the
// master-side terms and the variation of xi*. With two_pass the roles are also swapped, each pass
// with weight w = 1/2 (symmetric treatment, no bias between the surfaces); otherwise w = 1.
// Axisymmetric meshes: the faces are the (r, z) edges (k = 1, dA_0 = 2 pi R dS_0); the meridian
// distance is the 3D distance of the rings. 3D meshes: bilinear quadrilaterals (k = 2).
#include <Eigen/Core>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "myo/sim/mesh.hpp"
#include "myo/sim/penalty_contact.hpp"  // ContactState

namespace myo::sim {

struct PairContactSpec {
  std::string name;                  ///< label in the history and summary ("ball")
  std::string slave;                 ///< face set whose quadrature points are tested (the tissue)
  std::string master;                ///< face set projected on (the device's surface)
  double penalty_Pa_per_m = 0.0;     ///< K (Pa/m), > 0 (the scenario resolves "auto" before)
  int quadrature = 3;                ///< Gauss points per face direction, 1..64
  bool two_pass = true;              ///< also master points against the slave surface
  /// Faces can only meet faces within this distance (m) of them in the reference configuration:
  /// the candidate pairs, fixed for the run so the tangent's sparsity pattern is fixed. It must
  /// exceed the relative travel of the surfaces (depth plus sliding).
  double search_distance_m = 0.0;
  Vec3 direction = -Vec3::UnitZ();   ///< device travel; the force is reported along -direction
};

class SurfacePairContact {
 public:
  /// Throws std::invalid_argument naming contact.<name> for a missing face set or a bad setting.
  SurfacePairContact(const Mesh& mesh, PairContactSpec spec);
  const PairContactSpec& spec() const { return spec_; }
  /// Node pairs that the tangent may couple (candidate face pairs), each once, first < second;
  /// the sparsity pattern must hold them.
  std::vector<std::pair<int, int>> coupled_nodes() const;
  /// Adds dE_c/du to R (n_dofs) and returns E_c (J); tangent entries (dof_i, dof_j, value) go to
  /// `entries` when want_K. state: force of the slave body on the master body along -direction
  /// (N); peak K |g_N| and reference area of the slave's quadrature points with g_N < 0 (first
  /// pass: the tissue's view, as PenaltyContact; a slave surface coarser than the contact zone
  /// under-samples both).
  double add(const Eigen::VectorXd& u, bool want_K, Eigen::VectorXd& R,
             std::vector<std::tuple<int, int, double>>* entries, ContactState& state) const;

 private:
  struct Pass {
    std::vector<std::vector<int>> slave_nodes, master_nodes;  ///< per face, outward order
    std::vector<std::vector<int>> candidates;                 ///< per slave face: master faces
    double weight = 1.0;
  };
  Pass make_pass(const std::vector<Face>& slave, const std::vector<Face>& master, double weight) const;
  double add_pass(const Pass& pass, const Eigen::VectorXd& u, bool want_K, Eigen::VectorXd& R,
                  std::vector<std::tuple<int, int, double>>* entries, ContactState& state,
                  Vec3& force_on_slave) const;

  const Mesh& mesh_;
  PairContactSpec spec_;
  std::vector<Pass> passes_;
  std::vector<double> gx_, gw_;  ///< Gauss-Legendre rule on [-1, 1]
};

}  // namespace myo::sim
