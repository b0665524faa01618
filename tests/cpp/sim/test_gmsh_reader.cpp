// read_gmsh: a layered box written as a Gmsh file (formats 4.1 and 2.2, node tags shuffled and
// offset, an unused geometry point) reads back as the same mesh, and a scenario run on the file
// gives the generator's result; unsupported content is an error naming the file and the problem.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "myo/sim/gmsh_reader.hpp"
#include "myo/sim/layered_box.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"
#include "../builtin_registry.hpp"
#include "../error_of.hpp"
#include "../run_result_access.hpp"

namespace {

using myo::sim::Mesh;
using myo::test::error_of;

/// Two layers, 3 x 2 cells in plan (mm).
Mesh box() {
  myo::sim::LayeredBoxSpec s;
  s.size_x_m = 0.030;
  s.size_y_m = 0.020;
  s.cells_x = 3;
  s.cells_y = 2;
  s.layers = {{"muscle", 0.010, 2}, {"skin", 0.002, 1}};
  return myo::sim::make_layered_box(s);
}

/// Gmsh node tag of mesh node n: shuffled and offset, as a real file's tags are arbitrary.
long tag_of(int n, int n_nodes) { return 1000 + (7L * n) % n_nodes + n_nodes * (n % 2); }

/// The box as a .msh file in mm: regions as physical volumes 1.., face sets "top" and "bottom"
/// as physical surfaces; format "4.1" or "2.2"; one extra geometry point no cell uses.
std::string write_msh(const Mesh& m, const std::string& format) {
  std::ostringstream o;
  o.precision(17);
  const int nn = m.n_nodes();
  std::map<std::string, int> tag;
  int next = 1;
  for (const auto& [name, cells] : m.regions) tag[name] = next++;
  tag["top"] = next++;
  tag["bottom"] = next++;
  o << "$MeshFormat\n" << format << " 0 8\n$EndMeshFormat\n$PhysicalNames\n" << tag.size() << "\n";
  for (const auto& [name, t] : tag) o << (m.regions.count(name) ? 3 : 2) << " " << t << " \"" << name << "\"\n";
  o << "$EndPhysicalNames\n";
  auto face_nodes = [&](const myo::sim::Face& f) {
    std::ostringstream q;
    for (int a : myo::sim::hex8_face_nodes(f.local_face)) q << " " << tag_of(m.cells(f.cell, a), nn);
    return q.str();
  };
  if (format == "2.2") {
    o << "$Nodes\n" << nn + 1 << "\n";
    for (int n = 0; n < nn; ++n) o << tag_of(n, nn) << " " << 1e3 * m.X(n, 0) << " " << 1e3 * m.X(n, 1) << " " << 1e3 * m.X(n, 2) << "\n";
    o << "99999 5 5 5\n$EndNodes\n$Elements\n";
    std::ostringstream e;
    int count = 0;
    for (const auto& [name, cells] : m.regions)
      for (int c : cells) {
        e << ++count << " 5 2 " << tag[name] << " 1";
        for (int a = 0; a < 8; ++a) e << " " << tag_of(m.cells(c, a), nn);
        e << "\n";
      }
    for (const char* set : {"top", "bottom"})
      for (const auto& f : m.face_sets.at(set)) e << ++count << " 3 2 " << tag[set] << " 2" << face_nodes(f) << "\n";
    e << ++count << " 15 2 0 7 99999\n";
    o << count << "\n" << e.str() << "$EndElements\n";
    return o.str();
  }
  // 4.1: one volume entity per region, one surface entity per face set, a point entity.
  o << "$Entities\n1 0 2 " << m.regions.size() << "\n7 5 5 5 0\n";
  for (const char* set : {"top", "bottom"}) o << tag[set] << " 0 0 0 1 1 1 1 " << tag[set] << " 0\n";
  for (const auto& [name, cells] : m.regions) o << tag[name] << " 0 0 0 1 1 1 1 " << tag[name] << " 0\n";
  o << "$EndEntities\n$Nodes\n2 " << nn + 1 << " 1 99999\n3 1 0 " << nn << "\n";
  for (int n = 0; n < nn; ++n) o << tag_of(n, nn) << "\n";
  for (int n = 0; n < nn; ++n) o << 1e3 * m.X(n, 0) << " " << 1e3 * m.X(n, 1) << " " << 1e3 * m.X(n, 2) << "\n";
  o << "0 7 0 1\n99999\n5 5 5\n$EndNodes\n$Elements\n" << 2 + m.regions.size() << " 0 1 1\n";
  int count = 0;
  for (const char* set : {"top", "bottom"}) {
    o << "2 " << tag[set] << " 3 " << m.face_sets.at(set).size() << "\n";
    for (const auto& f : m.face_sets.at(set)) o << ++count << face_nodes(f) << "\n";
  }
  for (const auto& [name, cells] : m.regions) {
    o << "3 " << tag[name] << " 5 " << cells.size() << "\n";
    for (int c : cells) {
      o << ++count;
      for (int a = 0; a < 8; ++a) o << " " << tag_of(m.cells(c, a), nn);
      o << "\n";
    }
  }
  o << "$EndElements\n";
  return o.str();
}

std::string save(const std::string& text, const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("myo_test_" + name);
  std::ofstream(path) << text;
  return path.string();
}

/// Reference coordinates of a set of nodes (m, rounded to 1 nm), to compare sets across numberings.
std::set<std::array<long, 3>> points(const Mesh& m, const std::vector<int>& nodes) {
  std::set<std::array<long, 3>> out;
  for (int n : nodes) out.insert({std::lround(1e9 * m.X(n, 0)), std::lround(1e9 * m.X(n, 1)), std::lround(1e9 * m.X(n, 2))});
  return out;
}

std::vector<int> all_nodes(const Mesh& m) {
  std::vector<int> v(m.n_nodes());
  for (int n = 0; n < m.n_nodes(); ++n) v[n] = n;
  return v;
}

class GmshFormats : public ::testing::TestWithParam<const char*> {};

TEST_P(GmshFormats, ReadsTheBoxBack) {
  const Mesh ref = box();
  const Mesh m = myo::sim::read_gmsh(save(write_msh(ref, GetParam()), std::string("box") + GetParam() + ".msh"), 1e-3);
  EXPECT_NO_THROW(m.check());
  EXPECT_EQ(m.n_nodes(), ref.n_nodes());  // the unused point is dropped
  EXPECT_EQ(m.n_cells(), ref.n_cells());
  EXPECT_EQ(points(m, all_nodes(m)), points(ref, all_nodes(ref)));
  for (const auto& [name, cells] : ref.regions) ASSERT_EQ(m.regions.at(name).size(), cells.size()) << name;
  for (const char* set : {"top", "bottom"}) {
    EXPECT_EQ(m.face_sets.at(set).size(), ref.face_sets.at(set).size()) << set;
    EXPECT_EQ(points(m, m.face_set_nodes(set)), points(ref, ref.face_set_nodes(set))) << set;
    EXPECT_EQ(points(m, m.node_sets.at(set)), points(ref, ref.node_sets.at(set))) << set;
  }
  for (const auto& f : m.face_sets.at("top"))  // the face of a top-layer cell, facing +z
    for (int a : myo::sim::hex8_face_nodes(f.local_face)) EXPECT_NEAR(m.X(m.cells(f.cell, a), 2), 0.012, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Gmsh, GmshFormats, ::testing::Values("4.1", "2.2"));

// The same compression on the generated box and on its file: same reaction to round-off.
TEST(GmshReader, ScenarioOnTheFileMatchesTheGenerator) {
  const std::string path = save(write_msh(box(), "4.1"), "box_run.msh");
  const std::string rest = R"(
materials:
  muscle: {model: neo_hookean, mu: 10 kPa, kappa: 1 MPa}
  skin: {model: neo_hookean, mu: 100 kPa, kappa: 10 MPa}
boundary:
  - {set: bottom, fix: all}
  - {set: top, displacement: {z: -1 mm}}
time: {end: 1 s, steps: 2}
output: {reaction_sets: [bottom]}
)";
  const std::string generated = "name: g\nmesh: {size_x: 30 mm, size_y: 20 mm, cells_x: 3, cells_y: 2, layers: "
                                "[{name: muscle, thickness: 10 mm, cells: 2}, {name: skin, thickness: 2 mm, cells: 1}]}" + rest;
  const std::string from_file = "name: f\nmesh: {file: " + std::filesystem::path(path).filename().string() + ", unit: mm}" + rest;
  using myo::sim::Scenario;
  const auto g = myo::sim::run_scenario(Scenario::from_text(generated), myo::test::builtin_registry(), "");
  const auto f = myo::sim::run_scenario(Scenario::from_text(from_file, std::filesystem::path(path).parent_path().string()),
                                        myo::test::builtin_registry(), "");
  ASSERT_TRUE(g.completed && f.completed) << g.message << f.message;
  const double Fg = myo::test::column(g, "reaction_force_bottom_z_N").back();
  const double Ff = myo::test::column(f, "reaction_force_bottom_z_N").back();
  EXPECT_GT(Fg, 0.1);
  EXPECT_NEAR(Ff, Fg, 1e-9 * Fg);
}

TEST(GmshReader, ErrorsNameTheFileAndTheProblem) {
  const std::string text = write_msh(box(), "2.2");
  EXPECT_NE(error_of([&] { myo::sim::read_gmsh("/nonexistent/a.msh"); }).find("cannot open"), std::string::npos);
  // The first hexahedron "1 5 2 tag 1 n1 .. n8" becomes a tetrahedron on its first four nodes.
  std::string bad = text;
  const size_t line = bad.find("\n1 5 2 ") + 1, end = bad.find('\n', line);
  std::istringstream hex(bad.substr(line, end - line));
  std::string w[13];
  for (auto& x : w) hex >> x;
  bad.replace(line, end - line, "1 4 2 " + w[3] + " 1 " + w[5] + " " + w[6] + " " + w[7] + " " + w[8]);
  const std::string e = error_of([&] { myo::sim::read_gmsh(save(bad, "tet.msh")); });
  EXPECT_NE(e.find("tet.msh"), std::string::npos) << e;
  EXPECT_NE(e.find("type 4"), std::string::npos) << e;
  std::string binary = text;
  binary.replace(binary.find("2.2 0 8"), 7, "2.2 1 8");
  EXPECT_NE(error_of([&] { myo::sim::read_gmsh(save(binary, "bin.msh")); }).find("binary"), std::string::npos);
  EXPECT_NE(error_of([&] { myo::sim::read_gmsh(save("hello\n", "none.msh")); }).find("no $MeshFormat"), std::string::npos);
}

TEST(GmshReader, ScenarioErrorNamesTheKey) {
  const std::string e = error_of([] {
    myo::sim::Scenario::from_text("name: x\nmesh: {file: missing.msh}\nmaterials: {}\n").spec(myo::test::builtin_registry());
  });
  EXPECT_NE(e.find("mesh.file"), std::string::npos) << e;
  EXPECT_NE(e.find("missing.msh"), std::string::npos) << e;
}

// ---- Damaged files: every one is a std::invalid_argument naming the file, the line and the value.

/// One unit-cube hexahedron in physical volume "muscle", format 4.1, one entry per line (the
/// comments give the line numbers the cases below refer to).
std::vector<std::string> cube_41() {
  return {"$MeshFormat", "4.1 0 8", "$EndMeshFormat",                                          // 1-3
          "$PhysicalNames", "1", "3 1 \"muscle\"", "$EndPhysicalNames",                        // 4-7
          "$Entities", "0 0 0 1", "1 0 0 0 1 1 1 1 1 0", "$EndEntities",                       // 8-11
          "$Nodes", "1 8 1 8", "3 1 0 8", "1", "2", "3", "4", "5", "6", "7", "8",              // 12-22
          "0 0 0", "1 0 0", "1 1 0", "0 1 0", "0 0 1", "1 0 1", "1 1 1", "0 1 1", "$EndNodes",  // 23-31
          "$Elements", "1 1 1 1", "3 1 5 1", "1 1 2 3 4 5 6 7 8", "$EndElements"};              // 32-36
}

/// The same cube in format 2.2.
std::vector<std::string> cube_22() {
  return {"$MeshFormat", "2.2 0 8", "$EndMeshFormat",                                                  // 1-3
          "$Nodes", "8", "1 0 0 0", "2 1 0 0", "3 1 1 0", "4 0 1 0",                                  // 4-9
          "5 0 0 1", "6 1 0 1", "7 1 1 1", "8 0 1 1", "$EndNodes",                                    // 10-14
          "$Elements", "2", "1 5 2 1 1 1 2 3 4 5 6 7 8", "2 15 2 7 1 8", "$EndElements"};               // 15-19
}

std::string joined(const std::vector<std::string>& lines, const char* eol = "\n") {
  std::string text;
  for (const auto& l : lines) text += l + eol;
  return text;
}

/// `lines` with line `n` (1-based) replaced by `text` (which may hold several lines).
std::vector<std::string> replaced(std::vector<std::string> lines, size_t n, const std::string& text) {
  lines.at(n - 1) = text;
  return lines;
}

std::string with(const std::vector<std::string>& lines, size_t n, const std::string& text) {
  return joined(replaced(lines, n, text));
}

/// The first `n` lines of `lines` only.
std::string first_lines(std::vector<std::string> lines, size_t n) {
  lines.resize(n);
  return joined(lines);
}

struct BadFile {
  std::string name;      ///< the test's name and the file's
  std::string text;
  int line;              ///< where the message must say the problem is
  std::string fragment;  ///< what the message must hold: the value read, and often more
};

std::vector<BadFile> bad_files() {
  const auto a = cube_41();
  const auto b = cube_22();
  return {
      // Counts larger than the file can hold, or negative, are refused before anything is sized.
      {"nodes41_block_size_int64_max", with(a, 14, "3 1 0 9223372036854775807"), 14, "block size 9223372036854775807 is impossible; expected 0 to"},
      {"nodes41_block_size_4e9", with(a, 14, "3 1 0 4000000000"), 14, "block size 4000000000 is impossible"},
      {"nodes41_block_size_negative", with(a, 14, "3 1 0 -5"), 14, "block size -5 is impossible; expected 0 to"},
      {"nodes41_block_size_overflow", with(a, 14, "3 1 0 99999999999999999999"), 14, "block size 99999999999999999999 is impossible"},
      {"nodes41_blocks_huge", with(a, 13, "4000000000 8 1 8"), 13, "number of node blocks 4000000000"},
      {"nodes41_total_negative", with(a, 13, "1 -8 1 8"), 13, "number of nodes -8"},
      {"elements41_block_size_int64_max", with(a, 34, "3 1 5 9223372036854775807"), 34, "block size 9223372036854775807"},
      {"elements41_block_size_4e9", with(a, 34, "3 1 5 4000000000"), 34, "block size 4000000000"},
      {"elements41_block_size_negative", with(a, 34, "3 1 5 -5"), 34, "block size -5"},
      {"elements41_blocks_negative", with(a, 33, "-1 1 1 1"), 33, "number of element blocks -1"},
      {"physical_names_huge", with(a, 5, "4000000000"), 5, "number of physical names 4000000000"},
      {"physical_names_negative", with(a, 5, "-1"), 5, "number of physical names -1"},
      {"entity_count_huge", with(a, 9, "0 0 0 4000000000"), 9, "number of volumes 4000000000"},
      {"entity_count_negative", with(a, 9, "-1 0 0 1"), 9, "number of points -1"},
      {"physical_tags_huge", with(a, 10, "1 0 0 0 1 1 1 9223372036854775807 1 0"), 10, "number of physical tags 9223372036854775807"},
      {"bounding_entities_negative", with(a, 10, "1 0 0 0 1 1 1 1 1 -3"), 10, "number of bounding entities -3"},
      {"nodes22_count_int64_max", with(b, 5, "9223372036854775807"), 5, "number of nodes 9223372036854775807 is impossible"},
      {"nodes22_count_4e9", with(b, 5, "4000000000"), 5, "number of nodes 4000000000"},
      {"nodes22_count_negative", with(b, 5, "-5"), 5, "number of nodes -5"},
      {"elements22_count_int64_max", with(b, 16, "9223372036854775807"), 16, "number of elements 9223372036854775807"},
      {"elements22_count_4e9", with(b, 16, "4000000000"), 16, "number of elements 4000000000"},
      {"elements22_count_negative", with(b, 16, "-5"), 16, "number of elements -5"},
      {"elements22_tags_huge", with(b, 17, "1 5 4000000000 1 1 1 2 3 4 5 6 7 8"), 17, "number of tags 4000000000"},
      {"elements22_tags_negative", with(b, 17, "1 5 -2 1 1 1 2 3 4 5 6 7 8"), 17, "number of tags -2"},
      // Numbers that are not numbers of their kind.
      {"node_tag_overflow", with(a, 15, "99999999999999999999"), 15, "node tag 99999999999999999999 is impossible"},
      {"node_tag_negative", with(a, 15, "-3"), 15, "node tag -3 is impossible; expected 1 to"},
      {"node_tag_zero22", with(b, 6, "0 0 0 0"), 6, "node tag 0 is impossible"},
      {"node_tag_not_whole", with(b, 6, "1.5 0 0 0"), 6, "node tag 1.5 is not a whole number"},
      {"element_node_overflow22", with(b, 17, "1 5 2 1 1 1 2 3 4 5 6 7 18446744073709551616"), 17, "element node 18446744073709551616"},
      {"coordinate_nan", with(a, 23, "nan 0 0"), 23, "x nan is not a finite number"},
      {"coordinate_inf22", with(b, 7, "2 1 inf 0"), 7, "y inf is not a finite number"},
      {"coordinate_overflow", with(a, 24, "1 0 1e999"), 24, "z 1e999 is not a finite number"},
      {"coordinate_text", with(b, 8, "3 1 1 zero"), 8, "z zero is not a number"},
      {"nul_byte", with(a, 23, std::string("0\0 0 0", 6)), 23, "x 0? is not a number"},
      {"block_dimension", with(a, 14, "7 1 0 8"), 14, "block dimension 7 is impossible; expected 0 to 3"},
      {"parametric_flag", with(a, 14, "3 1 2 8"), 14, "parametric flag 2"},
      // Tags written twice, elements on missing nodes.
      {"node_tag_twice41", with(a, 16, "1"), 16, "node tag 1 appears twice"},
      {"node_tag_twice22", with(b, 7, "1 1 0 0"), 7, "node tag 1 appears twice"},
      {"element_node_missing41", with(a, 35, "1 1 2 3 4 5 6 7 99"), 35, "uses node 99, which is not in $Nodes"},
      {"element_node_missing22", with(b, 17, "1 5 2 1 1 1 2 3 4 5 6 7 42"), 17, "uses node 42"},
      {"element_tag_twice41", with(a, 34, "3 1 5 2\n1 1 2 3 4 5 6 7 8"), 36, "element tag 1 appears twice"},
      {"element_tag_twice22", with(b, 18, "1 15 2 7 1 8"), 18, "element tag 1 appears twice"},
      {"physical_name_twice", with(a, 5, "2\n3 1 \"muscle\"\n3 1 \"skin\""), 7, "(dimension 3, tag 1) is named twice"},
      {"entity_twice", with(a, 9, "0 0 0 2\n1 0 0 0 1 1 1 1 1 0"), 11, "entity (dimension 3, tag 1) is defined twice"},
      {"entity_physical_twice", with(a, 10, "1 0 0 0 1 1 1 2 1 1 0"), 10, "physical tag 1 appears twice"},
      // Names, sections and files that end too soon.
      {"name_never_closes", with(a, 6, "3 1 \"muscle"), 6, "physical name \"muscle never closes"},
      {"name_not_quoted", with(a, 6, "3 1 muscle"), 6, "found muscle"},
      // (Truncated between nodes, a file is mostly too short for its counts: the count is the error.)
      {"ends_inside_nodes41", first_lines(replaced(a, 30, "0.0 1.0"), 30), 30, "the file ends inside $Nodes; expected z"},
      {"ends_before_end_nodes41", first_lines(a, 30), 30, "the file ends inside $Nodes; expected $EndNodes"},
      {"truncated_nodes41", first_lines(a, 25), 13, "number of nodes 8 is impossible; expected 0 to 5"},
      {"ends_inside_elements22", first_lines(b, 17), 17, "the file ends inside $Elements; expected element tag"},
      {"ends_inside_format", first_lines(a, 2), 1, "the file ends inside the section; expected $EndMeshFormat"},
      {"ends_inside_comments", joined(a) + "$Comments\nhello\n", 37, "expected $EndComments"},
      {"count_too_small", with(b, 5, "7"), 13, "expected $EndNodes, found 8"},
      {"stray_end", with(a, 12, "$EndNodes"), 12, "(between sections): $EndNodes without its section's start"},
      {"nodes_before_format", with(b, 1, "$Nodes\n0\n$EndNodes\n$MeshFormat"), 1, "no $MeshFormat section before $Nodes"},
      // Content the reader does not take.
      {"binary", with(a, 2, "4.1 1 8"), 2, "binary .msh files are not supported"},
      {"format_3", with(a, 2, "3.0 0 8"), 2, ".msh format 3.0 is not supported"},
      {"element_type_unknown", with(a, 34, "3 1 99 1"), 34, "element type 99 is not supported"},
      {"tetrahedron22", with(b, 17, "1 4 2 1 1 1 2 3 4"), 17, "element type 4 in a volume"},
      {"type_not_of_its_block", with(a, 34, "2 1 5 1"), 34, "element type 5 has dimension 3, not its block's 2"},
      {"quadrangle_not_a_face", with(b, 18, "2 3 2 9 1 1 2 3 5"), 18, "physical surface \"region_9\" is not a face"},
  };
}

class GmshBadFile : public ::testing::TestWithParam<BadFile> {};

TEST_P(GmshBadFile, ErrorNamesTheFileTheLineAndTheValue) {
  const BadFile& c = GetParam();
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "myo_gmsh_bad";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / (c.name + ".msh")).string();
  std::ofstream(path, std::ios::binary) << c.text;
  const std::string e = error_of([&] { myo::sim::read_gmsh(path); });
  EXPECT_NE(e.find(c.name + ".msh: line " + std::to_string(c.line) + " ("), std::string::npos) << e;
  EXPECT_NE(e.find(c.fragment), std::string::npos) << e;
  EXPECT_EQ(e.find('\n'), std::string::npos) << e;  // one line
}

