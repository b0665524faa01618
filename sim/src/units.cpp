#include "myo/sim/units.hpp"

#include "myo/sim/input_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <vector>

namespace myo::sim {
namespace {

/// Exponents of (kg, m, s, rad).
using Dims = std::array<int, 4>;

/// scale = factor * 10^p10. Decimal powers are kept apart from the factor so that they can be
/// applied to the decimal text of the number (exact), not by a floating-point multiplication.
struct Unit {
  Dims dims{0, 0, 0, 0};
  double factor = 1.0;
  int p10 = 0;
};

/// Error in a unit expression; caught and rephrased with the key path.
struct UnitSyntaxError {
  std::string reason;
};

/// Bounds that keep every unit expression far from integer overflow: no real unit needs a power
/// beyond 12 or more than a few brackets, and a quantity's text is a short line.
constexpr int kMaxPower = 12;
constexpr int kMaxNesting = 8;
constexpr std::size_t kMaxQuantityChars = 200;
constexpr long long kMaxDecimalExponent = 100000;  ///< beyond it every double over- or underflows
/// Nested powers multiply ((m^12)^12)^12 ...): every intermediate exponent is bounded, so that
/// the next product of at most kMaxPower cannot overflow an int.
constexpr long long kMaxDimExponent = 100;
constexpr long long kMaxP10 = 10000;

int bounded(long long v, long long limit) {
  if (v > limit || v < -limit)
    throw UnitSyntaxError{"an exponent of the unit grows beyond " + std::to_string(limit)};
  return static_cast<int>(v);
}

Unit multiply(const Unit& a, const Unit& b, int sign) {
  Unit r;
  for (int i = 0; i < 4; ++i) r.dims[i] = bounded(static_cast<long long>(a.dims[i]) + sign * b.dims[i], kMaxDimExponent);
  r.factor = sign > 0 ? a.factor * b.factor : a.factor / b.factor;
  r.p10 = bounded(static_cast<long long>(a.p10) + sign * b.p10, kMaxP10);
  return r;
}

Unit power(const Unit& a, int n) {
  Unit r;
  for (int i = 0; i < 4; ++i) r.dims[i] = bounded(static_cast<long long>(a.dims[i]) * n, kMaxDimExponent);
  r.factor = std::pow(a.factor, n);
  r.p10 = bounded(static_cast<long long>(a.p10) * n, kMaxP10);
  return r;
}

struct Symbol {
  std::string_view name;
  Unit unit;
};

constexpr double kDeg = std::numbers::pi / 180.0;

// Symbols that take decimal prefixes.
const std::array<Symbol, 8> kPrefixable{{
    {"m", {{0, 1, 0, 0}, 1.0, 0}},
    {"g", {{1, 0, 0, 0}, 1.0, -3}},
    {"s", {{0, 0, 1, 0}, 1.0, 0}},
    {"Pa", {{1, -1, -2, 0}, 1.0, 0}},
    {"N", {{1, 1, -2, 0}, 1.0, 0}},
    {"J", {{1, 2, -2, 0}, 1.0, 0}},
    {"Hz", {{0, 0, -1, 0}, 1.0, 0}},
    {"rad", {{0, 0, 0, 1}, 1.0, 0}},
}};

// Symbols without prefixes; matched first, so that "min" is not milli-"in" and "mmHg" is whole.
const std::array<Symbol, 4> kPlain{{
    {"min", {{0, 0, 1, 0}, 60.0, 0}},
    {"h", {{0, 0, 1, 0}, 3600.0, 0}},
    {"deg", {{0, 0, 0, 1}, kDeg, 0}},
    {"mmHg", {{1, -1, -2, 0}, 101325.0 / 760.0, 0}},
}};

struct Prefix {
  std::string_view text;
  int p10;
};
const std::array<Prefix, 9> kPrefixes{{
    {"n", -9}, {"u", -6}, {"\xC2\xB5", -6}, {"\xCE\xBC", -6},  // micro sign and Greek mu
    {"m", -3}, {"c", -2}, {"k", 3}, {"M", 6}, {"G", 9},
}};

/// Names of dimensions, for messages and canonical units. The first match names a dimension.
struct DimName {
  Dims dims;
  std::string_view si;    ///< canonical SI unit
  std::string_view noun;  ///< "length", used as "has units of length"
};
const std::array<DimName, 16> kDimNames{{
    {{0, 1, 0, 0}, "m", "length"},
    {{1, -1, -2, 0}, "Pa", "pressure"},
    {{0, 0, 1, 0}, "s", "time"},
    {{1, 1, -2, 0}, "N", "force"},
    {{1, 0, 0, 0}, "kg", "mass"},
    {{0, 0, 0, 0}, "-", "dimensionless number"},
    {{0, 0, -1, 0}, "1/s", "rate"},
    {{1, 0, -2, 0}, "N/m", "force per length"},
    {{1, -1, -1, 0}, "Pa*s", "viscosity"},
    {{0, 0, 0, 1}, "rad", "angle"},
    {{0, 1, -1, 0}, "m/s", "velocity"},
    {{0, 1, -2, 0}, "m/s^2", "acceleration"},
    {{1, 2, -2, 0}, "N*m", "moment or energy"},
    {{1, 2, -2, -1}, "N*m/rad", "rotational stiffness"},
    {{0, 2, 0, 0}, "m^2", "area"},
    {{0, 3, 0, 0}, "m^3", "volume"},
}};

/// What to say when a unit is expected: "a length (m), e.g. "6 mm"".
struct Expectation {
  std::string_view si;
  std::string_view noun;
  std::string_view example;
};
const std::array<Expectation, 17> kExpectations{{
    {"m", "a length", "6 mm"},
    {"Pa", "a pressure", "10 kPa"},
    {"s", "a time", "60 s"},
    {"N", "a force", "5 N"},
    {"kg", "a mass", "75 kg"},
    {"-", "a dimensionless number", "0.4\" or \"40 %"},
    {"1/s", "a rate", "0.1 1/s"},
    {"N/m", "a force per length", "1 N/mm"},
    {"Pa*s", "a viscosity", "1 Pa*s"},
    {"rad", "an angle", "30 deg"},
    {"m/s", "a velocity", "1 mm/s"},
    {"m/s^2", "an acceleration", "9.81 m/s^2"},
    {"J/m^3", "an energy density", "1 kJ/m^3"},
    {"N*m", "a moment", "2 N*m"},
    {"N*m/rad", "a rotational stiffness", "10 N*m/rad"},
    {"m^2", "an area", "1 mm^2"},
    {"m^3", "a volume", "1 mm^3"},
}};

std::string canonical_unit(const Dims& d) {
  for (const auto& n : kDimNames)
    if (n.dims == d) return std::string(n.si);
  static const std::array<std::string_view, 4> base{"kg", "m", "s", "rad"};
  std::string out;
  for (int i = 0; i < 4; ++i) {
    if (d[i] == 0) continue;
    if (!out.empty()) out += '*';
    out += base[i];
    if (d[i] != 1) out += "^" + std::to_string(d[i]);
  }
  return out.empty() ? "-" : out;
}

std::string dimension_phrase(const Dims& d) {
  if (d == Dims{0, 0, 0, 0}) return "is dimensionless";
  for (const auto& n : kDimNames)
    if (n.dims == d) return "has units of " + std::string(n.noun);
  return "has units of " + canonical_unit(d);
}

class UnitParser {
 public:
  explicit UnitParser(std::string_view s) : s_(s) {}

