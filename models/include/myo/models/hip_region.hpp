#pragma once
// A parametric model of the region the devices press on: a section through the right iliac
// fossa just medial to the anterior superior iliac spine (ASIS), extruded along the body axis.
//
// Axes (m): x lateral -> medial (x = 0 lateral of the ASIS), z posterior -> anterior (the bone
// at the bottom, the skin on top at z = D_max, so devices press along -z as everywhere else),
// y along the body axis (caudal -> cranial). Layers, from the bone up, each with a thickness
// that varies along x:
//     iliacus (x < x_brim) | psoas (x > x_brim)   on the iliac fossa / pelvic brim (fixed: bone)
//     viscera                                    very soft, nearly incompressible (bowel)
//     abdominal_wall                             obliques and transversus
//     fat                                        subcutaneous fat
//     skin
// With s(x) the smoothstep from the ASIS (x_asis) to the floor of the fossa (x_fossa),
//     t_fat(x)  = fat_scale (f_asis + (f - f_asis) s(x)),   fat_scale = (BMI - 15)/(25 - 15)
//     t_wall(x) = t_min + (w - t_min) s(x)
//     t_visc(x) = t_min + (v - t_min) s(x)
//     t_mus(x)  = t_min + (i - t_min) s(x), blending to the psoas p across x_brim +/- 10 mm;
// the bone lies at depth D(x) = sum of the layers below the flat skin: shallow over the ASIS,
// deepest in the fossa and under the psoas. Where a layer ends in the body (the viscera and
// the abdominal wall at the ASIS, the iliacus at its crest origin) it tapers to t_min instead,
// so that the structured mesh keeps every layer.
//
// Sources (each default names its own in the registry, models/anatomy/register_anatomy.cpp):
// subcutaneous fat 17.5 mm (abdominal CT at L3-L4, men), lateral abdominal wall 17 mm (internal
// oblique 6.7 + external oblique 5.4 + transversus 4.9 mm, same study), psoas 47 mm at L4-L5
// (Reid 1994; the section at the brim is assumed thinner, 30 mm). The iliacus thickness, the
// visceral depth, the shape of the fossa and the fat over the ASIS have no figure in
// shared/reference/literature.md ("direct skin-to-iliacus depth near the ASIS: [NC]"): assumed.
// The BMI scaling of the fat is assumed too (linear, zero at BMI 15).
//
// What it does not know: the fossa is straight along y (an extrusion), the bone is rigid and
// fixed, fascia and the inguinal ligament are not modelled, the layers are bonded (no sliding).
#include <string>
#include <vector>

#include "myo/sim/mesh.hpp"
#include "myo/sim/model_spec.hpp"

namespace myo::models {

struct HipRegionParams {
  double width_m = 0.120;           ///< x extent, lateral of the ASIS to near the midline (m)
  double length_m = 0.100;          ///< y extent along the body axis (m)
  bool section = false;             ///< one cell along y: with u_y = 0 on y0 and y1, plane strain
  double section_thickness_m = 0.010;  ///< y extent of the section (m); forces are per this length
  double asis_x_m = 0.020;          ///< x of the ASIS crest (m)
  double fossa_x_m = 0.060;         ///< x where the fossa reaches its full depth (m)
  double brim_x_m = 0.085;          ///< x of the pelvic brim: iliacus lateral, psoas medial (m)
  double bmi = 25.0;                ///< body-mass index (kg/m^2), scales the fat
  double skin_m = 0.002;            ///< skin thickness (m)
  double fat_m = 0.0175;            ///< subcutaneous fat in the fossa at BMI 25 (m)
  double fat_asis_m = 0.008;        ///< subcutaneous fat over the ASIS at BMI 25 (m)
  double wall_m = 0.017;            ///< abdominal wall muscles (m)
  double viscera_m = 0.025;         ///< visceral layer over the iliacus (m)
  double iliacus_m = 0.015;         ///< iliacus thickness in the fossa (m)
  double psoas_m = 0.030;           ///< psoas thickness at the brim (m)
  double taper_m = 0.004;           ///< t_min: thickness where a layer ends (m); thinner layers invert under a device
  int cells_x = 24;                 ///< cells across the width
  int cells_y = 10;                 ///< cells along the body axis (1 if section)
  int cells_skin = 1, cells_fat = 2, cells_wall = 2, cells_viscera = 3, cells_muscle = 3;
  /// Grading toward the press point (focus_x, focus_y): size of the cells at the mesh's edges /
  /// size of the cells beside the focus, across x and along y (1: uniform, the focus unused).
  double lateral_grading = 1.0;
  double focus_x_m = 0.055;         ///< x of the press point (m); the device scenarios press here
  double focus_y_m = 0.050;         ///< y of the press point (m)
  /// Width (m) of the square about the focus whose cells all have the finest size (with
  /// lateral_grading != 1; 0: the cells grow from the focus on). A device's contact patch inside it
  /// is meshed uniformly (sim::plateau_graded_coordinates).
  double fine_width_m = 0.0;

  /// From registry values (SI; counts and the section flag as doubles).
  static HipRegionParams from_values(const sim::ParamValues& values);
};

/// Layer thicknesses (m) at x (m), bottom up: muscle band, viscera, wall, fat, skin.
struct HipLayerThickness {
  double muscle, viscera, wall, fat, skin;
  double total() const { return muscle + viscera + wall + fat + skin; }
};
HipLayerThickness hip_layer_thickness(const HipRegionParams& p, double x_m);

/// The cells_x + 1 node x coordinates (m) and the ny + 1 node y coordinates (m; one cell if
/// section), graded toward the focus when lateral_grading != 1.
std::vector<double> hip_region_xs(const HipRegionParams& p);
std::vector<double> hip_region_ys(const HipRegionParams& p);

/// z of the flat skin (m): the largest total thickness over the mesh's cells_x + 1 node columns,
/// where a device touching the skin of the generated mesh is placed.
double hip_region_skin_top_m(const HipRegionParams& p);

/// The hex8 mesh. Regions: skin, fat, abdominal_wall, viscera, iliacus, psoas. Node and face
/// sets as the layered box: "bottom" (the bone), "top" (the skin), "x0" (lateral), "x1"
/// (medial), "y0" (caudal), "y1" (cranial), node set "all". Throws std::invalid_argument naming
/// the parameter for an inconsistent set (e.g. x_asis >= x_fossa).
sim::Mesh make_hip_region(const HipRegionParams& p);

}  // namespace myo::models
