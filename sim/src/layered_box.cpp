#include "myo/sim/layered_box.hpp"

#include <climits>
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

namespace myo::sim {
namespace {

std::string fmt(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

void require_positive(double v, const std::string& key, const std::string& unit) {
  // !(v > 0) also rejects NaN.
  if (!(v > 0) || !std::isfinite(v))
    throw std::invalid_argument(key + ": " + fmt(v) + (unit.empty() ? "" : " " + unit) +
                                "; expected a finite value > 0");
}

void require_cells(int n, const std::string& key) {
  if (n < 1) throw std::invalid_argument(key + ": " + std::to_string(n) + "; expected >= 1");
}

}  // namespace

std::vector<double> graded_coordinates(double length_m, int cells, double grading) {
  // Sizes h_i = q^i, i = 0..cells-1, with q^(cells-1) = grading, scaled to sum to length_m.
  const double q = cells > 1 ? std::pow(grading, 1.0 / (cells - 1)) : 1.0;
  double sum = 0;
  for (int i = 0; i < cells; ++i) sum += std::pow(q, i);
  std::vector<double> x(cells + 1, 0.0);
  for (int i = 0; i < cells; ++i) x[i + 1] = x[i] + length_m * std::pow(q, i) / sum;
  x[cells] = length_m;  // exact end, so that sets and interfaces sit exactly on their planes
  return x;
}

std::vector<double> centre_graded_coordinates(double length_m, int cells, double grading) {
  const double c = 0.5 * length_m;
  std::vector<double> x(cells + 1);
  const int m = cells / 2;
  if (cells % 2 == 0) {
    // The centre is node m; each half is graded outward. Built from the same graded_coordinates
    // call as a quarter model, so a quarter of the full box has bit-identical nodes.
    const std::vector<double> half = graded_coordinates(c, m, grading);
    for (int k = 0; k <= m; ++k) {
      x[m + k] = c + half[k];
      x[m - k] = c - half[k];
    }
  } else {
    // A centre cell of size s straddles the centre; m cells on each side of sizes s q^j,
    // j = 1..m, with q^m = grading.
    const double q = m > 0 ? std::pow(grading, 1.0 / m) : 1.0;
    double sum = 1.0;
    for (int j = 1; j <= m; ++j) sum += 2 * std::pow(q, j);
    const double s = length_m / sum;
    double offset = 0.5 * s;  // distance of node m + 1 + k (and m - k) from the centre
    for (int k = 0; k <= m; ++k) {
      if (k == m) offset = c;
      x[m + 1 + k] = c + offset;
      x[m - k] = c - offset;
      offset += s * std::pow(q, k + 1);
    }
  }
  x[0] = 0.0;
  x[cells] = length_m;
  return x;
}

std::vector<double> plateau_graded_coordinates(double length_m, int cells, double plateau_m, double grading) {
  if (!(plateau_m > 0.0) || cells < 2) return graded_coordinates(length_m, cells, grading);
  if (plateau_m >= length_m) return graded_coordinates(length_m, cells, 1.0);
  // n_p cells of size s = plateau / n_p, then m = cells - n_p cells of sizes s q^j (j = 1..m)
  // filling the rest exactly: s sum_j q^j = length - plateau, q >= 1. Of the counts for which
  // such a q exists, the one whose end ratio q^m comes nearest the requested grading.
  const double rest = length_m - plateau_m;
  auto fill = [&](double s, int m, double q) {
    double sum = 0, p = 1;
    for (int j = 1; j <= m; ++j) sum += (p *= q);
    return s * sum - rest;
  };
  int best_np = 0;
  double best_q = 1.0, best_miss = INFINITY;
  for (int np = 1; np < cells; ++np) {
    const double s = plateau_m / np;
    const int m = cells - np;
    if (fill(s, m, 1.0) > 0.0) continue;  // even uniform cells of size s overfill the rest
    double lo = 1.0, hi = 2.0;
    while (fill(s, m, hi) < 0.0) hi *= 2.0;
    for (int it = 0; it < 200 && hi - lo > 1e-15 * hi; ++it) (fill(s, m, 0.5 * (lo + hi)) < 0.0 ? lo : hi) = 0.5 * (lo + hi);
    const double q = 0.5 * (lo + hi);
    const double miss = std::abs(m * std::log(q) - std::log(std::max(grading, 1.0)));
    if (miss < best_miss) best_np = np, best_q = q, best_miss = miss;
  }
  if (best_np == 0) return graded_coordinates(length_m, cells, 1.0);  // the plateau needs every cell
  std::vector<double> x(cells + 1, 0.0);
  const double s = plateau_m / best_np;
  for (int i = 1; i <= best_np; ++i) x[i] = s * i;
  x[best_np] = plateau_m;
  double h = s;
  for (int i = best_np + 1; i <= cells; ++i) x[i] = x[i - 1] + (h *= best_q);
  x[cells] = length_m;
  return x;
}

std::vector<double> focus_graded_coordinates(double length_m, int cells, double focus_m, double grading,
                                             double fine_half_width_m) {
  const int left = std::clamp(static_cast<int>(std::lround(cells * focus_m / length_m)), 1, cells - 1);
  const std::vector<double> below = plateau_graded_coordinates(focus_m, left, fine_half_width_m, grading);
  const std::vector<double> above =
      plateau_graded_coordinates(length_m - focus_m, cells - left, fine_half_width_m, grading);
  std::vector<double> x(cells + 1);
  for (int k = 0; k <= left; ++k) x[left - k] = focus_m - below[k];
  for (int k = 0; k <= cells - left; ++k) x[left + k] = focus_m + above[k];
  x[0] = 0.0;
  x[cells] = length_m;
  return x;
}

LayerStack stack_layers(const std::vector<LayerSpec>& layers, const std::string& path) {
  if (layers.empty())
    throw std::invalid_argument(path + ".layers: empty; expected at least one layer");
  std::map<std::string, std::size_t> first_use;
  long long rows = 0;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const LayerSpec& layer = layers[l];
    const std::string key = path + ".layers[" + std::to_string(l) + "]";
    if (layer.name.empty()) throw std::invalid_argument(key + ".name: empty; expected a region name");
    if (const auto [it, fresh] = first_use.emplace(layer.name, l); !fresh)
      throw std::invalid_argument(key + ".name: '" + layer.name + "' is also the name of " + path +
                                  ".layers[" + std::to_string(it->second) +
                                  "]; expected unique names");
    require_positive(layer.thickness_m, key + ".thickness", "m");
    require_cells(layer.cells, key + ".cells");
    require_positive(layer.grading, key + ".grading", "");
    rows += layer.cells;
  }
  if (rows >= INT_MAX)
    throw std::invalid_argument(path + ".layers: " + std::to_string(rows) +
                                " cells across the thickness; too many for int indices");
  LayerStack stack;
  stack.z.push_back(0.0);
  double base = 0.0;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const std::vector<double> zl =
        graded_coordinates(layers[l].thickness_m, layers[l].cells, layers[l].grading);
    for (int k = 1; k <= layers[l].cells; ++k) stack.z.push_back(base + zl[k]);
    base += layers[l].thickness_m;
    stack.z.back() = base;  // interfaces at the exact running sum of the thicknesses
    stack.layer_of_row.insert(stack.layer_of_row.end(), layers[l].cells, static_cast<int>(l));
  }
  return stack;
}

