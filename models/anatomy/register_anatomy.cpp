#include "myo/models/register_anatomy.hpp"

#include <limits>
#include <string>
#include <utility>

#include "myo/models/hip_region.hpp"
#include "myo/models/param_helpers.hpp"

namespace myo::models {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr const char* kCT =
    "abdominal CT at L3-L4, n = 232 (shared/reference/literature.md [V])";
constexpr const char* kAssumed = "assumed: no figure in shared/reference/literature.md";

sim::ParamSpec length(std::string name, double default_m, std::string long_name, std::string source) {
  sim::ParamSpec p = make_length_param(std::move(name), default_m, 0.0, 1.0, std::move(long_name), std::move(source));
  p.min_exclusive = true;
  return p;
}

sim::ParamSpec count(std::string name, double default_n, std::string long_name) {
  // 200: any one count at its maximum (the others at their defaults) needs under 5 GiB by the
  // solver's memory estimate; larger combinations are refused by that estimate with their keys.
  return make_param(std::move(name), "-", default_n, 1.0, 200.0, std::move(long_name), "mesh resolution");
}

std::vector<sim::ParamSpec> hip_region_params() {
  const HipRegionParams d;
  return {
      length("width", d.width_m, "x extent, lateral of the ASIS to near the midline", kAssumed),
      length("length", d.length_m, "extent along the body axis (3D)", kAssumed),
      make_param("section", "-", 0.0, 0.0, 1.0,
                 "1: one cell along the body axis, a plane-strain section with u_y = 0 on y0 and y1",
                 "modelling choice"),
      length("section_thickness", d.section_thickness_m,
             "extent of the section along the body axis (forces are per this length)", "modelling choice"),
      length("asis_x", d.asis_x_m, "x of the ASIS crest", kAssumed),
      length("fossa_x", d.fossa_x_m, "x where the iliac fossa reaches its full depth", kAssumed),
      length("brim_x", d.brim_x_m, "x of the pelvic brim: iliacus lateral, psoas medial", kAssumed),
      make_param("bmi", "kg/m^2", d.bmi, 15.0, 60.0,
                 "body-mass index; the fat scales as (BMI - 15)/10",
                 "assumed scaling; 17.5 mm is taken as the fat at BMI 25"),
      length("skin", d.skin_m, "skin thickness", kAssumed),
      length("fat", d.fat_m, "subcutaneous fat over the fossa at BMI 25", std::string("17.5 mm (men), 24.8 mm (women): ") + kCT),
      length("fat_asis", d.fat_asis_m, "subcutaneous fat over the ASIS at BMI 25", kAssumed),
      length("wall", d.wall_m, "abdominal wall muscles",
             std::string("internal oblique 6.7 + external oblique 5.4 + transversus 4.9 mm: ") + kCT),
      length("viscera", d.viscera_m, "visceral layer over the iliacus", kAssumed),
      length("iliacus", d.iliacus_m, "iliacus thickness in the fossa", kAssumed),
      length("psoas", d.psoas_m, "psoas thickness at the pelvic brim",
             "assumed below the 47 mm at L4-L5 of Reid 1994 (literature.md [V])"),
      length("taper", d.taper_m, "thickness where a layer ends in the body", "modelling choice"),
      count("cells_x", d.cells_x, "cells across the width"),
      count("cells_y", d.cells_y, "cells along the body axis (3D)"),
      count("cells_skin", d.cells_skin, "cells across the skin"),
      count("cells_fat", d.cells_fat, "cells across the fat"),
      count("cells_wall", d.cells_wall, "cells across the abdominal wall"),
      count("cells_viscera", d.cells_viscera, "cells across the visceral layer"),
      count("cells_muscle", d.cells_muscle, "cells across the iliacus and psoas"),
      make_param("lateral_grading", "-", d.lateral_grading, 0.01, 100.0,
                 "size of the edge cells / size of the cells at the press point (focus_x, focus_y), "
                 "across x and along y; 1: uniform", "mesh resolution"),
      length("focus_x", d.focus_x_m, "x of the press point the cells are graded toward", "mesh resolution"),
      length("focus_y", d.focus_y_m, "y of the press point the cells are graded toward", "mesh resolution"),
      make_length_param("fine_width", d.fine_width_m, 0.0, 1.0,
                        "width of the square about the focus meshed with uniform cells of the finest size "
                        "(with lateral_grading != 1; 0: cells grow from the focus on)",
                        "mesh resolution"),
  };
}

}  // namespace

void register_anatomy(sim::Registry& registry) {
  sim::ModelSpec spec;
  spec.kind = "anatomy";
  spec.name = "hip_region";
  spec.summary =
      "section through the right iliac fossa medial to the ASIS, extruded along the body axis: skin, "
      "fat, abdominal wall, viscera, iliacus and psoas on a rigid fossa (regions skin, fat, "
      "abdominal_wall, viscera, iliacus, psoas; bone = face set bottom)";
  spec.source = "layer thicknesses: abdominal CT (literature.md [V]), Reid 1994 (psoas); fossa shape assumed";
  spec.params = hip_region_params();
  registry.add_anatomy(std::move(spec), [](const sim::ParamValues& values) {
    return make_hip_region(HipRegionParams::from_values(values));
  });
}

}  // namespace myo::models
