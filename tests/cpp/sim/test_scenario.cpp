// The scenario front door under hostile input (issue 12): every case here once crashed, wrote
// outside results/, or answered with a message that named the wrong key. Each must now be a
// ScenarioError whose one-line message names the key path and the value.
#include "myo/sim/scenario.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../builtin_registry.hpp"
#include "../error_of.hpp"
#include "myo/sim/input_text.hpp"
#include "myo/sim/simulation.hpp"

namespace myo::sim {
namespace {

using myo::test::builtin_registry;
using myo::test::error_of;

const std::string kBlock = R"(name: small_block
mesh:
  generator: layered_box
  size_x: 40 mm
  size_y: 40 mm
  cells_x: 4
  cells_y: 4
  layers:
    - {name: tissue, thickness: 20 mm, cells: 2}
materials:
  tissue: {model: neo_hookean, mu: 10 kPa, kappa: 10 MPa}
boundary:
  - {set: bottom, fix: [x, y, z]}
  - {set: top, displacement: {z: -3 mm}}
time: {end: 1 s, steps: 4}
)";

const std::string kSphere = R"(name: sphere
mesh:
  generator: layered_box
  size_x: 40 mm
  size_y: 40 mm
  cells_x: 4
  cells_y: 4
  layers:
    - {name: tissue, thickness: 20 mm, cells: 2}
materials:
  tissue: {model: neo_hookean, mu: 10 kPa, kappa: 10 MPa}
boundary:
  - {set: bottom, fix: all}
contact:
  - surface: top
    device: {model: sphere, diameter: 20 mm}
    position: [20 mm, 20 mm, 20 mm]
    depth: 2 mm
time: {end: 1 s, steps: 2}
)";

const std::string kBall = R"(name: ball_run
mesh:
  generator: layered_cylinder
  radius: 80 mm
  cells_r: 8
  layers:
    - {name: tissue, thickness: 30 mm, cells: 3}
materials:
  tissue: {model: neo_hookean, mu: 8.5 kPa, kappa: 4 MPa}
boundary:
  - {set: bottom, fix: all}
contact:
  - name: ball
    surface: top
    device: {model: deformable_ball, diameter: 60 mm, shear_modulus: 100 kPa, poisson_ratio: 0.45, cells: 4}
    position: [0 mm, 30 mm]
    direction: [0, -1]
    depth: 4 mm
time: {end: 1 s, steps: 2}
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

/// The message of validating `text` (parse, mesh, sets, devices), or a note that none came.
std::string validate_error(const std::string& text) {
  return error_of([&] { check_scenario(Scenario::from_text(text), builtin_registry()); });
}

struct Bad {
  const char* what;
  std::string text;
  std::string starts_with;   ///< the key path the message must open with
  std::string contains;
};

TEST(Scenario, BadInputsGiveOneLineNamingTheKey) {
  const std::string long_name(30000, 'a');
  const std::vector<Bad> table{
      {"30,000-character name", replaced(kBlock, "small_block", long_name), "name: ", "one path component"},
      {"name ..", replaced(kBlock, "small_block", "'..'"), "name: ", "one path component"},
      {"name .", replaced(kBlock, "small_block", "'.'"), "name: ", "one path component"},
      {"name ../x", replaced(kBlock, "small_block", "../x"), "name: ", "one path component"},
      {"name /tmp/abs", replaced(kBlock, "small_block", "/tmp/abs"), "name: ", "one path component"},
      {"30,000-character ball name", replaced(kBall, "name: ball\n", "name: " + long_name + "\n"),
       "contact[0].name: ", "(30000 characters)"},
      {"40,000 brackets", replaced(kBlock, "size_x: 40 mm", "size_x: \"1 " + std::string(40000, '(') + "m\""),
       "mesh.size_x: ", "too long"},
      {"power overflow", replaced(kBlock, "size_x: 40 mm", "size_x: 1 m^2147483647*m"), "mesh.size_x: ", "power"},
      {"exponent overflow", replaced(kBlock, "size_x: 40 mm", "size_x: 1e9223372036854775807 km"), "mesh.size_x: ",
       "out of range"},
      {"mm^1000000000", replaced(kBlock, "size_x: 40 mm", "size_x: 1 mm^1000000000"), "mesh.size_x: ", "power"},
      {"YAML escape \\e-acute", replaced(kBlock, "name: small_block", "name: \"\\\xC3\xA9\""), "scenario: ",
       "malformed YAML at line 1"},
      {"duplicate key", replaced(kBlock, "mu: 10 kPa,", "mu: 10 kPa, mu: 20 kPa,"), "materials.tissue.mu: ",
       "duplicate key"},
      {"typo muu", replaced(kBlock, "mu: 10 kPa,", "muu: 10 kPa,"), "materials.tissue.muu: ", "unknown key"},
      {"unknown set in boundary[1]", replaced(kBlock, "{set: top,", "{set: topp,"), "boundary[1].set: ",
       "\"topp\" is not in the mesh"},
      {"unknown contact surface", replaced(kSphere, "surface: top", "surface: topp"), "contact[0].surface: ",
       "\"topp\" is not in the mesh"},
      {"a million cells", replaced(kBlock, "cells_x: 4", "cells_x: 1000000"), "mesh.cells_x", "memory"},
      {"int overflow of cells", replaced(replaced(kBlock, "cells_x: 4", "cells_x: 2000000000"), "cells_y: 4",
                                         "cells_y: 2000000000"),
       "mesh.cells_x", "cells"},
      {"never touches (depth)", replaced(kSphere, "[20 mm, 20 mm, 20 mm]", "[20 mm, 20 mm, 70 mm]"), "contact[0]: ",
       "never reaches the surface"},
      {"never touches (force)",
       replaced(replaced(kSphere, "[20 mm, 20 mm, 20 mm]", "[20 mm, 20 mm, 70 mm]"), "depth: 2 mm", "force: 1 N"),
       "contact[0]: ", "under force control it must touch"},
      {"ball never touches", replaced(kBall, "[0 mm, 30 mm]", "[0 mm, 80 mm]"), "contact[0]: ",
       "never reaches the surface"},
      {"deep nesting", replaced(kBlock, "time: {end: 1 s, steps: 4}",
                                "description: " + std::string(100, '[') + std::string(100, ']')),
       "description", "nested deeper than 64 levels"},
      {"not UTF-8", replaced(kBlock, "size_x: 40 mm", "size_x: 40 \xB5m"), "scenario: line 4, column 14 (mesh.size_x): ",
       "byte \\xB5 is not UTF-8"},
  };
  for (const Bad& b : table) {
    SCOPED_TRACE(b.what);
    const std::string e = validate_error(b.text);
    EXPECT_EQ(e.rfind(b.starts_with, 0), 0u) << e.substr(0, 300);
    EXPECT_NE(e.find(b.contains), std::string::npos) << e.substr(0, 300);
    EXPECT_EQ(e.find('\n'), std::string::npos);
    EXPECT_EQ(first_invalid_utf8(e), std::string::npos);
    EXPECT_LT(e.size(), 2100u);
  }
}

