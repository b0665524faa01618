#include "myo/models/hip_region.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "myo/sim/layered_box.hpp"
#include "myo/sim/memory_estimate.hpp"

namespace myo::models {
namespace {

/// 0 below a, 1 above b, C1-smooth in between.
double smoothstep(double a, double b, double x) {
  const double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

void require(bool ok, const std::string& key, double value, const std::string& expected) {
  if (!ok) throw std::invalid_argument(key + ": " + std::to_string(value) + "; expected " + expected);
}

void check(const HipRegionParams& p) {
  require(p.asis_x_m > 0.0 && p.asis_x_m < p.fossa_x_m, "asis_x", p.asis_x_m, "0 < asis_x < fossa_x");
  require(p.fossa_x_m < p.brim_x_m, "fossa_x", p.fossa_x_m, "< brim_x");
  require(p.brim_x_m + 0.010 < p.width_m, "brim_x", p.brim_x_m, "at least 10 mm inside the width");
  require(p.bmi > 15.0, "bmi", p.bmi, "> 15 kg/m^2 (the fat scaling reaches zero at 15)");
  for (double t : {p.fat_m, p.wall_m, p.viscera_m, p.iliacus_m, p.psoas_m})
    require(t > p.taper_m, "taper", p.taper_m, "below every layer thickness");
  require(p.fat_asis_m > 0.0, "fat_asis", p.fat_asis_m, "> 0");
  for (int n : {p.cells_x, p.cells_y, p.cells_skin, p.cells_fat, p.cells_wall, p.cells_viscera, p.cells_muscle})
    require(n >= 1, "cells", n, ">= 1 in every direction and layer");
  if (p.lateral_grading != 1.0) {
    require(p.lateral_grading > 0.0, "lateral_grading", p.lateral_grading, "> 0");
    require(p.focus_x_m > 0.0 && p.focus_x_m < p.width_m, "focus_x", p.focus_x_m, "inside the width");
    require(p.cells_x >= 2, "cells_x", p.cells_x, ">= 2 with lateral_grading != 1");
    require(p.fine_width_m >= 0.0, "fine_width", p.fine_width_m, ">= 0");
    if (!p.section) {
      require(p.focus_y_m > 0.0 && p.focus_y_m < p.length_m, "focus_y", p.focus_y_m, "inside the length");
      require(p.cells_y >= 2, "cells_y", p.cells_y, ">= 2 with lateral_grading != 1");
    }
  }
}

enum Layer { kMuscle, kViscera, kWall, kFat, kSkin, kLayers };
const char* const kLayerName[kLayers] = {"muscle", "viscera", "abdominal_wall", "fat", "skin"};

std::vector<int> cells_per_layer(const HipRegionParams& p) {
  return {p.cells_muscle, p.cells_viscera, p.cells_wall, p.cells_fat, p.cells_skin};
}

/// z of the node rows of the column at x: bottom (bone) to top (skin at z_top).
std::vector<double> column_z(const HipRegionParams& p, double x, double z_top) {
  const HipLayerThickness t = hip_layer_thickness(p, x);
  const double thickness[kLayers] = {t.muscle, t.viscera, t.wall, t.fat, t.skin};
  const std::vector<int> cells = cells_per_layer(p);
  std::vector<double> z = {z_top - t.total()};
  for (int l = 0; l < kLayers; ++l)
    for (int k = 1; k <= cells[l]; ++k) z.push_back(z.back() + thickness[l] / cells[l]);
  z.back() = z_top;
  return z;
}

/// cells + 1 node coordinates over [0, length]: graded toward focus, or uniform (as i * length /
/// cells exactly, so that grading 1 keeps the mesh of before node for node).
std::vector<double> axis_coordinates(double length_m, int cells, double focus_m, double grading,
                                     double fine_width_m) {
  if (grading != 1.0) return sim::focus_graded_coordinates(length_m, cells, focus_m, grading, 0.5 * fine_width_m);
  std::vector<double> x(cells + 1);
  for (int i = 0; i <= cells; ++i) x[i] = length_m * i / cells;
  return x;
}

}  // namespace

HipLayerThickness hip_layer_thickness(const HipRegionParams& p, double x) {
  const double s = smoothstep(p.asis_x_m, p.fossa_x_m, x);
  const double fat_scale = (p.bmi - 15.0) / (25.0 - 15.0);
  const double brim = smoothstep(p.brim_x_m - 0.010, p.brim_x_m + 0.010, x);
  const double iliacus = p.taper_m + (p.iliacus_m - p.taper_m) * s;
  HipLayerThickness t;
  t.skin = p.skin_m;
  t.fat = fat_scale * (p.fat_asis_m + (p.fat_m - p.fat_asis_m) * s);
  t.wall = p.taper_m + (p.wall_m - p.taper_m) * s;
  t.viscera = p.taper_m + (p.viscera_m - p.taper_m) * s;
  t.muscle = iliacus + (p.psoas_m - iliacus) * brim;
  return t;
}

std::vector<double> hip_region_xs(const HipRegionParams& p) {
  return axis_coordinates(p.width_m, p.cells_x, p.focus_x_m, p.lateral_grading, p.fine_width_m);
}

std::vector<double> hip_region_ys(const HipRegionParams& p) {
  if (p.section) return {0.0, p.section_thickness_m};
  return axis_coordinates(p.length_m, p.cells_y, p.focus_y_m, p.lateral_grading, p.fine_width_m);
}

double hip_region_skin_top_m(const HipRegionParams& p) {
  double top = 0.0;
  for (double x : hip_region_xs(p)) top = std::max(top, hip_layer_thickness(p, x).total());
  return top;
}

sim::Mesh make_hip_region(const HipRegionParams& p) {
  check(p);
  const int nx = p.cells_x, ny = p.section ? 1 : p.cells_y;
  const std::vector<int> layer_cells = cells_per_layer(p);
  int nz = 0;
  for (int c : layer_cells) nz += c;
  sim::check_mesh_fits({(nx + 1LL) * (ny + 1LL) * (nz + 1LL), std::int64_t{nx} * ny * nz, 3},
                       "cells_x, cells_y and cells_skin ... cells_muscle");  // the registry prefixes "mesh."
  const double z_top = hip_region_skin_top_m(p);
  const std::vector<double> xs = hip_region_xs(p), ys = hip_region_ys(p);
  sim::Mesh mesh;
  mesh.cell_type = sim::CellType::hex8;
  auto id = [&](int i, int j, int k) { return i + (nx + 1) * j + (nx + 1) * (ny + 1) * k; };
  mesh.X.resize((nx + 1) * (ny + 1) * (nz + 1), 3);
  for (int i = 0; i <= nx; ++i) {
    const std::vector<double> z = column_z(p, xs[i], z_top);
    for (int j = 0; j <= ny; ++j)
      for (int k = 0; k <= nz; ++k) mesh.X.row(id(i, j, k)) << xs[i], ys[j], z[k];
  }
  std::vector<int> layer_of_row;
  for (int l = 0; l < kLayers; ++l) layer_of_row.insert(layer_of_row.end(), layer_cells[l], l);
  sim::add_structured_cells(mesh, nx, ny, nz);
  for (const char* name : {"skin", "fat", "abdominal_wall", "viscera", "iliacus", "psoas"}) mesh.regions[name];
  for (int c = 0; c < mesh.n_cells(); ++c) {  // c = i + nx j + nx ny k
    const int i = c % nx, l = layer_of_row[c / (nx * ny)];
    const std::string name = l != kMuscle ? kLayerName[l]
                             : 0.5 * (xs[i] + xs[i + 1]) < p.brim_x_m ? "iliacus"
                                                                      : "psoas";
    mesh.regions[name].push_back(c);
  }
  sim::add_structured_sets(mesh, nx, ny, nz);
  mesh.check();
  return mesh;
}

HipRegionParams HipRegionParams::from_values(const sim::ParamValues& v) {
  HipRegionParams p;
  p.width_m = v.at("width");
  p.length_m = v.at("length");
  p.section = v.at("section") != 0.0;
  p.section_thickness_m = v.at("section_thickness");
  p.asis_x_m = v.at("asis_x");
  p.fossa_x_m = v.at("fossa_x");
  p.brim_x_m = v.at("brim_x");
  p.bmi = v.at("bmi");
  p.skin_m = v.at("skin");
  p.fat_m = v.at("fat");
  p.fat_asis_m = v.at("fat_asis");
  p.wall_m = v.at("wall");
  p.viscera_m = v.at("viscera");
  p.iliacus_m = v.at("iliacus");
  p.psoas_m = v.at("psoas");
  p.taper_m = v.at("taper");
  auto count = [&](const char* key) { return static_cast<int>(std::lround(v.at(key))); };
  p.cells_x = count("cells_x");
  p.cells_y = count("cells_y");
  p.cells_skin = count("cells_skin");
  p.cells_fat = count("cells_fat");
  p.cells_wall = count("cells_wall");
  p.cells_viscera = count("cells_viscera");
  p.cells_muscle = count("cells_muscle");
  p.lateral_grading = v.at("lateral_grading");
  p.focus_x_m = v.at("focus_x");
  p.focus_y_m = v.at("focus_y");
  p.fine_width_m = v.at("fine_width");
  return p;
}

}  // namespace myo::models
