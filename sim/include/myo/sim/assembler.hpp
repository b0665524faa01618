#pragma once
// Assembly of internal forces and tangents over the whole mesh, in parallel with OpenMP.
//
// Cells are coloured so that no two cells of one colour share a node; colours run one after
// another and the cells of a colour in parallel. Every matrix and vector entry is therefore
// summed in the same order whatever the number of threads: 1 and 2 threads give bit-identical
// results. The assembler owns the quadrature-point history (viscoelasticity, tone) and updates it
// only when a step is accepted (commit_history), as in deal.II step-44.
#include <Eigen/Core>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "myo/sim/element_geometry.hpp"
#include "myo/sim/fibre_field.hpp"
#include "myo/sim/formulation.hpp"
#include "myo/sim/material.hpp"
#include "myo/sim/mesh.hpp"
#include "myo/sim/solid_element.hpp"
#include "myo/sim/symmetric_csc.hpp"

namespace myo::sim {

/// The material of a region and its fibre direction field (unit vectors, reference configuration).
struct RegionMaterial {
  std::string region;
  std::shared_ptr<const Material> material;
  FibreField fibre = FibreField();  ///< uniform along x unless given
};

/// Cell-averaged fields for output: each n_cells x 9 (row-major 3x3) or n_cells x 1.
struct CellFields {
  RowMatrixXd cauchy_stress;   ///< Pa, volume average over the cell's Gauss points
  RowMatrixXd green_lagrange;  ///< -, volume average of E = (C - I)/2
  RowMatrixXd von_mises;       ///< Pa, of the averaged Cauchy stress
  RowMatrixXd J;               ///< -, volume ratio (cell dilatation theta)
  /// Material outputs (Material::outputs()) of every material, first appearance first, and per
  /// cell their volume mean and largest point value (n_cells x n_outputs each) over the Gauss
  /// points, from the committed history; NaN in cells whose material has no such output.
  std::vector<MaterialOutput> outputs;
  RowMatrixXd output_mean, output_max;
  RowMatrixXd volume;          ///< m^3, n_cells x 1, reference volume of each cell
};

class Assembler {
 public:
  Assembler(const Mesh& mesh, std::vector<RegionMaterial> materials, Formulation formulation);

  int n_dofs() const { return mesh_.n_nodes() * mesh_.dim(); }
  const Mesh& mesh() const { return mesh_; }
  Formulation formulation() const { return formulation_; }
  const std::vector<GaussPointGeometry>& gauss() const { return gauss_; }
  /// Unit fibre direction at every Gauss point (cell-major, like gauss()), from the regions'
  /// fibre fields at the points' reference positions.
  const std::vector<Vec3>& gauss_fibres() const { return gauss_fibres_; }
  int n_colours() const { return static_cast<int>(colour_cells_.size()); }

  /// eq (n_dofs + extra dofs): equation number of each dof, or -1 where the dof is prescribed;
  /// equations are 0..n_eq-1. Builds the sparsity pattern of the tangent and the cell -> entry
  /// maps. `couplings` (dof pairs) adds entries that no cell creates, e.g. a rigid device's
  /// travel (a dof after the mesh dofs) coupled to the nodes it may touch.
  void set_equations(std::vector<int> eq, const std::vector<std::pair<int, int>>& couplings = {});
  const std::vector<int>& equations() const { return eq_; }
  int n_equations() const { return n_eq_; }
  /// The tangent's pattern with zero values, to analyse once and reuse.
  const SymmetricCsc& pattern() const { return K_; }

  /// Internal force f_int (n_dofs, N) and stored energy (J) at displacement u (n_dofs, m).
  /// When want_K, also the tangent over the equations into tangent() (N/m).
  /// Returns false if some cell is inverted (the state must be rejected).
  bool assemble(const Eigen::VectorXd& u, double time_s, double dt_s, bool want_K,
                Eigen::VectorXd& f_int, double& energy);
  SymmetricCsc& tangent() { return K_; }

  /// Accept the step: the history written by the last assemble() becomes the old history, and
  /// the last accepted Newton iterate becomes the start of the next step's dilatation iterate.
  void commit_history();

