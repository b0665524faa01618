#pragma once
// Shared declarations of the pybind11 module myorelease._core (thin bindings: conversion only).
#include <pybind11/pybind11.h>

#include <string>

#include "myo/sim/model_spec.hpp"
#include "myo/sim/registry.hpp"

namespace myo::models {
struct PelvisInputs;
}

namespace myo::python {

/// The one process-wide registry, filled by myo::models::register_builtin on first use.
const sim::Registry& registry();

/// `given` ({key: SI number or quantity text in the key's unit}) checked against `spec` and
/// resolved (defaults filled). Raises ScenarioError naming path.key and the value for an unknown
/// key, a value that is neither a number nor quantity text, a wrong unit or a value out of range.
sim::ParamValues resolve_params(const pybind11::dict& given, const sim::ModelSpec& spec, const std::string& path);

/// The pelvis model's inputs from {name: value}, names as the registry's pelvis_statics
/// (pelvis_bindings.cpp).
models::PelvisInputs pelvis_inputs_from(const pybind11::dict& params);

void init_scenario(pybind11::module_& m);
void init_simulation(pybind11::module_& m);
void init_registry(pybind11::module_& m);
void init_pelvis(pybind11::module_& m);
void init_bridge(pybind11::module_& m);

}  // namespace myo::python
