#pragma once
// The study "pelvic_alignment" (sim/study.hpp): what hip-flexor tightness does to standing and to
// the terminal stance of a running stride, in the pelvis model (pelvis_posture.hpp).
//
// Tightness is the iliacus and psoas resting-length factor rho (their l_opt' = rho l_opt, the
// tone model's rho = 1 - delta_m - delta_p), from rho_min to 1 in `points` steps; their shortening
// is (1 - rho) l_opt (mm, l_opt = 100 mm in gait2392). For each rho: standing (tilt, lumbar
// extension, trunk lean, moments, L5-S1 load), the stride (hip extension, tilt and lumbar
// extension at a fixed thigh angle, moments, L5-S1 load) and the Thomas-type passive hip
// extension. The summary holds the rho = 1 figures, the Preece et al. 2021 stretch (the rho whose
// passive hip extension is `stretch_gain` larger, and what it does to standing tilt and lumbar
// extension) and the slopes d tilt / d (hip-flexor length) at rho = 1 (central differences,
// deg/mm of l_opt).
#include "myo/sim/model_spec.hpp"
#include "myo/sim/study.hpp"

namespace myo::models {

/// Spec of the study: pelvis_param_specs() without hip_flexor_rho (the study varies it), plus
/// rho_min, points, test_moment, stretch_gain.
sim::ModelSpec pelvic_alignment_spec();

/// The runner (sim::StudyRunner).
sim::RunResult run_pelvic_alignment(const sim::ParamValues& values, const sim::StudyContext& context);

}  // namespace myo::models
