// The registry of named models, as plain Python data (for `myorelease models` and the docs).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "myo/sim/model_spec.hpp"
#include "myo/sim/registry.hpp"
#include "myo/sim/units.hpp"

namespace py = pybind11;

namespace myo::python {

namespace {

py::dict param_to_dict(const sim::ParamSpec& p) {
  py::dict d;
  d["name"] = p.name;
  d["unit"] = p.unit;
  d["default"] = p.required() ? py::object(py::none()) : py::object(py::float_(p.default_value));
  d["min"] = p.min;
  d["max"] = p.max;
  d["min_exclusive"] = p.min_exclusive;
  d["unit_required"] = p.unit_required;
  d["long_name"] = p.long_name;
  d["source"] = p.source;
  d["required"] = p.required();
  return d;
}

}  // namespace

void init_registry(py::module_& m) {
  m.def(
      "models",
      [] {
        py::list out;
        for (const sim::ModelSpec& spec : registry().specs()) {
          py::dict d;
          d["kind"] = spec.kind;
          d["name"] = spec.name;
          d["summary"] = spec.summary;
          d["source"] = spec.source;
          py::list params;
          for (const sim::ParamSpec& p : spec.params) params.append(param_to_dict(p));
          d["params"] = params;
          out.append(d);
        }
        return out;
      },
      "Every registered model, sorted by kind then name: a list of dicts {kind, name, summary, "
      "source, params: [{name, unit (SI), default (SI, None if required), min, max, "
      "min_exclusive, unit_required, long_name, source, required}]}.");

  m.def(
      "presets",
      [] {
        py::list out;
        for (const sim::Preset& p : registry().presets()) {
          py::dict d;
          d["kind"] = p.kind;
          d["name"] = p.name;
          d["model"] = p.model;
          d["params"] = p.params;
          d["units"] = p.units;
          d["source"] = p.source;
          d["doc"] = p.doc;
          out.append(d);
        }
        return out;
      },
      "Every preset (device catalogue, tissue library): a list of dicts {kind, name, model, "
      "params (SI), units, source, doc}.");

  m.def("format_quantity", &sim::format_quantity, py::arg("value_si"), py::arg("si_unit"),
        "A readable text for a value in SI units with a convenient prefix, e.g. "
        "(10000, 'Pa') -> '10 kPa'.");
  m.def("parse_quantity", &sim::parse_quantity, py::arg("text"), py::arg("expected_si_unit"),
        py::arg("unit_required") = false, py::arg("key_path") = "",
        "Parse a quantity such as '6 mm' as a value in the SI unit expected_si_unit "
        "(raises ValueError naming key_path).");
  m.def(
      "parse_quantity_si",
      [](const std::string& text, const std::string& key_path) {
        const sim::Quantity q = sim::parse_quantity_si(text, key_path);
        return std::make_pair(q.value_si, q.unit_si);
      },
      py::arg("text"), py::arg("key_path") = "",
      "Parse a quantity of any dimension: (SI value, canonical SI unit), e.g. '2 N/mm' -> "
      "(2000.0, 'N/m'), '0.4' -> (0.4, ''); raises ValueError naming key_path.");
}

}  // namespace myo::python
