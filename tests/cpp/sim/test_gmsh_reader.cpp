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

}  // namespace
