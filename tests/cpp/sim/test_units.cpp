#include "myo/sim/units.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace myo::sim {
namespace {

struct Good {
  const char* text;
  const char* unit;
  bool required;
  double expected;
};

TEST(Units, ParsesGoodInputs) {
  const double deg = std::numbers::pi / 180.0;
  const std::vector<Good> table{
      {"6 mm", "m", true, 0.006},
      {"6mm", "m", true, 0.006},
      {"-6 mm", "m", true, -0.006},
      {"+6 mm", "m", true, 0.006},
      {"  6 mm  ", "m", true, 0.006},
      {".5 mm", "m", true, 0.0005},
      {"6. mm", "m", true, 0.006},
      {"1e3mm", "m", true, 1.0},
      {"0.1 mm", "m", true, 1e-4},  // exactly the double nearest 1e-4: the prefix shifts the text
      {"1.5e-3 m", "m", true, 1.5e-3},
      {"1.5E+3 mm", "m", true, 1.5},
      {"1 cm", "m", true, 0.01},
      {"6 um", "m", true, 6e-6},
      {"6 \xC2\xB5m", "m", true, 6e-6},  // micro sign
      {"6 \xCE\xBCm", "m", true, 6e-6},  // Greek mu
      {"2", "m", false, 2.0},            // bare numbers are SI
      {"10 kPa", "Pa", false, 10000.0},
      {"0.01 MPa", "Pa", false, 10000.0},
      {"1 GPa", "Pa", false, 1e9},
      {"760 mmHg", "Pa", false, 101325.0},
      {"1 kg/(m*s^2)", "Pa", false, 1.0},
      {"60 s", "s", false, 60.0},
      {"250 ms", "s", false, 0.25},
      {"2 min", "s", false, 120.0},
      {"1 h", "s", false, 3600.0},
      {"40 %", "-", false, 0.4},
      {"40%", "-", true, 0.4},
      {"0.4", "-", true, 0.4},  // a dimensionless quantity has no unit to require
      {"0.4 -", "-", false, 0.4},
      {"9.81 m/s^2", "m/s^2", false, 9.81},
      {"9810 mm*s^-2", "m/s^2", false, 9.81},
      {"75 kg", "kg", false, 75.0},
      {"500 g", "kg", false, 0.5},
      {"5 N", "N", false, 5.0},
      {"1.5 kg*m/s^2", "N", false, 1.5},
      {"1 N/mm", "N/m", false, 1000.0},
      {"0.5 1/s", "1/s", false, 0.5},
      {"0.5/s", "1/s", false, 0.5},
      {"2 Hz", "1/s", false, 2.0},
      {"6 %/s", "1/s", false, 0.06},
      {"5 Pa*s", "Pa*s", false, 5.0},
      {"1 mPa*s", "Pa*s", false, 1e-3},
      {"1 kPa.s", "Pa*s", false, 1000.0},
      {"1 kJ/m^3", "J/m^3", false, 1000.0},
      {"1 kPa", "J/m^3", false, 1000.0},  // same dimension
      {"2 N*m", "N*m", false, 2.0},
      {"2 N\xC2\xB7m", "N*m", false, 2.0},  // middle dot
      {"2 N * m", "N*m", false, 2.0},
      {"10 N*m/rad", "N*m/rad", false, 10.0},
      {"1 rad", "rad", false, 1.0},
      {"0.5", "rad", false, 0.5},
      {"6 mm^3", "m^3", false, 6e-9},
      {"1 mm^2", "m^2", false, 1e-6},
  };
  for (const auto& g : table) {
    SCOPED_TRACE(g.text);
    EXPECT_EQ(parse_quantity(g.text, g.unit, g.required, "k"), g.expected);
  }
  EXPECT_EQ(parse_quantity("30 deg", "rad", true, "k"), 30 * deg);  // as numpy.deg2rad
  EXPECT_DOUBLE_EQ(parse_quantity("10 N*mm/deg", "N*m/rad", true, "k"), 10e-3 / deg);
  EXPECT_TRUE(std::signbit(parse_quantity("-0 mm", "m", true, "k")));
}

struct Bad {
  const char* key;
  const char* text;
  const char* unit;
  bool required;
  const char* message;
};

TEST(Units, RejectsBadInputsWithOneLineMessages) {
  const std::vector<Bad> table{
      {"mesh.layers[0].thickness", "10 kPa", "m", true,
       "mesh.layers[0].thickness: \"10 kPa\" has units of pressure; expected a length (m), e.g. "
       "\"6 mm\""},
      {"mesh.layers[0].thickness", "6", "m", true,
       "mesh.layers[0].thickness: \"6\" needs a unit; expected a length, e.g. \"6 mm\""},
      {"a.b", "6 foo", "m", false,
       "a.b: \"6 foo\" has an invalid unit (unknown symbol \"foo\"); expected a length (m), e.g. "
       "\"6 mm\""},
      {"a.b", "6 kmm", "m", false,
       "a.b: \"6 kmm\" has an invalid unit (unknown symbol \"kmm\"); expected a length (m), e.g. "
       "\"6 mm\""},
      {"a.b", "abc", "Pa", false,
       "a.b: \"abc\" is not a number; expected a pressure (Pa), e.g. \"10 kPa\""},
      {"a.b", "inf Pa", "Pa", false,
       "a.b: \"inf Pa\" is not a number; expected a pressure (Pa), e.g. \"10 kPa\""},
      {"a.b", "", "s", false, "a.b: \"\" is empty; expected a time (s), e.g. \"60 s\""},
      {"a.b", "40 %", "m", false,
       "a.b: \"40 %\" is dimensionless; expected a length (m), e.g. \"6 mm\""},
      {"a.b", "6 mm", "-", false,
       "a.b: \"6 mm\" has units of length; expected a dimensionless number, e.g. \"0.4\" or "
       "\"40 %\""},
      {"a.b", "30 deg", "-", false,
       "a.b: \"30 deg\" has units of angle; expected a dimensionless number, e.g. \"0.4\" or "
       "\"40 %\""},
      {"a.b", "2 N*m", "N*m/rad", false,
       "a.b: \"2 N*m\" has units of moment or energy; expected a rotational stiffness (N*m/rad), "
       "e.g. \"10 N*m/rad\""},
      {"a.b", "6 N*s", "N", false,
       "a.b: \"6 N*s\" has units of kg*m*s^-1; expected a force (N), e.g. \"5 N\""},
      {"a.b", "1e400 m", "m", false,
       "a.b: \"1e400 m\" is out of range; expected a length (m), e.g. \"6 mm\""},
      {"a.b", "6 m^", "m", false,
       "a.b: \"6 m^\" has an invalid unit (expected an integer power after '^'); expected a "
       "length (m), e.g. \"6 mm\""},
      {"a.b", "6 mm x", "m", false,
       "a.b: \"6 mm x\" has an invalid unit (unexpected \"x\"); expected a length (m), e.g. "
       "\"6 mm\""},
      {"a.b", "6 m/", "m", false,
       "a.b: \"6 m/\" has an invalid unit (missing a unit after an operator); expected a length "
       "(m), e.g. \"6 mm\""},
      {"a.b", "6 (m", "m", false,
       "a.b: \"6 (m\" has an invalid unit (missing ')'); expected a length (m), e.g. \"6 mm\""},
      {"", "6 s", "m", false, "\"6 s\" has units of time; expected a length (m), e.g. \"6 mm\""},
  };
  for (const auto& b : table) {
    SCOPED_TRACE(b.text);
    try {
      parse_quantity(b.text, b.unit, b.required, b.key);
      ADD_FAILURE() << "no exception for \"" << b.text << "\"";
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()), b.message);
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    }
  }
}

