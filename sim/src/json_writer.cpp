#include "myo/sim/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>

namespace myo::sim {
namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string json_double(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  std::string s(buf, ptr);
  // "3" would read back as an integer in Python; a double stays a float.
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string json_value(const JsonValue& v) {
  struct Visitor {
    std::string operator()(double d) const { return json_double(d); }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return json_string(s); }
    std::string operator()(const std::vector<double>& a) const {
      std::string out = "[";
      for (std::size_t i = 0; i < a.size(); ++i) out += (i ? ", " : "") + json_double(a[i]);
      return out + "]";
    }
  };
  return std::visit(Visitor{}, v.value);
}

}  // namespace

void JsonValue::throw_out_of_range() {
  throw std::out_of_range("JsonValue: integer does not fit in int64");
}

std::string format_json_object(const std::vector<std::pair<std::string, JsonValue>>& entries) {
  std::set<std::string> seen;
  std::string out = "{";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [key, value] = entries[i];
    if (!seen.insert(key).second)
      throw std::invalid_argument("format_json_object: duplicate key \"" + key + "\"");
    out += (i ? ",\n  " : "\n  ") + json_string(key) + ": " + json_value(value);
  }
  out += entries.empty() ? "}\n" : "\n}\n";
  return out;
}

void write_json_object(const std::string& path,
                       const std::vector<std::pair<std::string, JsonValue>>& entries) {
  const std::string text = format_json_object(entries);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("write_json_object: cannot open " + tmp + " for writing");
    f << text;
    f.flush();
    if (!f) throw std::runtime_error("write_json_object: cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw std::runtime_error("write_json_object: cannot rename " + tmp + " to " + path + ": " +
                             ec.message());
  }
}

}  // namespace myo::sim