TEST(Scenario, GoodScenariosStillValidate) {
  for (const std::string& text : {kBlock, kSphere, kBall}) EXPECT_NO_THROW(check_scenario(Scenario::from_text(text), builtin_registry()));
}

TEST(Scenario, OverridesThroughAScalarOrOutOfRangeAreRefused) {
  struct Case {
    const char* path;
    const char* expected;
  };
  const std::vector<Case> table{
      {"time.end.x", "--set time.end.x: time.end is \"1 s\", not a mapping, so it has no key x"},
      {"boundary[7].set", "--set boundary[7].set: index [7] is out of range (boundary has 2 entries)"},
      {"boundary[99999999999].set", "--set \"boundary[99999999999].set\": not a key path"},
      {"time[0]", "--set time[0]: time is not a list, so it has no index [0]"},
      {"a..b", "--set \"a..b\": not a key path"},
      {"", "--set \"\": not a key path"},
  };
  for (const Case& c : table) {
    SCOPED_TRACE(c.path);
    Scenario s = Scenario::from_text(kBlock);
    const std::string e = error_of([&] { s.set(c.path, "1"); });
    EXPECT_EQ(e.rfind(c.expected, 0), 0u) << e;
  }
  Scenario s = Scenario::from_text(kBlock);
  const std::string long_key = "materials." + std::string(30000, 'k');
  EXPECT_NE(error_of([&] { s.set(long_key, "1"); }).find("not a key path"), std::string::npos);
  EXPECT_NO_THROW(s.set("boundary[1].displacement.z", "-4 mm"));
  EXPECT_NO_THROW(s.set("solver.max_iterations", "30"));  // a new mapping key
}

TEST(Scenario, NullRemovesAKeyInAnOverrideOrAVariant) {
  // A variant whose device does not take a key its base sets (smoothing on a meshed ball) drops
  // it with null; the key is then absent, not an unknown key.
  Scenario s = Scenario::from_text(kSphere + "variants:\n  plain:\n    contact[0].smoothing: null\n");
  s.set("contact[0].smoothing", "0.05 mm");
  EXPECT_NE(s.yaml().find("smoothing: 0.05 mm"), std::string::npos);
  const Scenario plain = s.variant("plain");
  EXPECT_EQ(plain.yaml().find("smoothing"), std::string::npos);
  EXPECT_NO_THROW(check_scenario(plain, builtin_registry()));
  s.set("contact[0].smoothing", "~");
  EXPECT_EQ(s.yaml().find("smoothing: 0.05 mm"), std::string::npos);  // (the variant still names it)
  EXPECT_NO_THROW(s.set("solver.absent", "null"));  // removing what is not there is no error
}

TEST(Scenario, ANonUtf8FileNamesItsLineAndByte) {
  const auto dir = std::filesystem::temp_directory_path() / "myo_test_scenario_utf8";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "latin1.yaml").string();
  std::ofstream(path, std::ios::binary) << replaced(kBlock, "size_x: 40 mm", "size_x: 40 \xB5m");
  const std::string e = error_of([&] { Scenario::from_file(path); });
  EXPECT_EQ(e.rfind(path + ": line 4, column 14 (mesh.size_x): byte \\xB5 is not UTF-8", 0), 0u) << e;
  EXPECT_NE(error_of([&] { Scenario::from_file(dir.string()); }).find("no such scenario file"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace myo::sim