  Unit parse() {
    skip_space();
    if (s_.substr(pos_) == "-") return Unit{};
    Unit u;
    if (peek() == '/') {
      ++pos_;
      skip_space();
      u = multiply(u, parse_power(), -1);
      u = parse_rest(u);
    } else {
      u = parse_product();
    }
    skip_space();
    if (pos_ != s_.size()) fail("unexpected \"" + std::string(s_.substr(pos_)) + "\"");
    return u;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  int depth_ = 0;  ///< brackets open at pos_

  [[noreturn]] static void fail(std::string reason) { throw UnitSyntaxError{std::move(reason)}; }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  bool at_middle_dot() const { return s_.substr(pos_).starts_with("\xC2\xB7"); }

  Unit parse_product() { return parse_rest(parse_power()); }

  Unit parse_rest(Unit u) {
    while (true) {
      skip_space();
      int sign = 0;
      if (peek() == '*' || peek() == '.') {
        sign = 1;
        ++pos_;
      } else if (at_middle_dot()) {
        sign = 1;
        pos_ += 2;
      } else if (peek() == '/') {
        sign = -1;
        ++pos_;
      } else {
        return u;
      }
      skip_space();
      u = multiply(u, parse_power(), sign);
    }
  }

  Unit parse_power() {
    Unit u = parse_primary();
    if (peek() != '^') return u;
    ++pos_;
    const char* first = s_.data() + pos_;
    const char* last = s_.data() + s_.size();
    if (first != last && *first == '+') ++first;  // from_chars does not take a leading '+'
    int n = 0;
    auto [ptr, ec] = std::from_chars(first, last, n);
    if (ec == std::errc::result_out_of_range || (ec == std::errc() && (n > kMaxPower || n < -kMaxPower)))
      fail("the power after '^' should be between -" + std::to_string(kMaxPower) + " and " +
           std::to_string(kMaxPower));
    if (ec != std::errc() || ptr == first) fail("expected an integer power after '^'");
    pos_ = static_cast<std::size_t>(ptr - s_.data());
    return power(u, n);
  }

  Unit parse_primary() {
    const char c = peek();
    if (c == '(') {
      // The parser recurses once per bracket; bounded so that no input can exhaust the stack.
      if (++depth_ > kMaxNesting) fail("more than " + std::to_string(kMaxNesting) + " nested brackets");
      ++pos_;
      skip_space();
      Unit u = parse_product();
      skip_space();
      if (peek() != ')') fail("missing ')'");
      ++pos_;
      --depth_;
      return u;
    }
    if (c == '1') {
      ++pos_;
      return Unit{};
    }
    if (c == '%') {
      ++pos_;
      return Unit{{0, 0, 0, 0}, 1.0, -2};
    }
    const std::size_t start = pos_;
    while (pos_ < s_.size()) {
      const unsigned char b = static_cast<unsigned char>(s_[pos_]);
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
        ++pos_;
      } else if (s_.substr(pos_).starts_with("\xC2\xB5") || s_.substr(pos_).starts_with("\xCE\xBC")) {
        pos_ += 2;
      } else {
        break;
      }
    }
    if (pos_ == start) {
      if (c == '\0') fail("missing a unit after an operator");
      fail("unexpected \"" + std::string(s_.substr(start)) + "\"");
    }
    return symbol(s_.substr(start, pos_ - start));
  }