INSTANTIATE_TEST_SUITE_P(Gmsh, GmshBadFile, ::testing::ValuesIn(bad_files()),
                         [](const auto& info) { return info.param.name; });

// The hand-written cubes themselves read, so that each bad file above differs by its damage only;
// Windows line ends and a name with spaces read too.
TEST(GmshReader, ReadsTheCubes) {
  for (const auto& text : {joined(cube_41()), joined(cube_22()), joined(cube_41(), "\r\n"),
                           with(cube_41(), 6, "3 1 \"deep  muscle\"")}) {
    const Mesh m = myo::sim::read_gmsh(save(text, "cube.msh"));
    EXPECT_EQ(m.n_nodes(), 8);
    EXPECT_EQ(m.n_cells(), 1);
    EXPECT_EQ(m.regions.size(), 1u);
    EXPECT_NO_THROW(m.check());
  }
  const Mesh spaced = myo::sim::read_gmsh(save(with(cube_41(), 6, "3 1 \"deep  muscle\""), "spaced.msh"));
  EXPECT_EQ(spaced.regions.count("deep  muscle"), 1u);
}

// Files that are no text of a mesh at all name the file and what it is.
TEST(GmshReader, NonMeshFilesNameTheFile) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "myo_gmsh_dir.msh";
  std::filesystem::create_directories(dir);
  std::string binary(4096, '\0');
  for (size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>((i * 7919) % 251);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {save("", "empty.msh"), "no $MeshFormat"},
      {save(binary, "noise.msh"), "noise.msh: "},
      {dir.string(), "is a directory"},
      {"/dev/null", "not a regular file"},
  };
  for (const auto& [path, fragment] : cases) {
    const std::string e = error_of([&] { myo::sim::read_gmsh(path); });
    EXPECT_NE(e.find(path), std::string::npos) << e;
    EXPECT_NE(e.find(fragment), std::string::npos) << e;
  }
  // Larger than 2 GiB: refused before it is read (a sparse file, which takes no disk space).
  const std::string big = save("", "big.msh");
  std::filesystem::resize_file(big, (std::uintmax_t{1} << 31) + 1);
  const std::string e = error_of([&] { myo::sim::read_gmsh(big); });
  std::filesystem::remove(big);
  EXPECT_NE(e.find("big.msh: the file has 2147483649 bytes"), std::string::npos) << e;
}

// The elements of an entity in many physical groups would build (groups x elements) memberships:
// more than the file's size is refused.
TEST(GmshReader, MembershipsAreBoundedByTheFileSize) {
  auto lines = cube_41();
  std::string tags;
  for (int k = 1; k <= 2000; ++k) tags += " " + std::to_string(k);
  lines[9] = "1 0 0 0 1 1 1 2000" + tags + " 0";
  lines[33] = "3 1 5 1000";
  lines[34].clear();
  for (int e = 1; e <= 1000; ++e) lines[34] += std::to_string(e) + " 1 2 3 4 5 6 7 8\n";
  lines[34].pop_back();
  const std::string e = error_of([&] { myo::sim::read_gmsh(save(joined(lines), "groups.msh")); });
  EXPECT_NE(e.find("groups.msh: line 34 ($Elements): block size 1000 times the 2000 physical tags"), std::string::npos) << e;
}

}  // namespace
