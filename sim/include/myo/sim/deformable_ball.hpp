#pragma once
// A deformable ball device (a massage ball of given diameter and firmness): meshed with
// make_ball_mesh, merged into the tissue mesh as a second body, made of a neo-Hookean solid
// (region <name>), driven through a handle node set by a prescribed travel, and touching the
// tissue through SurfacePairContact. The scenario parser fills DeformableBallSpec and adds the
// ball's material and handle boundary conditions to the spec; the run merges the mesh and
// resolves the contact.
#include <string>
#include <vector>

#include "myo/sim/assembler.hpp"
#include "myo/sim/ball_mesh.hpp"
#include "myo/sim/loads.hpp"
#include "myo/sim/surface_pair_contact.hpp"
#include "myo/sim/time_table.hpp"

namespace myo::sim {

struct DeformableBallSpec {
  std::string name;                 ///< contact name; region name and prefix of the ball's sets
  std::string tissue_face_set;      ///< tissue surface it may touch (slave of the pair contact)
  std::string key_path;  ///< "contact[0]": where the scenario gave it, for messages
  double diameter_m = 0.0;
  double shear_modulus_Pa = 0.0;    ///< mu of the neo-Hookean ball
  double poisson_ratio = 0.45;      ///< small-strain nu; kappa = 2 mu (1 + nu) / (3 (1 - 2 nu))
  int cells_per_octant = 8;         ///< mesh resolution (BallMeshSpec)
  double pole_grading = 1.0;        ///< BallMeshSpec::pole_grading
  double shell_grading = 1.0;       ///< BallMeshSpec::shell_grading
  Vec3 position = Vec3::Zero();     ///< where the ball touches the tissue at t = 0 (m)
  Vec3 direction = -Vec3::UnitZ();  ///< unit direction of travel
  std::string handle = "equator";   ///< driven node set: "equator" or "top" (see handle_set)
  TimeTable depth;                  ///< travel of the handle along direction (m) vs time
  bool force_control = false;       ///< the handle's travel is free and carries `force`
  TimeTable force;                  ///< force on the handle along direction (N) vs time
  /// The component the ball travels along (force control needs an axis-aligned direction).
  int travel_component() const;
  double penalty_Pa_per_m = 0.0;    ///< <= 0: auto (ball_pair_contacts)
  int quadrature = 3;
  bool two_pass = false;            ///< also ball points against the tissue (SurfacePairContact)

  double radius_m() const { return 0.5 * diameter_m; }
  /// Small-strain bulk modulus (Pa) from shear modulus and Poisson's ratio.
  double bulk_modulus_Pa() const { return 2.0 * shear_modulus_Pa * (1 + poisson_ratio) / (3.0 * (1 - 2 * poisson_ratio)); }
  /// Node set the device drives: <name>_equator (the plane through the centre) or <name>_top.
  std::string handle_set() const { return name + "_" + handle; }
  /// Largest |travel| of the depth table (m).
  double max_travel_m() const;
};

/// The ball's mesh spec: touching `position` at t = 0, top pole against the direction of travel.
BallMeshSpec ball_mesh_spec(const DeformableBallSpec& ball);

/// Meshes every ball and appends it to `mesh`. Throws std::invalid_argument naming
/// contact.<name> when the tissue face set is missing or a ball's set names clash with the mesh's.
void add_deformable_balls(const std::vector<DeformableBallSpec>& balls, Mesh& mesh);

/// Handle conditions of a ball as Dirichlet conditions on its handle set: the travel along
/// direction, in every component. Axisymmetric equator handles leave r free (the mid-plane of a
/// ball squeezed between two plates); 3D handles are held laterally too (a rigid holder).
std::vector<DirichletBC> ball_handle_conditions(const DeformableBallSpec& ball, bool axisymmetric);

/// Force-controlled balls: their handle's travel tied to one unknown carrying the force, seated
/// by moving the whole ball (ModelLoads::tied_forces, in the order of `balls`, which are also
/// the order of ball_pair_contacts).
std::vector<TiedForce> ball_tied_forces(const std::vector<DeformableBallSpec>& balls);

/// Pair contacts (slave: tissue surface, master: ball surface). An "auto" penalty becomes
/// 1000 mu* / h_min, mu* = (1/mu_tissue + 1/mu_ball)^-1 (mu_tissue the stiffest non-ball region,
/// h_min the smallest edge of either surface), as rigid contact's 1000 mu / h with the bodies in
/// series. The search distance is the largest travel plus half the radius.
std::vector<PairContactSpec> ball_pair_contacts(const std::vector<DeformableBallSpec>& balls, const Mesh& mesh,
                                                const std::vector<RegionMaterial>& materials);

}  // namespace myo::sim
