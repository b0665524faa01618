#include "myo/sim/input_text.hpp"

#include <cstdio>

#include "myo/sim/scenario_error.hpp"

namespace myo::sim {
namespace {

/// Length of the valid UTF-8 sequence starting at text[i], or 0 if none starts there.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return 1;
  std::size_t n;
  unsigned cp;
  if (b >= 0xC2 && b <= 0xDF) n = 2, cp = b & 0x1Fu;
  else if (b >= 0xE0 && b <= 0xEF) n = 3, cp = b & 0x0Fu;
  else if (b >= 0xF0 && b <= 0xF4) n = 4, cp = b & 0x07u;
  else return 0;  // a continuation byte, or a lead byte that only overlong forms use
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) return 0;
  return n;
}

std::string hex_byte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", b);
  return buf;
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(text, i);
    if (n == 0) {
      out += hex_byte(static_cast<unsigned char>(text[i++]));
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string quote_input(std::string_view text, std::size_t max_chars) {
  std::string out = "\"";
  std::size_t chars = 0, i = 0;
  for (; i < text.size() && chars < max_chars; ++chars) {
    const std::size_t n = sequence_length(text, i);
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (n == 0 || b < 0x20 || b == 0x7F) {
      out += b == '\n' ? std::string("\\n") : b == '\t' ? std::string("\\t") : hex_byte(b);
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  out += '"';
  if (i < text.size()) {
    std::size_t total = chars;
    for (std::size_t k = i; k < text.size(); ++total) {
      const std::size_t n = sequence_length(text, k);
      k += n == 0 ? 1 : n;
    }
    out.insert(out.size() - 1, "...");
    out += " (" + std::to_string(total) + " characters)";
  }
  return out;
}

bool is_identifier(std::string_view text, std::size_t max_chars) {
  if (text.empty() || text.size() > max_chars) return false;
  if (!((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z'))) return false;
  for (char c : text)
    if (!name_char(c)) return false;
  return true;
}

void check_output_name(std::string_view name, const std::string& key_path) {
  bool ok = !name.empty() && name.size() <= kMaxOutputNameChars && name_char(name[0]);
  for (char c : name) ok = ok && (name_char(c) || c == '-' || c == '.');
  if (ok) return;
  throw ScenarioError(key_path + ": " + quote_input(name, 120) + " should be one path component of 1 to " +
                      std::to_string(kMaxOutputNameChars) +
                      " characters: letters, digits, '_', '-' and '.', starting with a letter, a "
                      "digit or '_' (results go to results/<name>/; use --out to write elsewhere)");
}

}  // namespace myo::sim

namespace myo::sim {

std::string one_line_message(const std::string& message) {
  // Long enough for any real message (a list of known keys, a path); a message about a
  // 30,000-character value keeps its start and end.
  constexpr std::size_t kMaxBytes = 2000;
  std::string out;
  const std::string valid = valid_utf8(message);
  out.reserve(valid.size());
  for (char c : valid) {
    const auto b = static_cast<unsigned char>(c);
    if (b == '\n' || b == '\r' || b == '\t') out += ' ';
    else if (b < 0x20 || b == 0x7F) out += hex_byte(b);
    else out += c;
  }
  if (out.size() <= kMaxBytes) return out;
  // Cut at character boundaries (never before a continuation byte).
  std::size_t head = kMaxBytes / 2, tail = out.size() - kMaxBytes / 2;
  while (head > 0 && (static_cast<unsigned char>(out[head]) & 0xC0u) == 0x80u) --head;
  while (tail < out.size() && (static_cast<unsigned char>(out[tail]) & 0xC0u) == 0x80u) ++tail;
  return out.substr(0, head) + " [... " + std::to_string(tail - head) + " bytes ...] " + out.substr(tail);
}

}  // namespace myo::sim
