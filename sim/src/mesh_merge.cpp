#include "myo/sim/mesh_merge.hpp"

#include <stdexcept>

namespace myo::sim {
namespace {

/// name, or name_2, name_3, ... : the first that `taken` does not hold.
template <class Map>
std::string free_name(const Map& taken, const std::string& name) {
  if (!taken.count(name)) return name;
  for (int k = 2;; ++k)
    if (!taken.count(name + "_" + std::to_string(k))) return name + "_" + std::to_string(k);
}

/// Copies the sets of `from` into `to` with every index shifted by `offset`, renaming clashes.
template <class Item, class Shift>
void append_sets(std::map<std::string, std::vector<Item>>& to, const std::map<std::string, std::vector<Item>>& from,
                 const std::string& kind, Shift shift, std::map<std::string, std::string>& renames) {
  for (const auto& [name, items] : from) {
    const std::string new_name = free_name(to, name);
    if (new_name != name) renames[kind + "." + name] = new_name;
    auto& out = to[new_name];
    for (const Item& item : items) out.push_back(shift(item));
  }
}

}  // namespace

std::map<std::string, std::string> append_mesh(Mesh& target, const Mesh& other) {
  if (target.cell_type != other.cell_type)
    throw std::invalid_argument("append_mesh: the meshes have different cell types (hex8 and quad4_axisymmetric)");
  const int n0 = target.n_nodes(), c0 = target.n_cells();
  RowMatrixXd X(n0 + other.n_nodes(), target.dim());
  X << target.X, other.X;
  RowMatrixXi cells(c0 + other.n_cells(), target.nodes_per_cell());
  cells << target.cells, (other.cells.array() + n0).matrix();
  target.X = std::move(X);
  target.cells = std::move(cells);
  std::map<std::string, std::string> renames;
  append_sets(target.node_sets, other.node_sets, "node_sets", [n0](int n) { return n + n0; }, renames);
  append_sets(target.regions, other.regions, "regions", [c0](int c) { return c + c0; }, renames);
  append_sets(target.face_sets, other.face_sets, "face_sets", [c0](const Face& f) { return Face{f.cell + c0, f.local_face}; },
              renames);
  return renames;
}

}  // namespace myo::sim
