#pragma once
// `penalty: auto`: a contact penalty for each face of the contact surface that follows the cell
// under it,
//     K_f = alpha mu_f / h_f   (Pa/m),   h_f = V_c / A_f,
// h_f the cell's reference height normal to the face (its volume over the face's area), mu_f its
// present isochoric stiffness against a push along the face normal (Assembler::normal_modulus:
// the shear modulus at rest, the stiffened tangent once the tissue is compressed) and alpha the
// `penalty_factor`. The penetration under a pressure p is then g = p h_f / (alpha mu_f): the same
// small fraction of every cell, fine or coarse, soft or stiffened, where one K for the whole
// surface (alpha mu_max / h_min) is far too stiff for the large or soft cells and too soft for the
// stiffened ones (issue 14: 2,470 Newton iterations on a graded mesh against 132 with a 10x
// softer K). As FEBio's auto_penalty with update_penalty (each facet's K from its element's
// modulus and A / V, updated at each step), with a hysteresis so a relaxing or releasing tissue
// does not change the penalty at every step.
#include <Eigen/Core>
#include <vector>

#include "myo/sim/assembler.hpp"
#include "myo/sim/mesh.hpp"

namespace myo::sim {

class AutoPenalty {
 public:
  /// faces: the contact surface; factor: alpha (-), > 0. Keeps no reference to the assembler.
  AutoPenalty(const Assembler& assembler, std::vector<Face> faces, double factor);
  /// The face penalties K_f (Pa/m, one per face) at the committed state u (n_dofs, m), time t:
  /// a face keeps its present K while the new value lies within a factor `kHysteresis` of it.
  /// Returns true if any face's K changed.
  bool update(const Assembler& assembler, const Eigen::VectorXd& u, double time_s, std::vector<double>& K) const;
  /// The new value changes a face's K only beyond this ratio either way.
  static constexpr double kHysteresis = 2.0;

 private:
  std::vector<Face> faces_;
  double factor_;
  std::vector<Vec3> normal_;      ///< reference unit normal of each face
  std::vector<double> height_m_;  ///< V_c / A_f (m)
  std::vector<double> mu_rest_Pa_;  ///< the cell material's small-strain shear modulus (Pa)
};

}  // namespace myo::sim