  static Unit symbol(std::string_view id) {
    for (const auto& p : kPlain)
      if (p.name == id) return p.unit;
    for (const auto& b : kPrefixable)
      if (b.name == id) return b.unit;
    for (const auto& pre : kPrefixes) {
      if (!id.starts_with(pre.text)) continue;
      const std::string_view rest = id.substr(pre.text.size());
      for (const auto& b : kPrefixable) {
        if (b.name != rest) continue;
        Unit u = b.unit;
        u.p10 += pre.p10;
        return u;
      }
    }
    fail("unknown symbol \"" + std::string(id) + "\"");
  }
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

struct Parsed {
  std::string number;  ///< the number's text, e.g. "-1.5e-3"
  std::string unit;    ///< the unit's text, "" when bare
};

/// Splits "6 mm" into "6" and "mm". Returns false if the text does not start with a number.
bool split_number(const std::string& t, Parsed& out) {
  std::size_t i = 0;
  const auto digit = [&](std::size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  if (!digit(i) && !(i < t.size() && t[i] == '.' && digit(i + 1))) return false;
  while (digit(i)) ++i;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (digit(i)) ++i;
  }
  // An exponent only if digits follow, so that "6e" is left for the unit parser to reject.
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    std::size_t k = i + 1;
    if (k < t.size() && (t[k] == '+' || t[k] == '-')) ++k;
    if (digit(k)) {
      i = k;
      while (digit(i)) ++i;
    }
  }
  out.number = t.substr(0, i);
  out.unit = trim(t.substr(i));
  return true;
}

/// The double nearest number_text * 10^p10 (one correctly rounded conversion). Returns false on
/// overflow or underflow.
bool decimal_to_double(const std::string& number_text, int p10, double& value) {
  std::string mantissa = number_text;
  long long exponent = 0;
  const auto e = mantissa.find_first_of("eE");
  if (e != std::string::npos) {
    auto [ptr, ec] = std::from_chars(mantissa.data() + e + 1 + (mantissa[e + 1] == '+'),
                                     mantissa.data() + mantissa.size(), exponent);
    if (ec != std::errc()) return false;
    mantissa.resize(e);
  }
  // Clamped before the sum so that "1e9223372036854775807 km" cannot overflow: any exponent this
  // large is out of the double range whatever the mantissa (at most kMaxQuantityChars digits).
  if (exponent > kMaxDecimalExponent || exponent < -kMaxDecimalExponent) return false;
  exponent += p10;
  if (!mantissa.empty() && mantissa[0] == '+') mantissa.erase(0, 1);
  const std::string text = mantissa + "e" + std::to_string(exponent);
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    // from_chars reports underflow as out of range; an exact zero mantissa is fine.
    return false;
  }
  return std::isfinite(value);
}

std::string prefix_key(const std::string& key_path) {
  return key_path.empty() ? std::string() : key_path + ": ";
}

std::string quoted(const std::string& s) { return quote_input(s); }

/// Refuses text longer than any quantity needs, before it is parsed.
void check_length(const std::string& text, const std::string& key_path, const std::string& tail) {
  if (text.size() > kMaxQuantityChars)
    throw std::invalid_argument(prefix_key(key_path) + quoted(text) + " is too long for a quantity (more than " +
                                std::to_string(kMaxQuantityChars) + " characters)" + tail);
}

struct ExpectedInfo {
  Unit unit;
  std::string noun;     ///< "a length"
  std::string example;  ///< "6 mm"
  bool dimensionless = false;
};

ExpectedInfo expected_info(const std::string& expected_si_unit) {
  ExpectedInfo info;
  try {
    info.unit = UnitParser(expected_si_unit).parse();
  } catch (const UnitSyntaxError& e) {
    throw std::invalid_argument("parse_quantity: expected unit \"" + expected_si_unit +
                                "\" is not a unit (" + e.reason + ")");
  }
  if (info.unit.factor != 1.0 || info.unit.p10 != 0)
    throw std::invalid_argument("parse_quantity: expected unit \"" + expected_si_unit +
                                "\" is not an SI unit (use " + canonical_unit(info.unit.dims) +
                                ")");
  info.dimensionless = info.unit.dims == Dims{0, 0, 0, 0};
  for (const auto& x : kExpectations) {
    if (x.si == expected_si_unit) {
      info.noun = x.noun;
      info.example = x.example;
      return info;
    }
  }
  info.noun = "a quantity in " + expected_si_unit;
  info.example = "1 " + expected_si_unit;
  return info;
}

std::string expected_phrase(const ExpectedInfo& info, const std::string& si, bool with_unit) {
  std::string s = "expected " + info.noun;
  if (with_unit && !info.dimensionless) s += " (" + si + ")";
  return s + ", e.g. \"" + info.example + "\"";
}

/// Decimal digits of |v| > 0 (shortest round-trip, or `precision` significant digits):
/// |v| = digits * 10^exp10, digits without a decimal point or trailing zeros.
void decimal_digits(double v, std::string& digits, int& exp10, int precision = -1) {
  char buf[64];
  auto [ptr, ec] = precision < 0
                       ? std::to_chars(buf, buf + sizeof buf, std::abs(v), std::chars_format::scientific)
                       : std::to_chars(buf, buf + sizeof buf, std::abs(v),
                                       std::chars_format::scientific, precision - 1);
  (void)ec;
  const std::string s(buf, ptr);  // "d.ddde+XX" or "de+XX"
  const auto e = s.find('e');
  digits.clear();
  for (char c : s.substr(0, e))
    if (c != '.') digits += c;
  exp10 = std::stoi(s.substr(e + 1)) - static_cast<int>(digits.size()) + 1;
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    ++exp10;
  }
}

