#pragma once
// The one scenario parser. A scenario is a YAML document (see scenarios/*.yaml and the README):
// name, mesh, materials, formulation, boundary, loads, time, solver, output. Quantities carry
// units ("6 mm", "10 kPa", "60 s"); bare numbers are SI. Every key is checked: an unknown key, a
// wrong unit or a value out of range throws ScenarioError naming the key path.
// Overrides (`--set PATH=VALUE`, sweeps) act on the parsed document, never on the text.
#include <memory>
#include <string>
#include <vector>

#include "myo/sim/deformable_ball.hpp"
#include "myo/sim/fibre_field.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/layered_cylinder.hpp"
#include "myo/sim/loads.hpp"
#include "myo/sim/material.hpp"
#include "myo/sim/model_spec.hpp"
#include "myo/sim/newton_solver.hpp"
#include "myo/sim/registry.hpp"
#include "myo/sim/scenario_error.hpp"
#include "myo/sim/stepper.hpp"
#include "myo/sim/target_region.hpp"

namespace myo::sim {

struct MaterialAssignment {
  std::string region;     ///< mesh region (= key under `materials`)
  std::string model;      ///< registry name
  ParamValues params;     ///< SI, resolved against the spec (defaults filled)
  VolumetricForm volumetric = VolumetricForm::quadratic;
  FibreField fibre;       ///< `fibre: [x, y, z]` (uniform) or `fibre: {curve: [...], blend: ...}`
};

struct OutputSpec {
  std::vector<double> times_s;   ///< write these times (plus the last step); empty = every step
  std::vector<std::string> reaction_sets;  ///< node sets whose total reaction goes in the history
  TargetSpec target;             ///< region whose stress and entering force are reported (optional)
  int depth_profile_points = 25; ///< samples of the stress along the first device's axis (0: none)
};

/// The validated, typed content of a scenario.
struct ScenarioSpec {
  std::string name;
  std::string description;
  /// A study scenario (top-level `study: {model: NAME, ...}`): the study's registry name and its
  /// parameters, resolved (SI, defaults filled). Empty for a finite-element scenario; then
  /// everything below applies, and nothing below applies to a study.
  std::string study;
  ParamValues study_params;
  std::string mesh_generator;        ///< "layered_box", "layered_cylinder", an anatomy's name, or "file"
  /// The mesh of an anatomy generator or a mesh file, built while parsing (its regions take the
  /// materials); null for the layered generators, which Simulation builds.
  std::shared_ptr<const Mesh> given_mesh;
  LayeredBoxSpec box;
  LayeredCylinderSpec cylinder;
  std::vector<MaterialAssignment> materials;
  Formulation formulation = Formulation::q1p0;
  ModelLoads loads;                  ///< tables resolved; sets checked when the mesh is built
  StepControl steps;
  NewtonSettings newton;
  OutputSpec output;
  /// Contacts; penalty_Pa_per_m <= 0 means "auto": 1000 x (largest shear modulus) / (smallest
  /// edge of the contact surface), resolved when the mesh and materials exist.
  std::vector<ContactSpec> contacts;
  /// Contacts whose device is a meshed deformable ball (device model "deformable_ball"); their
  /// material and handle conditions are already in `materials` and `loads.dirichlet`.
  std::vector<DeformableBallSpec> balls;
};

class Scenario {
 public:
  /// Throws ScenarioError for a missing file or malformed YAML (with line and column).
  static Scenario from_file(const std::string& path);
  /// `base_dir` resolves relative file references (`mesh: {file: ...}`).
  static Scenario from_text(const std::string& yaml_text, const std::string& base_dir = ".");
  Scenario(const Scenario&);
  Scenario& operator=(const Scenario&);
  Scenario(Scenario&&) noexcept;
  Scenario& operator=(Scenario&&) noexcept;
  ~Scenario();

  /// Override one value: path like "materials.tissue.mu" or "mesh.layers[0].thickness" or
  /// "boundary[1].displacement.z"; value is YAML text ("12 kPa", "[1, 0, 0]", "16").
  /// Creates missing mapping keys; `null` (or `~`) removes a mapping key (a variant dropping a key
  /// its base sets that its device does not take); validation happens in spec().
  void set(const std::string& path, const std::string& value_yaml);
  /// Parse and check everything against the registry. Throws ScenarioError.
  ScenarioSpec spec(const Registry& registry) const;
  /// The scenario with every default filled in, as YAML (written beside the results).
  std::string resolved_yaml(const Registry& registry) const;
  /// The document as given (after overrides), as YAML.
  std::string yaml() const;
  std::string name() const;
  /// Names of the top-level `variants:` (name -> {path: value} overrides, e.g. one device each
  /// in a device comparison), in file order.
  std::vector<std::string> variant_names() const;
  /// The scenario with variant `name`'s overrides applied and no `variants` key. Throws
  /// ScenarioError for an unknown name or a bad override path.
  Scenario variant(const std::string& name) const;

 private:
  Scenario();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace myo::sim