// Inputs a mutation fuzzer found: each overflowed the stack (deep brackets) or a signed integer
// (huge powers and exponents). Each must now be a clean error naming the key.
TEST(Units, BoundsNestingLengthPowersAndExponents) {
  struct Case {
    std::string text;
    const char* expected_part;
  };
  const std::vector<Case> table{
      {"1 " + std::string(40000, '(') + "m", "is too long for a quantity"},
      {"1 " + std::string(9, '(') + "m" + std::string(9, ')'), "more than 8 nested brackets"},
      {"6 m^2147483647*m", "the power after '^' should be between -12 and 12"},
      {"6 m^99999999999999999999", "the power after '^' should be between -12 and 12"},
      {"6 mm^1000000000", "the power after '^' should be between -12 and 12"},
      {"6 m^-2147483648", "the power after '^' should be between -12 and 12"},
      {"1e9223372036854775807 km", "is out of range"},
      {"1e-9223372036854775808 km", "is out of range"},
      {"1e99999999999999999999999 m", "is out of range"},
      // Found by the fuzzer under UBSan: nested powers multiplied the exponents past int.
      {"1 ((((((((m^12*m^12)^12)^12)^12)^12)^12)^12)^12)^12", "an exponent of the unit grows beyond 100"},
      {"1 (((((((GPa^11)^11)^-12)^11)^12)^12)^12)^12", "an exponent of the unit grows beyond"},
      {"1 (((((((um^12)^12)^12)^11)^11)^12)^12)^11*(((((((um^12)^12)^12)^11)^11)^12)^12)^11",
       "an exponent of the unit grows beyond"},
  };
  for (const Case& c : table) {
    SCOPED_TRACE(c.text.substr(0, 40));
    try {
      parse_quantity(c.text, "m", false, "mesh.size_x");
      ADD_FAILURE() << "no exception";
    } catch (const std::invalid_argument& e) {
      const std::string m = e.what();
      EXPECT_EQ(m.rfind("mesh.size_x: ", 0), 0u) << m;
      EXPECT_NE(m.find(c.expected_part), std::string::npos) << m;
      EXPECT_LT(m.size(), 300u) << m;
    }
  }
  // Within the bounds the same forms still parse.
  EXPECT_DOUBLE_EQ(parse_quantity("1 " + std::string(8, '(') + "m" + std::string(8, ')'), "m", false, ""), 1.0);
  EXPECT_DOUBLE_EQ(parse_quantity("1 m^12/m^11", "m", false, ""), 1.0);
  EXPECT_DOUBLE_EQ(parse_quantity_si("2 m^-12*m^12", "").value_si, 2.0);
}

