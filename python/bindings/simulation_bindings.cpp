// run(): one simulation, with the GIL released during the solve. The RunResult is moved into a
// heap object owned by a capsule, and every NumPy array in the returned dict is a view of its
// memory (no copies of fields, mesh or history); the capsule is freed with the last array.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "myo/sim/mesh.hpp"
#include "myo/sim/scenario.hpp"
#include "myo/sim/simulation.hpp"

namespace py = pybind11;

namespace myo::python {

namespace {

/// A C-contiguous view of `data` with the given shape, kept alive by `owner`.
template <typename T>
py::array_t<T> view(const T* data, std::vector<py::ssize_t> shape, const py::capsule& owner) {
  return py::array_t<T>(std::move(shape), data, owner);
}

py::array_t<double> matrix_view(const sim::RowMatrixXd& a, const py::capsule& owner) {
  return view<double>(a.data(), {static_cast<py::ssize_t>(a.rows()), static_cast<py::ssize_t>(a.cols())},
                      owner);
}

py::array_t<int> index_view(const std::vector<int>& v, const py::capsule& owner) {
  return view<int>(v.data(), {static_cast<py::ssize_t>(v.size())}, owner);
}

py::dict mesh_dict(const sim::Mesh& mesh, const py::capsule& owner) {
  static_assert(sizeof(sim::Face) == 2 * sizeof(int), "Face must be two packed ints");
  py::dict d;
  d["coordinates"] = matrix_view(mesh.X, owner);
  d["cells"] = view<int>(mesh.cells.data(),
                         {static_cast<py::ssize_t>(mesh.cells.rows()),
                          static_cast<py::ssize_t>(mesh.cells.cols())},
                         owner);
  d["cell_type"] = mesh.cell_type == sim::CellType::hex8 ? "hex8" : "quad4_axisymmetric";
  py::dict node_sets, face_sets, regions;
  for (const auto& [name, nodes] : mesh.node_sets) node_sets[py::str(name)] = index_view(nodes, owner);
  for (const auto& [name, faces] : mesh.face_sets)
    face_sets[py::str(name)] = view<int>(reinterpret_cast<const int*>(faces.data()),
                                         {static_cast<py::ssize_t>(faces.size()), 2}, owner);
  for (const auto& [name, cells] : mesh.regions) regions[py::str(name)] = index_view(cells, owner);
  d["node_sets"] = node_sets;
  d["face_sets"] = face_sets;
  d["regions"] = regions;
  return d;
}

py::dict to_dict(sim::RunResult&& moved) {
  auto* r = new sim::RunResult(std::move(moved));
  py::capsule owner(r, [](void* p) { delete static_cast<sim::RunResult*>(p); });

  py::dict d;
  d["completed"] = r->completed;
  d["message"] = r->message;
  d["out_dir"] = r->out_dir;

  py::dict summary;
  for (const auto& [key, value] : r->summary) summary[py::str(key)] = value;
  for (const auto& [key, text] : r->summary_text) summary[py::str(key)] = text;
  for (const auto& [key, values] : r->summary_arrays) summary[py::str(key)] = py::cast(values);
  d["summary"] = summary;

  py::dict history;
  const std::size_t n_columns = std::min(r->history_names.size(), r->history_columns.size());
  for (std::size_t i = 0; i < n_columns; ++i) {
    const std::vector<double>& column = r->history_columns[i];
    history[py::str(r->history_names[i])] =
        view<double>(column.data(), {static_cast<py::ssize_t>(column.size())}, owner);
  }
  d["history"] = history;

  const int dim = r->mesh.dim();
  py::dict fields;
  const auto n_u = static_cast<py::ssize_t>(r->displacement.size());
  if (n_u % dim == 0)
    fields["displacement"] = view<double>(r->displacement.data(), {n_u / dim, dim}, owner);
  else
    fields["displacement"] = view<double>(r->displacement.data(), {n_u}, owner);
  fields["cauchy_stress"] = matrix_view(r->cauchy_stress, owner);
  fields["von_mises"] = view<double>(r->von_mises.data(),
                                     {static_cast<py::ssize_t>(r->von_mises.size())}, owner);
  fields["green_lagrange"] = matrix_view(r->green_lagrange, owner);
  fields["reaction_forces"] = matrix_view(r->reaction_forces, owner);
  d["fields"] = fields;
  d["mesh"] = mesh_dict(r->mesh, owner);

  py::dict times;
  times["assembly"] = r->times.assembly_s;
  times["factorization"] = r->times.factorization_s;
  times["solve"] = r->times.solve_s;
  times["contact"] = r->times.contact_s;
  times["output"] = r->times.output_s;
  times["total"] = r->times.total_s;
  d["times"] = times;

  d["newton_iterations"] = r->newton_iterations;
  d["steps"] = r->steps;
  d["cutbacks"] = r->cutbacks;
  d["n_dofs"] = r->n_dofs;
  return d;
}

py::dict run(const sim::Scenario& scenario, const std::string& out_dir, const py::object& progress) {
  // Copy, so that another Python thread may change the caller's scenario during the run.
  const sim::Scenario own = scenario;
  // A Python error raised in the callback (KeyboardInterrupt from PyErr_CheckSignals, or the
  // callback's own exception). Kept here too, in case the C++ side catches and swallows it.
  std::exception_ptr python_error;
  sim::ProgressCallback callback = [&](double fraction, const std::string& message) {
    py::gil_scoped_acquire gil;
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress.is_none()) progress(fraction, message);
    } catch (py::error_already_set&) {
      python_error = std::current_exception();
      throw;
    }
  };

  sim::RunResult result;
  std::exception_ptr error;
  {
    py::gil_scoped_release release;
    try {
      result = sim::run_scenario(own, registry(), out_dir, callback);
    } catch (...) {
      error = std::current_exception();
    }
  }
  if (python_error) std::rethrow_exception(python_error);
  if (error) std::rethrow_exception(error);
  return to_dict(std::move(result));
}

}  // namespace

void init_simulation(py::module_& m) {
  m.def("run", &run, py::arg("scenario"), py::arg("out_dir") = "",
        py::arg("progress") = py::none(),
        "Run a scenario. out_dir = '' runs in memory; otherwise result.h5, result.xdmf, "
        "summary.json and scenario.resolved.yaml are written there. progress(fraction, message) "
        "is called after each accepted step. The GIL is released during the solve; Ctrl-C stops "
        "the run (raising KeyboardInterrupt) and keeps the steps already written. Raises "
        "ScenarioError for bad input; a solver failure returns completed = False. Returns a dict: "
        "completed, message, out_dir, summary, history (name -> array), fields (displacement "
        "n_nodes x dim m, cauchy_stress n_cells x 9 Pa, von_mises n_cells Pa, green_lagrange "
        "n_cells x 9, reaction_forces n_nodes x dim N), mesh, times (phase -> s), "
        "newton_iterations, steps, cutbacks, n_dofs. Arrays are views of one C++ result object.");

  m.def(
      "build_info",
      [] {
        py::dict d;
        for (const auto& [key, value] : sim::build_info()) d[py::str(key)] = value;
        return d;
      },
      "Version, build type, OpenMP threads and linear solvers of the compiled core.");
}

}  // namespace myo::python
