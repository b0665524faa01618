#pragma once
// The message of the std::invalid_argument that f throws, or a text saying none was thrown; the
// tests check that messages name the key path and the value.
#include <stdexcept>
#include <string>

namespace myo::test {

template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no std::invalid_argument thrown>";
}

}  // namespace myo::test
