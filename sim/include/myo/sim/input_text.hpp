#pragma once
// Text that comes from a user (scenario files, --set paths, names) is checked and quoted here, so
// that every error message is one line of valid UTF-8 of bounded length, whatever the input held:
// a 30,000-character name, bytes that are not UTF-8, control characters.
#include <cstddef>
#include <string>
#include <string_view>

namespace myo::sim {

/// The longest output name (a scenario's, a variant's, a sweep's): one path component, well
/// under every file system's NAME_MAX (255 bytes) with room for suffixes.
inline constexpr std::size_t kMaxOutputNameChars = 100;

/// Offset of the first byte that does not start or continue a valid UTF-8 sequence (overlong
/// forms, surrogates and code points above U+10FFFF count as invalid); npos when all is valid.
std::size_t first_invalid_utf8(std::string_view text);

/// `text` with every invalid byte written as \xNN: always valid UTF-8.
std::string valid_utf8(std::string_view text);

/// `"text"` for a message: invalid bytes and control characters escaped, and cut after
/// `max_chars` characters (never inside a character) with the full length stated.
std::string quote_input(std::string_view text, std::size_t max_chars = 60);

/// Throws ScenarioError ("KEY: "NAME" should be one path component ...") unless `name` is 1 to
/// kMaxOutputNameChars characters of letters, digits, '_', '-' and '.', starting with a letter,
/// a digit or '_' (so ".", "..", "a/b" and "/abs" are refused: results go under results/<name>/,
/// and --out is the only way to write elsewhere).
void check_output_name(std::string_view name, const std::string& key_path);

/// True for a letter then letters, digits and '_' (a set or key name), at most max_chars long.
bool is_identifier(std::string_view text, std::size_t max_chars = kMaxOutputNameChars);

}  // namespace myo::sim
