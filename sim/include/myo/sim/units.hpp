#pragma once
// Quantities with units, as written in scenario files ("6 mm", "10 kPa", "60 s", "40 %").
//
// A quantity is a number followed by an optional unit expression. The unit expression is parsed
// into an SI scale and a dimension vector over (kg, m, s, rad), so that any spelling of a unit is
// accepted as long as its dimension matches ("1 N/mm" for a stiffness per length in N/m).
//
// Unit grammar:
//   unit    := "-" | ["/"] product          a leading "/" means "1/" ("5/s")
//   product := power (op power)*            op: "*", ".", "/" (left to right), "·"
//   power   := primary ["^" integer]        "m^3", "s^-1"; the power applies to the prefix too
//   primary := "(" product ")" | "1" | "%" | symbol
// Symbols taking prefixes n, u (or µ), m, c, k, M, G: m, g, s, Pa, N, J, Hz, rad.
// Symbols without prefixes: min (60 s), h (3600 s), deg (pi/180 rad), mmHg (101325/760 Pa),
// "%" (0.01). Angles carry their own dimension, so "N*m" and "N*m/rad" are different quantities.
//
// Plain numbers are SI. Decimal prefixes are applied to the decimal text before conversion to
// double ("0.1 mm" gives exactly the double nearest 1e-4), so format_quantity() round-trips.
#include <string>

namespace myo::sim {

/// A value in SI units with its SI unit, e.g. {10000.0, "Pa"} for "10 kPa".
struct Quantity {
  double value_si = 0.0;
  std::string unit_si;  ///< canonical SI unit ("m", "Pa", "N/m", "kg*m^-1", ...); "" for a bare number
};

/// Parse `text` (e.g. "6 mm", "-6mm", "1.5e-3 m", "40 %", "0.4") as a quantity of the dimension of
/// `expected_si_unit` and return its value in that SI unit.
///
/// expected_si_unit: an SI unit expression with scale 1, e.g. "m", "Pa", "s", "N", "kg", "-",
///   "1/s", "N/m", "Pa*s", "rad", "m/s", "m/s^2", "J/m^3", "N*m", "N*m/rad". A unit with another
///   scale ("mm", "deg") is a programming error and throws std::invalid_argument.
/// unit_required: a bare number is an error (for lengths, where m vs mm is a trap). Ignored for
///   "-": a dimensionless quantity has no unit to require.
/// key_path: named first in error messages, e.g. "mesh.layers[0].thickness".
///
/// Throws std::invalid_argument with a one-line message naming key_path, the text and what was
/// expected, e.g.
///   mesh.layers[0].thickness: "10 kPa" has units of pressure; expected a length (m), e.g. "6 mm"
///   mesh.layers[0].thickness: "6" needs a unit; expected a length, e.g. "6 mm"
double parse_quantity(const std::string& text, const std::string& expected_si_unit,
                      bool unit_required, const std::string& key_path);

/// Parse `text` without an expected dimension: the value in SI and the canonical SI unit of its
/// dimension ("2 N/mm" -> {2000, "N/m"}; "0.4" -> {0.4, ""}; "40 %" -> {0.4, "-"}).
/// Throws std::invalid_argument naming key_path for malformed text or unknown units.
Quantity parse_quantity_si(const std::string& text, const std::string& key_path);

/// A readable text for value_si (in si_unit) with a convenient decimal prefix, e.g.
/// (0.006, "m") -> "6 mm", (10000, "Pa") -> "10 kPa", (0.4, "-") -> "0.4", (120, "s") -> "120 s",
/// (pi/6, "rad") -> "30 deg" when that round-trips, else "0.5235987755982988 rad".
/// Round trip: parse_quantity(format_quantity(v, u), u, true, k) == v exactly for every finite v
/// (shortest decimal digits of v, shifted by the prefix). Non-finite values print as "nan m",
/// "inf m" (for messages only; they do not parse). An unknown si_unit is printed as given.
std::string format_quantity(double value_si, const std::string& si_unit);

}  // namespace myo::sim