TEST(Units, RejectsExpectedUnitsThatAreNotSi) {
  EXPECT_THROW(parse_quantity("1", "mm", false, "k"), std::invalid_argument);
  EXPECT_THROW(parse_quantity("1", "deg", false, "k"), std::invalid_argument);
  EXPECT_THROW(parse_quantity("1", "furlong", false, "k"), std::invalid_argument);
}

TEST(Units, UnknownExpectedUnitsStillWork) {
  EXPECT_EQ(parse_quantity("2 mm/s", "m/s", true, "k"), 0.002);
  EXPECT_EQ(parse_quantity("3 kg/m^3", "kg/m^3", true, "k"), 3.0);
  try {
    parse_quantity("3 kg", "kg/m^3", true, "k");
    ADD_FAILURE();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "k: \"3 kg\" has units of mass; expected a quantity in kg/m^3 (kg/m^3), e.g. "
              "\"1 kg/m^3\"");
  }
}

TEST(Units, ParseWithoutExpectedUnit) {
  Quantity q = parse_quantity_si("2 N/mm", "k");
  EXPECT_EQ(q.value_si, 2000.0);
  EXPECT_EQ(q.unit_si, "N/m");
  q = parse_quantity_si("0.4", "k");
  EXPECT_EQ(q.value_si, 0.4);
  EXPECT_EQ(q.unit_si, "");
  q = parse_quantity_si("40 %", "k");
  EXPECT_EQ(q.value_si, 0.4);
  EXPECT_EQ(q.unit_si, "-");
  q = parse_quantity_si("3 kg*m", "k");
  EXPECT_EQ(q.unit_si, "kg*m");
  EXPECT_THROW(parse_quantity_si("3 parsec", "k"), std::invalid_argument);
}

