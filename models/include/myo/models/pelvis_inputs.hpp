#pragma once
// The pelvis model's inputs by name: one parameter list (unit, default, range, source) shared by
// the registry ("pelvis_statics" spec, the "pelvic_alignment" study), the Python bindings and the
// scenario parser, and the conversion of resolved values into the model's structs.
#include <vector>

#include "myo/models/pelvis_model.hpp"
#include "myo/models/pelvis_posture.hpp"
#include "myo/sim/model_spec.hpp"

namespace myo::models {

struct PelvisInputs {
  PelvisParams model;
  StandingTargets standing;
  StrideTargets stride;
};

/// Every parameter of PelvisParams (body mass, hip-flexor tightness, capsule, lumbar), the
/// standing holds and the stride pose, with the structs' defaults.
std::vector<sim::ParamSpec> pelvis_param_specs();

/// The structs from values resolved against pelvis_param_specs() (SI); a key that is absent keeps
/// the struct's default.
PelvisInputs pelvis_inputs(const sim::ParamValues& values);

}  // namespace myo::models
