#pragma once
// A flat JSON object writer, for summary.json: keys in the order given, doubles printed with the
// shortest text that reads back to the same double, NaN and infinities as null (JSON has neither).
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace myo::sim {

/// One JSON value: a number (double or int64), a bool, a string (UTF-8) or an array of doubles.
/// Constructors are explicit about integers so that an int is written as 3, not 3.0, and a
/// const char* becomes a string, not a bool.
struct JsonValue {
  std::variant<double, std::int64_t, bool, std::string, std::vector<double>> value;

  JsonValue(double v) : value(v) {}
  JsonValue(bool v) : value(v) {}
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonValue(T v) : value(checked_int64(v)) {}
  JsonValue(const char* v) : value(std::string(v)) {}
  JsonValue(std::string v) : value(std::move(v)) {}
  JsonValue(std::vector<double> v) : value(std::move(v)) {}

 private:
  template <std::integral T>
  static std::int64_t checked_int64(T v) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
      if (v > static_cast<T>(std::numeric_limits<std::int64_t>::max())) throw_out_of_range();
    }
    return static_cast<std::int64_t>(v);
  }
  [[noreturn]] static void throw_out_of_range();
};

/// The JSON text of an object with `entries` in the given order, one key per line, two-space
/// indent, arrays on one line, ending with a newline. Throws std::invalid_argument on a duplicate
/// key. Strings are escaped (", \, control characters); other UTF-8 passes through.
std::string format_json_object(const std::vector<std::pair<std::string, JsonValue>>& entries);

/// Write format_json_object(entries) to `path`, through a temporary file renamed into place so
/// that a reader never sees half a file. Throws std::runtime_error if the file cannot be written.
void write_json_object(const std::string& path,
                       const std::vector<std::pair<std::string, JsonValue>>& entries);

}  // namespace myo::sim
