#pragma once
// Import of a Gmsh mesh file (.msh, ASCII format 4.1 or 2.2) so that a researcher can bring
// image-based anatomy: hexahedral cells with physical tags mapped to regions.
//
// What is read:
//  - 8-node hexahedra (Gmsh type 5; Gmsh's node order is VTK's, as Mesh expects) -> cells; the
//    physical volume each belongs to -> the region named in $PhysicalNames, or "region_<tag>";
//  - 4-node quadrangles (type 3) of a physical surface -> a face set of that name (each matched
//    to the face of the hexahedron it bounds) and a node set of its nodes;
//  - nodes of any other physical group (points, lines, triangles) -> a node set;
//  - node set "all".
// Other cells (tetrahedra, prisms, second-order cells) are an error naming the type: the solver
// has hex8 elements only (Gmsh makes all-hex meshes with Mesh.RecombineAll and
// Mesh.SubdivisionAlgorithm = 2).
// Coordinates are multiplied by `scale_m` (e.g. 1e-3 for a file in mm).
#include <string>

#include "myo/sim/mesh.hpp"

namespace myo::sim {

/// Reads `path` (a regular file of at most 2 GiB). Any other input is a std::invalid_argument
/// naming the file and, for a problem in its text, the line (1-based), the section, the value read
/// and what was expected: an unreadable file, an unsupported format version or cell type, a word
/// that is not a number of its kind, a count larger than the rest of the file can hold (checked
/// before anything is sized by it), a tag out of range or written twice, a non-finite coordinate,
/// an element node not in $Nodes, a name or section that never ends, a face not on any cell's
/// boundary.
Mesh read_gmsh(const std::string& path, double scale_m = 1.0);

}  // namespace myo::sim
