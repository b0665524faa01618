// The registry of built-in materials, shared by the tests.
#pragma once

#include "myo/models/register_builtin.hpp"
#include "myo/sim/registry.hpp"

namespace myo::test {

// A registry filled once by myo::models::register_builtin (function-local static; the same
// instance in every test file).
inline sim::Registry& builtin_registry() {
  static sim::Registry registry = [] {
    sim::Registry r;
    models::register_builtin(r);
    return r;
  }();
  return registry;
}

}  // namespace myo::test
