#pragma once
// Results on disk: result.h5 (HDF5) with result.xdmf beside it (XDMF 3, opens in ParaView).
//
// Layout of result.h5 -- a contract for external tools (Python package, notebooks, ParaView);
// change it only deliberately and bump the root attribute format_version:
//
//   /                              root attributes (variable-length UTF-8 strings):
//                                  format = "myorelease-result", format_version = "1",
//                                  version, build_type (of the library that wrote the file),
//                                  and whatever set_attribute() adds (e.g. scenario text)
//   /mesh/coordinates              n_nodes x 3 float64, attribute unit = "m". Axisymmetric meshes
//                                  (r, z) are written as x = r, y = z, z = 0, so that ParaView
//                                  shows the (r, z) section
//   /mesh/topology                 n_cells x 8 int64 (hex8, VTK node order) or n_cells x 4
//                                  (quad4), 0-based node ids; attribute cell_type = "hex8" or
//                                  "quad4_axisymmetric"
//   /mesh/regions/<name>           int64 cell ids (1-D)
//   /mesh/node_sets/<name>         int64 node ids (1-D)
//   /mesh/face_sets/<name>         n_faces x 2 int64: (cell, local_face), see mesh.hpp
//   /steps/<k>/                    one group per written step, k = "000000", "000001", ...;
//                                  attribute time_s (float64 scalar)
//   /steps/<k>/<field>             node fields: n_nodes x ncomp float64; cell fields:
//                                  n_cells x ncomp float64; attributes unit (SI, e.g. "m", "Pa")
//                                  and location ("node" or "cell")
//   /history/<column>              1-D float64, one row per written step (by convention of the
//                                  caller), attribute unit; /history has attribute columns
//                                  (1-D array of strings) giving the table's column order
//
// Component conventions: vectors have 3 components (x, y, z); on axisymmetric meshes a node field
// with 2 components (r, z) is written padded to 3 as (r, z, 0), like the coordinates. Symmetric
// tensors are written as full 3x3 = 9 components, row-major (xx, xy, xz, yx, yy, yz, zx, zy, zz),
// because ParaView reads 9-component XDMF "Tensor" attributes directly (for axisymmetric meshes
// the axes are (r, z, theta)). Groups track link creation order, so fields list in the order
// written.
//
// Crash safety: every call that writes ends with flush(): H5Fflush and a rewrite of the XDMF
// (written to a temporary file and renamed), so a run that dies keeps every step written so far,
// and both files are valid between calls. File locking is disabled for the writer so that other
// processes (ParaView, a notebook) can read the file between steps.
#include <cstdint>
#include <string>
#include <vector>

#include "myo/sim/mesh.hpp"

namespace myo::sim {

/// One output field of one step.
struct Field {
  std::string name;       ///< dataset name, e.g. "displacement"; not empty, no '/'
  std::string unit;       ///< SI unit of the values, e.g. "m", "Pa", "-"
  bool on_cells = false;  ///< false: one row per node; true: one row per cell
  RowMatrixXd values;     ///< n_nodes x ncomp (node field) or n_cells x ncomp (cell field)
};

/// Writes the mesh on construction, then steps and history; see the layout above.
class ResultWriter {
 public:
  /// Create (truncate) `h5_path` and write the mesh; the XDMF goes to the same path with the
  /// extension .xdmf. The directory must exist. Throws std::invalid_argument if the mesh is
  /// inconsistent (column counts, node ids out of range, bad set names) and std::runtime_error
  /// if the file cannot be created.
  ResultWriter(const std::string& h5_path, const Mesh& mesh);
  /// Closes the file if close() was not called; never throws.
  ~ResultWriter();
  ResultWriter(const ResultWriter&) = delete;
  ResultWriter& operator=(const ResultWriter&) = delete;

  /// Set (or replace) a string attribute on the root group, e.g. ("scenario", yaml_text).
  void set_attribute(const std::string& key, const std::string& value);

  /// Write step n_steps() at time_s (s) with `fields`, then flush(). Returns the step index.
  /// Throws std::invalid_argument (writing nothing) if a name is empty, contains '/', repeats,
  /// or if a field has the wrong number of rows or no columns.
  int write_step(double time_s, const std::vector<Field>& fields);

  /// Add arrays that are not mesh fields (a depth profile: n x ncomp, any n) to step `step`,
  /// with location "line"; the XDMF does not list them. Throws std::invalid_argument for a bad
  /// name, a repeated name or a step that was not written.
  void write_step_arrays(int step, const std::vector<Field>& arrays);

  /// Replace the /history table: columns[i] (all of the same length) named names[i] with
  /// units[i], in that order; then flush(). Rewriting with the same names reuses the datasets
  /// (chunked and extendable), so calling this after every step does not grow the file.
  void write_history(const std::vector<std::string>& names, const std::vector<std::string>& units,
                     const std::vector<std::vector<double>>& columns);

  /// H5Fflush the file and rewrite the XDMF. After it returns, both files are complete on disk.
  void flush();
  /// Flush and close; further writes throw std::logic_error. Safe to call twice.
  void close();

  int n_steps() const { return static_cast<int>(steps_.size()); }
  const std::string& h5_path() const { return h5_path_; }
  const std::string& xdmf_path() const { return xdmf_path_; }

 private:
  struct FieldInfo {
    std::string name;
    int n_components = 0;
    bool on_cells = false;
  };
  struct StepInfo {
    double time_s = 0.0;
    std::vector<FieldInfo> fields;
  };

  void require_open(const char* what) const;
  void write_xdmf() const;

  std::int64_t file_ = -1;  ///< hid_t of the open file; -1 when closed
  std::string h5_path_;
  std::string xdmf_path_;
  CellType cell_type_ = CellType::hex8;
  int n_nodes_ = 0;
  int n_cells_ = 0;
  std::vector<StepInfo> steps_;
  std::vector<std::string> history_names_;  ///< columns of /history as last written
  std::vector<std::string> history_units_;
};

/// Read a numeric dataset of any integer or float type as doubles: a 2-D dataset as
/// rows x cols, a 1-D dataset as n x 1, a scalar as 1 x 1. Throws std::runtime_error if the file
/// or the dataset does not exist. Works while a ResultWriter has the file open.
RowMatrixXd read_dataset(const std::string& h5_path, const std::string& dataset);

/// A string attribute (variable or fixed length) of the object at `object` ("/" for the root).
/// Throws std::runtime_error if it does not exist or is not a string.
std::string read_string_attribute(const std::string& h5_path, const std::string& object,
                                  const std::string& name);

/// A numeric scalar attribute, e.g. read_double_attribute(path, "/steps/000003", "time_s").
double read_double_attribute(const std::string& h5_path, const std::string& object,
                             const std::string& name);

/// True if every link along `object` (e.g. "/steps/000003/displacement") exists and resolves.
bool h5_object_exists(const std::string& h5_path, const std::string& object);

/// Names of the members of group `group`, in creation order where the group tracks it (all groups
/// written by ResultWriter do), else by name.
std::vector<std::string> h5_list_group(const std::string& h5_path, const std::string& group);

}  // namespace myo::sim
