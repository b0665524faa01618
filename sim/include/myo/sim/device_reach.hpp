#pragma once
// Whether each device of a scenario can reach the tissue at all, decided before any solve: a
// device placed 50 mm above the skin and moved 4 mm would otherwise run to the end with zero
// force (depth control) or fail at once with a singular tangent (force control, where nothing
// resists the device's travel until it touches).
#include "myo/sim/deformable_ball.hpp"
#include "myo/sim/mesh.hpp"
#include "myo/sim/penalty_contact.hpp"

namespace myo::sim {

/// A lower bound (m) of the gap between a rigid device at t = 0 and its face set: the signed
/// distance at points sampled over every face, less the farthest any face point lies from its
/// nearest sample (the distance is 1-Lipschitz, so no face point can be closer than this).
double initial_gap_lower_bound(const ContactSpec& contact, const Mesh& mesh);
/// The same for a meshed ball (a sphere of the ball's radius touching at its position).
double initial_gap_lower_bound(const DeformableBallSpec& ball, const Mesh& mesh);

/// Throws ScenarioError naming the contact's key path when a device cannot touch its surface:
/// under depth control its largest travel is below the gap; under force control it starts more
/// than `force_control_gap_m` away (the first step would have nothing to push against).
void check_devices_reach(const std::vector<ContactSpec>& contacts, const std::vector<DeformableBallSpec>& balls,
                         const Mesh& mesh, double force_control_gap_m = 1e-4);

}  // namespace myo::sim