/// digits * 10^q as decimal text, plain where short, else scientific.
std::string render_decimal(const std::string& digits, int q) {
  const int n = static_cast<int>(digits.size());
  if (q >= 0 && q <= 6) return digits + std::string(static_cast<std::size_t>(q), '0');
  if (q < 0) {
    const int point = n + q;  // digits before the decimal point
    if (point > 0) return digits.substr(0, point) + "." + digits.substr(point);
    if (-point <= 4) return "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  }
  std::string s = digits.substr(0, 1);
  if (n > 1) s += "." + digits.substr(1);
  return s + "e" + std::to_string(q + n - 1);
}

struct PrefixedUnit {
  int p10;
  std::string_view text;
};
struct Family {
  std::string_view si;
  std::vector<PrefixedUnit> units;  ///< ascending p10
};

const std::vector<Family>& families() {
  static const std::vector<Family> f{
      {"m", {{-9, "nm"}, {-6, "um"}, {-3, "mm"}, {0, "m"}}},
      {"Pa", {{0, "Pa"}, {3, "kPa"}, {6, "MPa"}, {9, "GPa"}}},
      {"N", {{-6, "uN"}, {-3, "mN"}, {0, "N"}, {3, "kN"}}},
      {"s", {{-6, "us"}, {-3, "ms"}, {0, "s"}}},
      {"kg", {{-6, "mg"}, {-3, "g"}, {0, "kg"}}},
      {"N/m", {{-3, "mN/m"}, {0, "N/m"}, {3, "kN/m"}, {6, "MN/m"}}},
      {"Pa*s", {{-3, "mPa*s"}, {0, "Pa*s"}, {3, "kPa*s"}}},
      {"J/m^3", {{0, "J/m^3"}, {3, "kJ/m^3"}, {6, "MJ/m^3"}}},
      {"N*m", {{-3, "mN*m"}, {0, "N*m"}}},
      {"N*m/rad", {{-3, "mN*m/rad"}, {0, "N*m/rad"}}},
      {"m/s", {{-6, "um/s"}, {-3, "mm/s"}, {0, "m/s"}}},
  };
  return f;
}

std::string shortest(double v) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  return std::string(buf, ptr);
}

