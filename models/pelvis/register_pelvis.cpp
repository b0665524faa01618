// The pelvis model in the registry: its parameters (kind "pelvis", spec only: sim/ builds nothing
// from it) and the study "pelvic_alignment" (kind "study", run from a scenario's `study:` block).
#include "myo/models/register_pelvis.hpp"

#include "myo/models/pelvic_alignment_study.hpp"
#include "myo/models/pelvis_inputs.hpp"

namespace myo::models {

void register_pelvis(sim::Registry& registry) {
  sim::ModelSpec spec;
  spec.kind = "pelvis";
  spec.name = "pelvis_statics";
  spec.summary =
      "sagittal musculoskeletal statics: foot, shank, thigh, pelvis, trunk; 7 Hill muscles (Thelen 2003, "
      "rigid tendon) on gait2392 paths; standing (trunk mass centre held over the hip) and running terminal "
      "stance (trunk angle held), pelvis free: Q_hip + Q_lumbar = 0. A hypothesis of posture, not of its control.";
  spec.source = "Delp et al. 1990 (gait2392); Thelen 2003; de Leva 1996; Rajagopal 2016 (ASIS, PSIS markers)";
  spec.params = pelvis_param_specs();
  registry.add_model_spec(std::move(spec));
  registry.add_study(pelvic_alignment_spec(), run_pelvic_alignment);
}

}  // namespace myo::models