void add_structured_cells(Mesh& mesh, int nx, int ny, int nz) {
  auto id = [&](int i, int j, int k) { return i + (nx + 1) * j + (nx + 1) * (ny + 1) * k; };
  mesh.cells.resize(static_cast<long long>(nx) * ny * nz, 8);
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i)
        mesh.cells.row(i + nx * j + nx * ny * k) << id(i, j, k), id(i + 1, j, k), id(i + 1, j + 1, k),
            id(i, j + 1, k), id(i, j, k + 1), id(i + 1, j, k + 1), id(i + 1, j + 1, k + 1), id(i, j + 1, k + 1);
}

void add_structured_sets(Mesh& mesh, int nx, int ny, int nz) {
  auto id = [&](int i, int j, int k) { return i + (nx + 1) * j + (nx + 1) * (ny + 1) * k; };
  const int n_nodes = (nx + 1) * (ny + 1) * (nz + 1);
  // Node sets: loops run k, j, i outermost to innermost, so the ids come out sorted.
  auto& all = mesh.node_sets["all"];
  all.resize(n_nodes);
  for (int n = 0; n < n_nodes; ++n) all[n] = n;
  for (int k = 0; k <= nz; ++k)
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i <= nx; ++i) {
        const int n = id(i, j, k);
        if (k == 0) mesh.node_sets["bottom"].push_back(n);
        if (k == nz) mesh.node_sets["top"].push_back(n);
        if (j == 0) mesh.node_sets["y0"].push_back(n);
        if (j == ny) mesh.node_sets["y1"].push_back(n);
        if (i == 0) mesh.node_sets["x0"].push_back(n);
        if (i == nx) mesh.node_sets["x1"].push_back(n);
      }

  // Face sets with the local faces of hex8_face_nodes: 0 z-, 1 z+, 2 y-, 3 x+, 4 y+, 5 x-.
  for (int k = 0; k < nz; ++k)
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const int c = i + nx * j + nx * ny * k;
        if (k == 0) mesh.face_sets["bottom"].push_back({c, 0});
        if (k == nz - 1) mesh.face_sets["top"].push_back({c, 1});
        if (j == 0) mesh.face_sets["y0"].push_back({c, 2});
        if (i == nx - 1) mesh.face_sets["x1"].push_back({c, 3});
        if (j == ny - 1) mesh.face_sets["y1"].push_back({c, 4});
        if (i == 0) mesh.face_sets["x0"].push_back({c, 5});
      }
}

