#pragma once
// Parameter specifications: each model parameter is declared once, with its unit, default,
// range, long name and source (as FEBio's FEParamDouble declarations). The scenario parser checks
// every key against these; `myorelease models` prints them; the README tables come from them.
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace myo::sim {

struct ParamSpec {
  std::string name;                ///< key in the scenario file, e.g. "mu"
  std::string unit;                ///< SI unit of the stored value: "Pa", "m", "s", "N", "1/s", "-"
  double default_value = std::numeric_limits<double>::quiet_NaN();  ///< SI; NaN = required key
  double min = -std::numeric_limits<double>::infinity();            ///< SI, inclusive
  double max = std::numeric_limits<double>::infinity();             ///< SI, inclusive
  std::string long_name;           ///< "shear modulus"
  std::string source;              ///< citation, or "assumed"
  bool min_exclusive = false;      ///< the range is (min, max] rather than [min, max]
  bool unit_required = false;      ///< a bare number is an error (lengths, where m vs mm is a trap)

  bool required() const { return default_value != default_value; }
};

/// Parameter values by name, SI.
using ParamValues = std::map<std::string, double>;

struct ModelSpec {
  std::string kind;      ///< "material", "device", "anatomy", "load", ...
  std::string name;      ///< registry name, e.g. "neo_hookean"
  std::string summary;   ///< one line: what the model is, with its energy function
  std::string source;    ///< the paper it follows
  std::vector<ParamSpec> params;

  const ParamSpec* find(const std::string& key) const;
  /// Check `given` against the spec and fill defaults. Throws std::invalid_argument with a message
  /// that names `path`.key, the value and the expected range, for unknown keys, missing required
  /// keys and values out of range.
  ParamValues resolve(const ParamValues& given, const std::string& path) const;
};

}  // namespace myo::sim