TEST(Units, FormatsReadably) {
  EXPECT_EQ(format_quantity(0.006, "m"), "6 mm");
  EXPECT_EQ(format_quantity(-0.006, "m"), "-6 mm");
  EXPECT_EQ(format_quantity(0.0125, "m"), "12.5 mm");
  EXPECT_EQ(format_quantity(1.2, "m"), "1.2 m");
  EXPECT_EQ(format_quantity(2e-5, "m"), "20 um");
  EXPECT_EQ(format_quantity(0.0, "m"), "0 m");
  EXPECT_EQ(format_quantity(10000.0, "Pa"), "10 kPa");
  EXPECT_EQ(format_quantity(2.5e6, "Pa"), "2.5 MPa");
  EXPECT_EQ(format_quantity(120.0, "s"), "120 s");
  EXPECT_EQ(format_quantity(3600.0, "s"), "3600 s");
  EXPECT_EQ(format_quantity(0.25, "s"), "250 ms");
  EXPECT_EQ(format_quantity(0.4, "-"), "0.4");
  EXPECT_EQ(format_quantity(75.0, "kg"), "75 kg");
  EXPECT_EQ(format_quantity(0.2, "kg"), "200 g");
  EXPECT_EQ(format_quantity(1000.0, "N/m"), "1 kN/m");
  EXPECT_EQ(format_quantity(5.0, "N"), "5 N");
  EXPECT_EQ(format_quantity(0.5, "1/s"), "0.5 1/s");
  EXPECT_EQ(format_quantity(9.81, "m/s^2"), "9.81 m/s^2");
  EXPECT_EQ(format_quantity(30 * (std::numbers::pi / 180.0), "rad"), "30 deg");
  EXPECT_EQ(format_quantity(-90 * (std::numbers::pi / 180.0), "rad"), "-90 deg");
  EXPECT_EQ(format_quantity(1.0, "rad"), "57.29577951308232 deg");
  EXPECT_EQ(format_quantity(1e-12, "m"), "0.001 nm");
  EXPECT_EQ(format_quantity(1e-20, "m"), "1e-11 nm");
  EXPECT_EQ(format_quantity(std::nan(""), "m"), "nan m");
}

TEST(Units, FormatThenParseIsExact) {
  const std::vector<std::string> units{"m",   "Pa",    "s",     "N",   "kg",    "-",
                                       "1/s", "N/m",   "Pa*s",  "rad", "m/s^2", "J/m^3",
                                       "N*m", "N*m/rad", "m/s", "m^3"};
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> mantissa(-10.0, 10.0);
  std::uniform_int_distribution<int> exponent(-15, 15);
  std::uniform_int_distribution<std::uint64_t> bits;
  int checked = 0;
  for (const auto& u : units) {
    for (int i = 0; i < 2000; ++i) {
      // Half "engineering" values, half arbitrary bit patterns (subnormals, huge values).
      double v = i % 2 ? mantissa(rng) * std::pow(10.0, exponent(rng))
                       : std::bit_cast<double>(bits(rng));
      if (!std::isfinite(v)) continue;
      const std::string text = format_quantity(v, u);
      const double back = parse_quantity(text, u, true, "k");
      ASSERT_EQ(std::bit_cast<std::uint64_t>(back), std::bit_cast<std::uint64_t>(v))
          << u << ": " << text;
      ++checked;
    }
  }
  EXPECT_GT(checked, 30000);
}

}  // namespace
}  // namespace myo::sim