Mesh make_layered_box(const LayeredBoxSpec& spec, const std::string& path) {
  require_positive(spec.size_x_m, path + ".size_x", "m");
  require_positive(spec.size_y_m, path + ".size_y", "m");
  require_cells(spec.cells_x, path + ".cells_x");
  require_cells(spec.cells_y, path + ".cells_y");
  require_positive(spec.lateral_grading, path + ".lateral_grading", "");
  const LayerStack stack = stack_layers(spec.layers, path);

  const int nx = spec.cells_x, ny = spec.cells_y;
  const int nz = static_cast<int>(stack.layer_of_row.size());
  const long long n_nodes = (nx + 1LL) * (ny + 1LL) * (nz + 1LL);
  if (n_nodes >= INT_MAX)
    throw std::invalid_argument(path + ": " + std::to_string(n_nodes) +
                                " nodes; too many for int indices");

  std::vector<double> xs, ys;
  if (spec.quarter) {
    // The quarter x >= size_x/2 is the outer half of a centre-graded line of 2 nx cells.
    xs = graded_coordinates(0.5 * spec.size_x_m, nx, spec.lateral_grading);
    ys = graded_coordinates(0.5 * spec.size_y_m, ny, spec.lateral_grading);
    for (double& x : xs) x += 0.5 * spec.size_x_m;
    for (double& y : ys) y += 0.5 * spec.size_y_m;
    xs.back() = spec.size_x_m;
    ys.back() = spec.size_y_m;
  } else {
    xs = centre_graded_coordinates(spec.size_x_m, nx, spec.lateral_grading);
    ys = centre_graded_coordinates(spec.size_y_m, ny, spec.lateral_grading);
  }

  Mesh mesh;
  mesh.cell_type = CellType::hex8;
  auto id = [&](int i, int j, int k) { return i + (nx + 1) * j + (nx + 1) * (ny + 1) * k; };
  mesh.X.resize(n_nodes, 3);
  for (int k = 0; k <= nz; ++k)
    for (int j = 0; j <= ny; ++j)
      for (int i = 0; i <= nx; ++i) mesh.X.row(id(i, j, k)) << xs[i], ys[j], stack.z[k];

  add_structured_cells(mesh, nx, ny, nz);
  for (const LayerSpec& layer : spec.layers) mesh.regions[layer.name];
  for (int c = 0; c < mesh.n_cells(); ++c)  // row k of cell c = i + nx j + nx ny k
    mesh.regions[spec.layers[stack.layer_of_row[c / (nx * ny)]].name].push_back(c);

  add_structured_sets(mesh, nx, ny, nz);
  return mesh;
}

}  // namespace myo::sim