  /// Q1/P0 two-field Newton (SolidElement): the state of the last assemble() with K becomes the
  /// accepted iterate u_k, about which later tangents linearise the dilatation,
  /// theta~ = theta_k + g_k . (u - u_k) / V0. No-op for the displacement formulation.
  void accept_iterate();
  /// Start a new Newton solve: linearise about the last committed step again (after a failed
  /// attempt the accepted iterates belong to a state that was thrown away).
  void restart_iterate();
  CellFields cell_fields(const Eigen::VectorXd& u, double time_s, double dt_s) const;
  /// Internal nodal forces (n_dofs, N) of the given cells alone at u, on the committed history:
  /// at equilibrium, their value at a node shared with other cells is the force those cells
  /// apply to this group there (what reaches a target region through its boundary).
  Eigen::VectorXd internal_force(const Eigen::VectorXd& u, double time_s, const std::vector<int>& cells) const;
  /// Present isochoric stiffness (Pa) of cell c against a push along the reference unit normal
  /// N, on the committed history (SolidElement::normal_modulus): mu at u = 0 for an isotropic
  /// material; 0 if the cell is inverted.
  double normal_modulus(const Eigen::VectorXd& u, double time_s, int c, const Vec3& N) const;
  /// The material of cell c.
  const Material& cell_material(int c) const { return *materials_[cell_material_[c]].material; }
  /// Reference volume (m^3) of cell c (for axisymmetric meshes, of its ring).
  double cell_volume(int c) const;
  /// Only the material outputs of the committed history: fills out.outputs, output_mean,
  /// output_max and volume (cell_fields() does this too). Cheap: no stress is evaluated.
  void material_output_fields(CellFields& out) const;

 private:
  template <class Element>
  bool assemble_cells(const Eigen::VectorXd& u, double time_s, double dt_s, bool want_K,
                      Eigen::VectorXd& f_int);
  template <class Element>
  void internal_force_impl(const Eigen::VectorXd& u, double time_s, const std::vector<int>& cells,
                           Eigen::VectorXd& f) const;
  template <class Element>
  void cell_fields_impl(const Eigen::VectorXd& u, double time_s, double dt_s, CellFields& out) const;
  /// visit(u_e, ctx) with cell c's displacements and inputs on the committed history (scratch
  /// space for the history it writes): an evaluation that must not advance the history.
  template <class Element, class F>
  void on_committed_history(const Eigen::VectorXd& u, double time_s, int c, F&& visit) const;
  template <class Element>
  double normal_modulus_impl(const Eigen::VectorXd& u, double time_s, int c, const Vec3& N) const;
  void colour_cells();
  /// Element inputs of cell c, history_new left unset (the caller owns where it is written).
  ElementContext context(int c, double time_s, double dt_s) const;

  const Mesh& mesh_;
  std::vector<RegionMaterial> materials_;
  Formulation formulation_;
  std::vector<GaussPointGeometry> gauss_;
  std::vector<Vec3> gauss_fibres_;
  int n_gp_ = 0;
  std::vector<int> cell_material_;               ///< index into materials_
  std::vector<std::vector<int>> colour_cells_;   ///< cells of each colour
  std::vector<int> eq_;
  int n_eq_ = 0;
  SymmetricCsc K_;
  std::vector<int> cell_entry_;                  ///< n_cells x NDOF x NDOF positions in K_ (-1: skip)
  std::vector<double> cell_energy_;              ///< J, per cell, summed in a fixed order
  std::vector<size_t> history_offset_;           ///< per cell, into history_* (n_cells + 1)
  std::vector<double> history_old_, history_new_;
  /// The dilatation iterate's linearisation point: theta (n_cells), g (n_cells x NDOF, m^2 or
  /// m^3 / m) and u (n_dofs, m) of the last assemble() with K (pending), of the accepted iterate
  /// (ref) and of the committed step (conv).
  struct DilatationState {
    std::vector<double> theta, g;
    Eigen::VectorXd u;
    bool valid = false;
  };
  DilatationState dil_pending_, dil_ref_, dil_conv_;
  std::vector<double> cell_volume_;  ///< m^3, reference volume per cell
};

}  // namespace myo::sim
