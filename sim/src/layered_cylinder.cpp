#include "myo/sim/layered_cylinder.hpp"

#include <climits>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace myo::sim {

Mesh make_layered_cylinder(const LayeredCylinderSpec& spec, const std::string& path) {
  auto fmt = [](double v) {
    std::ostringstream s;
    s << v;
    return s.str();
  };
  // !(v > 0) also rejects NaN.
  if (!(spec.radius_m > 0) || !std::isfinite(spec.radius_m))
    throw std::invalid_argument(path + ".radius: " + fmt(spec.radius_m) +
                                " m; expected a finite value > 0");
  if (spec.cells_r < 1)
    throw std::invalid_argument(path + ".cells_r: " + std::to_string(spec.cells_r) +
                                "; expected >= 1");
  if (!(spec.radial_grading > 0) || !std::isfinite(spec.radial_grading))
    throw std::invalid_argument(path + ".radial_grading: " + fmt(spec.radial_grading) +
                                "; expected a finite value > 0");
  const LayerStack stack = stack_layers(spec.layers, path);

  const int nr = spec.cells_r;
  const int nz = static_cast<int>(stack.layer_of_row.size());
  const long long n_nodes = (nr + 1LL) * (nz + 1LL);
  if (n_nodes >= INT_MAX)
    throw std::invalid_argument(path + ": " + std::to_string(n_nodes) +
                                " nodes; too many for int indices");
  const std::vector<double> rs = graded_coordinates(spec.radius_m, nr, spec.radial_grading);

  Mesh mesh;
  mesh.cell_type = CellType::quad4_axisymmetric;
  auto id = [&](int i, int k) { return i + (nr + 1) * k; };
  mesh.X.resize(n_nodes, 2);
  for (int k = 0; k <= nz; ++k)
    for (int i = 0; i <= nr; ++i) mesh.X.row(id(i, k)) << rs[i], stack.z[k];

  mesh.cells.resize(static_cast<long long>(nr) * nz, 4);
  for (const LayerSpec& layer : spec.layers) mesh.regions[layer.name];
  for (int k = 0; k < nz; ++k)
    for (int i = 0; i < nr; ++i) {
      const int c = i + nr * k;
      mesh.cells.row(c) << id(i, k), id(i + 1, k), id(i + 1, k + 1), id(i, k + 1);
      mesh.regions[spec.layers[stack.layer_of_row[k]].name].push_back(c);
      // Local edges of quad4_edge_nodes: 0 z-, 1 r+, 2 z+, 3 r-.
      if (k == 0) mesh.face_sets["bottom"].push_back({c, 0});
      if (i == nr - 1) mesh.face_sets["outer"].push_back({c, 1});
      if (k == nz - 1) mesh.face_sets["top"].push_back({c, 2});
      if (i == 0) mesh.face_sets["axis"].push_back({c, 3});
    }

  // Loops run k outer, i inner, so the ids come out sorted.
  auto& all = mesh.node_sets["all"];
  all.resize(n_nodes);
  for (int n = 0; n < n_nodes; ++n) all[n] = n;
  for (int k = 0; k <= nz; ++k)
    for (int i = 0; i <= nr; ++i) {
      if (i == 0) mesh.node_sets["axis"].push_back(id(i, k));
      if (i == nr) mesh.node_sets["outer"].push_back(id(i, k));
      if (k == 0) mesh.node_sets["bottom"].push_back(id(i, k));
      if (k == nz) mesh.node_sets["top"].push_back(id(i, k));
    }
  return mesh;
}

}  // namespace myo::sim