bool parses_back(const std::string& text, const std::string& si_unit, double v) {
  try {
    return parse_quantity(text, si_unit, false, "") == v;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

Unit parse_unit_or_throw(const std::string& unit_text, const std::string& text,
                         const std::string& key_path, const std::string& tail) {
  try {
    return UnitParser(unit_text).parse();
  } catch (const UnitSyntaxError& e) {
    throw std::invalid_argument(prefix_key(key_path) + quoted(text) + " has an invalid unit (" +
                                e.reason + ")" + tail);
  }
}

double apply(const Parsed& p, const Unit& u, const std::string& text, const std::string& key_path,
             const std::string& tail) {
  double v = 0.0;
  if (!decimal_to_double(p.number, u.p10, v) || !std::isfinite(v * u.factor))
    throw std::invalid_argument(prefix_key(key_path) + quoted(text) + " is out of range" + tail);
  return v * u.factor;
}

}  // namespace

double parse_quantity(const std::string& text, const std::string& expected_si_unit,
                      bool unit_required, const std::string& key_path) {
  const ExpectedInfo info = expected_info(expected_si_unit);
  const std::string tail = "; " + expected_phrase(info, expected_si_unit, true);
  check_length(text, key_path, tail);
  const std::string t = trim(text);
  if (t.empty()) throw std::invalid_argument(prefix_key(key_path) + quoted(text) + " is empty" + tail);
  Parsed p;
  if (!split_number(t, p))
    throw std::invalid_argument(prefix_key(key_path) + quoted(text) + " is not a number" + tail);
  if (p.unit.empty()) {
    if (unit_required && !info.dimensionless)
      throw std::invalid_argument(prefix_key(key_path) + quoted(text) + " needs a unit; " +
                                  expected_phrase(info, expected_si_unit, false));
    return apply(p, Unit{}, text, key_path, tail);
  }
  const Unit u = parse_unit_or_throw(p.unit, text, key_path, tail);
  if (u.dims != info.unit.dims)
    throw std::invalid_argument(prefix_key(key_path) + quoted(text) + " " +
                                dimension_phrase(u.dims) + tail);
  return apply(p, u, text, key_path, tail);
}

Quantity parse_quantity_si(const std::string& text, const std::string& key_path) {
  const std::string tail = "; expected a number with an optional unit, e.g. \"6 mm\"";
  check_length(text, key_path, tail);
  const std::string t = trim(text);
  if (t.empty()) throw std::invalid_argument(prefix_key(key_path) + quoted(text) + " is empty" + tail);
  Parsed p;
  if (!split_number(t, p))
    throw std::invalid_argument(prefix_key(key_path) + quoted(text) + " is not a number" + tail);
  if (p.unit.empty()) return {apply(p, Unit{}, text, key_path, tail), ""};
  const Unit u = parse_unit_or_throw(p.unit, text, key_path, tail);
  return {apply(p, u, text, key_path, tail), canonical_unit(u.dims)};
}

std::string format_quantity(double value_si, const std::string& si_unit) {
  const bool bare = si_unit == "-";
  const auto with_unit = [&](const std::string& number, std::string_view unit) {
    return unit == "-" ? number : number + " " + std::string(unit);
  };
  if (!std::isfinite(value_si) || value_si == 0.0) return with_unit(shortest(value_si), si_unit);

  const std::string sign = value_si < 0 ? "-" : "";
  std::string digits;
  int q = 0;
  decimal_digits(value_si, digits, q);
  const int lead = q + static_cast<int>(digits.size()) - 1;  // exponent of the leading digit

  for (const auto& fam : families()) {
    if (fam.si != si_unit) continue;
    // The unit that puts the value in [1, 1000), clamped to the family's range.
    const PrefixedUnit* best = &fam.units.front();
    for (const auto& u : fam.units)
      if (u.p10 <= lead) best = &u;
    const std::string text = sign + render_decimal(digits, q - best->p10) + " " +
                             std::string(best->text);
    if (parses_back(text, si_unit, value_si)) return text;
  }
  if (si_unit == "rad" && std::isfinite(value_si / kDeg)) {
    // The fewest significant digits in degrees that read back exactly ("30 deg", not
    // "29.999999999999996 deg"); often there are none, and radians are printed.
    for (int precision = 1; precision <= 17; ++precision) {
      std::string d;
      int e = 0;
      decimal_digits(value_si / kDeg, d, e, precision);
      const std::string text = sign + render_decimal(d, e) + " deg";
      if (parses_back(text, si_unit, value_si)) return text;
    }
  }
  const std::string text = sign + render_decimal(digits, q);
  if (bare || parses_back(with_unit(text, si_unit), si_unit, value_si))
    return with_unit(text, si_unit);
  return with_unit(shortest(value_si), si_unit);
}

}  // namespace myo::sim
