#pragma once
// Joining two meshes of the same cell type into one, as disjoint bodies (a tissue and a device):
// nodes are not merged, so the bodies only interact through contact.
#include <map>
#include <string>

#include "myo/sim/mesh.hpp"

namespace myo::sim {

/// Appends `other` to `target`: its nodes after target's, its cells after target's, its sets with
/// indices shifted. A set or region whose name is already in target is renamed name + "_2" (or
/// "_3", ...). Returns the renames, "node_sets.NAME" / "face_sets.NAME" / "regions.NAME" -> new
/// name (empty when nothing clashed).
/// Throws std::invalid_argument if the cell types differ.
std::map<std::string, std::string> append_mesh(Mesh& target, const Mesh& other);

}  // namespace myo::sim
