// myorelease._core: the compiled half of the Python package. Thin bindings in the style of
// dolfinx: every function forwards to sim/ or models/ and only converts arguments and results.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "myo/models/register_builtin.hpp"
#include "myo/sim/scenario_error.hpp"
#include "myo/sim/units.hpp"

namespace py = pybind11;

namespace myo::python {

const sim::Registry& registry() {
  // Built once (thread-safe static initialisation) and never changed afterwards, so it can be
  // read without the GIL from concurrent runs.
  static const sim::Registry instance = [] {
    sim::Registry r;
    models::register_builtin(r);
    return r;
  }();
  return instance;
}

sim::ParamValues resolve_params(const py::dict& given, const sim::ModelSpec& spec, const std::string& path) {
  try {
    sim::ParamValues values;
    for (const auto& [key, value] : given) {
      const std::string k = py::str(key);
      const sim::ParamSpec* ps = spec.find(k);
      if (!ps) {
        std::string known;
        for (const sim::ParamSpec& p : spec.params) known += (known.empty() ? "" : ", ") + p.name;
        throw std::invalid_argument(path + "." + k + ": unknown key (value " + std::string(py::repr(value)) +
                                    "); known keys: " + known);
      }
      if (py::isinstance<py::str>(value))
        values[k] = sim::parse_quantity(value.cast<std::string>(), ps->unit, ps->unit_required, path + "." + k);
      else if (!py::isinstance<py::bool_>(value) && py::hasattr(value, "__float__"))
        values[k] = value.cast<double>();
      else
        throw std::invalid_argument(path + "." + k + ": " + std::string(py::repr(value)) + "; expected a number (SI, " +
                                    ps->unit + ") or quantity text");
    }
    return spec.resolve(values, path);
  } catch (const std::invalid_argument& e) {
    throw sim::ScenarioError(e.what());
  }
}

}  // namespace myo::python

PYBIND11_MODULE(_core, m) {
  m.doc() = "myorelease._core: finite-strain FE solver for soft tissue (C++ core, thin bindings).";

  // Bad input (unknown key, wrong unit, value out of range, missing file): the CLI exits with 2.
  py::register_exception<myo::sim::ScenarioError>(m, "ScenarioError", PyExc_ValueError);
  // The solver could not complete the run: the CLI exits with 3.
  py::register_exception<myo::sim::SolverError>(m, "SolverError", PyExc_RuntimeError);

  myo::python::init_registry(m);
  myo::python::init_scenario(m);
  myo::python::init_simulation(m);
  myo::python::init_pelvis(m);
  myo::python::init_bridge(m);
}
