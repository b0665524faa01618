#pragma once
// Shared declarations of the pybind11 module myorelease._core (thin bindings: conversion only).
#include <pybind11/pybind11.h>

#include "myo/sim/registry.hpp"

namespace myo::python {

/// The one process-wide registry, filled by myo::models::register_builtin on first use.
const sim::Registry& registry();

void init_scenario(pybind11::module_& m);
void init_simulation(pybind11::module_& m);
void init_registry(pybind11::module_& m);
void init_pelvis(pybind11::module_& m);

}  // namespace myo::python
