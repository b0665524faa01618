// Scenario: the parsed YAML document with overrides. Parsing, overrides and validation all
// happen in sim/scenario (the one parser); this file only forwards.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "bindings.hpp"
#include "myo/sim/input_text.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"

namespace py = pybind11;

namespace myo::python {

void init_scenario(py::module_& m) {
  using sim::Scenario;
  m.def("check_output_name", &sim::check_output_name, py::arg("name"), py::arg("key_path"),
        "Raise ScenarioError unless name is one safe path component (1 to 100 letters, digits, "
        "'_', '-', '.', not starting with '.' or '-'): results go to results/<name>/.");
  py::class_<Scenario>(m, "Scenario",
                       "A scenario document (YAML) with overrides; checked against the registry "
                       "by validate() and by run().")
      .def_static("from_file", &Scenario::from_file, py::arg("path"),
                  "Read a scenario file. Raises ScenarioError for a missing file or malformed "
                  "YAML (with line and column).")
      .def_static("from_text", &Scenario::from_text, py::arg("yaml_text"),
                  py::arg("base_dir") = ".",
                  "Parse scenario YAML text; base_dir resolves relative file references.")
      .def("set", &Scenario::set, py::arg("path"), py::arg("value_yaml"),
           "Override one value: path like 'materials.tissue.mu' or 'mesh.layers[0].thickness', "
           "value as YAML text ('12 kPa', '[1, 0, 0]', '16'). Checked by validate()/run().")
      .def(
          "validate",
          [](const Scenario& s) {
            py::gil_scoped_release release;
            sim::check_scenario(s, registry());
          },
          "Check everything a run needs but the solve: every key, unit and range against the "
          "registry, the mesh's memory estimate, sets, materials, and that each device reaches its "
          "surface; raises ScenarioError.")
      .def(
          "resolved_yaml", [](const Scenario& s) { return s.resolved_yaml(registry()); },
          "The scenario with every default filled in, as YAML.")
      .def("yaml", &Scenario::yaml, "The document as given (after overrides), as YAML.")
      .def_property_readonly("name", &Scenario::name)
      .def("variant_names", &Scenario::variant_names, "Names of the top-level `variants:`, in file order.")
      .def("variant", &Scenario::variant, py::arg("name"),
           "The scenario with that variant's overrides applied and no `variants` key.")
      .def("copy", [](const Scenario& s) { return Scenario(s); }, "An independent copy.")
      .def("__copy__", [](const Scenario& s) { return Scenario(s); })
      .def("__deepcopy__", [](const Scenario& s, py::dict) { return Scenario(s); },
           py::arg("memo"))
      .def(py::pickle([](const Scenario& s) { return py::make_tuple(s.yaml()); },
                      [](const py::tuple& t) {
                        if (t.size() != 1) throw std::runtime_error("Scenario: bad pickle state");
                        return Scenario::from_text(t[0].cast<std::string>());
                      }))
      .def("__repr__",
           [](const Scenario& s) { return "<myorelease._core.Scenario '" + s.name() + "'>"; });
}

}  // namespace myo::python
