#include "myo/sim/result_writer.hpp"

#include <hdf5.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <utility>

#ifndef MYO_VERSION
#define MYO_VERSION "unknown"
#endif
#ifndef MYO_BUILD_TYPE
#define MYO_BUILD_TYPE "unknown"
#endif

namespace myo::sim {

static_assert(std::is_same_v<hid_t, std::int64_t>, "ResultWriter stores a hid_t as int64 (HDF5 >= 1.10)");

namespace {

/// Owns one HDF5 identifier and closes it with the matching H5?close.
class Hid {
 public:
  using Closer = herr_t (*)(hid_t);
  Hid(hid_t id, Closer closer, const std::string& what) : id_(id), closer_(closer) {
    if (id_ < 0) throw std::runtime_error("HDF5: " + what + " failed");
  }
  ~Hid() {
    if (id_ >= 0) closer_(id_);
  }
  Hid(Hid&& o) noexcept : id_(std::exchange(o.id_, -1)), closer_(o.closer_) {}
  Hid(const Hid&) = delete;
  Hid& operator=(const Hid&) = delete;
  Hid& operator=(Hid&&) = delete;
  operator hid_t() const { return id_; }

 private:
  hid_t id_;
  Closer closer_;
};

void check(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error("HDF5: " + what + " failed");
}

/// Creation order is tracked so that fields and columns list in the order written.
Hid ordered_gcpl() {
  Hid gcpl(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "H5Pcreate(group)");
  check(H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "H5Pset_link_creation_order");
  return gcpl;
}

Hid create_group(hid_t loc, const std::string& name) {
  Hid gcpl = ordered_gcpl();
  return Hid(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose,
             "creating group " + name);
}

Hid string_type() {
  Hid type(H5Tcopy(H5T_C_S1), H5Tclose, "H5Tcopy");
  check(H5Tset_size(type, H5T_VARIABLE), "H5Tset_size");
  check(H5Tset_cset(type, H5T_CSET_UTF8), "H5Tset_cset");
  return type;
}

void replace_attribute_if_present(hid_t obj, const std::string& name) {
  const htri_t exists = H5Aexists(obj, name.c_str());
  check(exists, "H5Aexists " + name);
  if (exists > 0) check(H5Adelete(obj, name.c_str()), "H5Adelete " + name);
}

void write_string_attribute(hid_t obj, const std::string& name, const std::string& value) {
  replace_attribute_if_present(obj, name);
  Hid type = string_type();
  Hid space(H5Screate(H5S_SCALAR), H5Sclose, "H5Screate");
  Hid attr(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "creating attribute " + name);
  const char* p = value.c_str();
  check(H5Awrite(attr, type, &p), "writing attribute " + name);
}

void write_string_array_attribute(hid_t obj, const std::string& name,
                                  const std::vector<std::string>& values) {
  replace_attribute_if_present(obj, name);
  Hid type = string_type();
  const hsize_t n = values.size();
  Hid space(H5Screate_simple(1, &n, nullptr), H5Sclose, "H5Screate_simple");
  Hid attr(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
           "creating attribute " + name);
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  if (n > 0) check(H5Awrite(attr, type, ptrs.data()), "writing attribute " + name);
}

void write_double_attribute(hid_t obj, const std::string& name, double value) {
  replace_attribute_if_present(obj, name);
  Hid space(H5Screate(H5S_SCALAR), H5Sclose, "H5Screate");
  Hid attr(H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT),
           H5Aclose, "creating attribute " + name);
  check(H5Awrite(attr, H5T_NATIVE_DOUBLE, &value), "writing attribute " + name);
}

/// A contiguous dataset of rank 1 (cols == 0) or 2, written from row-major `data`.
template <class T>
Hid write_array(hid_t loc, const std::string& name, const T* data, hsize_t rows, hsize_t cols) {
  static_assert(std::is_same_v<T, double> || std::is_same_v<T, std::int64_t>);
  const hid_t file_type = std::is_same_v<T, double> ? H5T_IEEE_F64LE : H5T_STD_I64LE;
  const hid_t mem_type = std::is_same_v<T, double> ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT64;
  const hsize_t dims[2] = {rows, cols};
  Hid space(H5Screate_simple(cols == 0 ? 1 : 2, dims, nullptr), H5Sclose, "H5Screate_simple");
  Hid dset(H5Dcreate2(loc, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
           H5Dclose, "creating dataset " + name);
  // H5Dwrite refuses a null buffer even for zero elements; an empty set has nothing to write.
  if (rows * (cols == 0 ? 1 : cols) > 0)
    check(H5Dwrite(dset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "writing dataset " + name);
  return dset;
}

void write_index_list(hid_t loc, const std::string& name, const std::vector<int>& ids) {
  const std::vector<std::int64_t> v(ids.begin(), ids.end());
  write_array(loc, name, v.data(), v.size(), 0);
}

void check_name(const std::string& name, const std::string& what) {
  if (name.empty() || name == "." || name.find('/') != std::string::npos)
    throw std::invalid_argument("ResultWriter: " + what + " name \"" + name +
                                "\" must be non-empty and contain no '/'");
}

std::string step_name(int k) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06d", k);
  return buf;
}

std::string shortest(double v) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  return std::string(buf, ptr);
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

const char* xdmf_attribute_type(int n_components) {
  switch (n_components) {
    case 1: return "Scalar";
    case 3: return "Vector";
    case 6: return "Tensor6";
    case 9: return "Tensor";
    default: return "Matrix";
  }
}

Hid fapl_without_locking() {
  Hid fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "H5Pcreate(file access)");
  // Without this, HDF5 1.10 holds an exclusive lock while the writer is open, and a viewer
  // started during a long run fails with "unable to lock file".
  check(H5Pset_file_locking(fapl, false, true), "H5Pset_file_locking");
  return fapl;
}

Hid open_for_reading(const std::string& h5_path, const char* who) {
  if (!std::filesystem::exists(h5_path))
    throw std::runtime_error(std::string(who) + ": no file " + h5_path);
  Hid fapl = fapl_without_locking();
  return Hid(H5Fopen(h5_path.c_str(), H5F_ACC_RDONLY, fapl), H5Fclose, "opening " + h5_path);
}

/// True if every link along `path` exists and the last one resolves to an object.
bool path_exists(hid_t file, const std::string& path) {
  if (path.empty() || path == "/") return true;
  std::string prefix;
  std::stringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part.empty()) continue;
    prefix += "/" + part;
    if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
  }
  return H5Oexists_by_name(file, prefix.c_str(), H5P_DEFAULT) > 0;
}

void require_path(hid_t file, const std::string& h5_path, const std::string& path,
                  const char* who) {
  if (!path_exists(file, path))
    throw std::runtime_error(std::string(who) + ": " + h5_path + " has no " + path);
}

std::vector<std::string> link_names(hid_t group) {
  Hid gcpl(H5Gget_create_plist(group), H5Pclose, "H5Gget_create_plist");
  unsigned flags = 0;
  check(H5Pget_link_creation_order(gcpl, &flags), "H5Pget_link_creation_order");
  const H5_index_t index =
      (flags & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  };
  hsize_t idx = 0;
  check(H5Literate(group, index, H5_ITER_INC, &idx, collect, &names), "H5Literate");
  return names;
}

}  // namespace

ResultWriter::ResultWriter(const std::string& h5_path, const Mesh& mesh)
    : h5_path_(h5_path), cell_type_(mesh.cell_type), n_nodes_(mesh.n_nodes()),
      n_cells_(mesh.n_cells()) {
  // Check everything before the file is touched, so a bad mesh leaves no half-written file.
  if (mesh.X.cols() != mesh.dim())
    throw std::invalid_argument("ResultWriter: mesh.X has " + std::to_string(mesh.X.cols()) +
                                " columns; expected " + std::to_string(mesh.dim()));
  if (mesh.cells.cols() != mesh.nodes_per_cell())
    throw std::invalid_argument("ResultWriter: mesh.cells has " +
                                std::to_string(mesh.cells.cols()) + " columns; expected " +
                                std::to_string(mesh.nodes_per_cell()));
  if (mesh.cells.size() > 0 && (mesh.cells.minCoeff() < 0 || mesh.cells.maxCoeff() >= n_nodes_))
    throw std::invalid_argument("ResultWriter: mesh.cells has node ids outside [0, " +
                                std::to_string(n_nodes_) + ")");
  for (const auto& [name, ids] : mesh.regions) check_name(name, "region");
  for (const auto& [name, ids] : mesh.node_sets) check_name(name, "node set");
  for (const auto& [name, faces] : mesh.face_sets) check_name(name, "face set");

  std::filesystem::path xdmf(h5_path);
  xdmf.replace_extension(".xdmf");
  xdmf_path_ = xdmf.string();

  {
    Hid fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "H5Pcreate(file create)");
    check(H5Pset_link_creation_order(fcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "H5Pset_link_creation_order");
    Hid fapl = fapl_without_locking();
    // The default (earliest) format has no "file open for writing" flag in the superblock, so a
    // file left by a crashed run opens without h5clear.
    file_ = H5Fcreate(h5_path.c_str(), H5F_ACC_TRUNC, fcpl, fapl);
    if (file_ < 0) throw std::runtime_error("ResultWriter: cannot create " + h5_path);
  }
  try {
    write_string_attribute(file_, "format", "myorelease-result");
    write_string_attribute(file_, "format_version", "1");
    write_string_attribute(file_, "version", MYO_VERSION);
    write_string_attribute(file_, "build_type", MYO_BUILD_TYPE);

    Hid g_mesh = create_group(file_, "mesh");
    RowMatrixXd xyz = RowMatrixXd::Zero(n_nodes_, 3);
    xyz.leftCols(mesh.dim()) = mesh.X;
    {
      Hid d = write_array(g_mesh, "coordinates", xyz.data(), n_nodes_, 3);
      write_string_attribute(d, "unit", "m");
    }
    {
      const Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> topo =
          mesh.cells.cast<std::int64_t>();
      Hid d = write_array(g_mesh, "topology", topo.data(), n_cells_, mesh.nodes_per_cell());
      write_string_attribute(d, "cell_type", mesh.axisymmetric() ? "quad4_axisymmetric" : "hex8");
    }
    {
      Hid g = create_group(g_mesh, "regions");
      for (const auto& [name, ids] : mesh.regions) write_index_list(g, name, ids);
    }
    {
      Hid g = create_group(g_mesh, "node_sets");
      for (const auto& [name, ids] : mesh.node_sets) write_index_list(g, name, ids);
    }
    {
      Hid g = create_group(g_mesh, "face_sets");
      for (const auto& [name, faces] : mesh.face_sets) {
        std::vector<std::int64_t> v;
        v.reserve(2 * faces.size());
        for (const Face& f : faces) {
          v.push_back(f.cell);
          v.push_back(f.local_face);
        }
        write_array(g, name, v.data(), faces.size(), 2);
      }
    }
    create_group(file_, "steps");
    create_group(file_, "history");
    flush();
  } catch (...) {
    H5Fclose(file_);
    file_ = -1;
    throw;
  }
}

ResultWriter::~ResultWriter() {
  try {
    close();
  } catch (...) {
    // A destructor must not throw; every step written so far was already flushed.
  }
}

void ResultWriter::require_open(const char* what) const {
  if (file_ < 0) throw std::logic_error(std::string("ResultWriter::") + what + ": file is closed");
}

void ResultWriter::set_attribute(const std::string& key, const std::string& value) {
  require_open("set_attribute");
  if (key.empty()) throw std::invalid_argument("ResultWriter::set_attribute: empty key");
  write_string_attribute(file_, key, value);
  flush();
}

int ResultWriter::write_step(double time_s, const std::vector<Field>& fields) {
  require_open("write_step");
  std::set<std::string> names;
  for (const Field& f : fields) {
    check_name(f.name, "field");
    if (!names.insert(f.name).second)
      throw std::invalid_argument("ResultWriter::write_step: field \"" + f.name +
                                  "\" appears twice");
    const int rows = f.on_cells ? n_cells_ : n_nodes_;
    if (f.values.rows() != rows || f.values.cols() == 0)
      throw std::invalid_argument(
          "ResultWriter::write_step: field \"" + f.name + "\" is " +
          std::to_string(f.values.rows()) + " x " + std::to_string(f.values.cols()) +
          "; expected " + std::to_string(rows) + (f.on_cells ? " (cells)" : " (nodes)") +
          " x ncomp");
  }

  const int k = n_steps();
  StepInfo info{time_s, {}};
  {
    Hid steps(H5Gopen2(file_, "steps", H5P_DEFAULT), H5Gclose, "opening /steps");
    Hid g = create_group(steps, step_name(k));
    write_double_attribute(g, "time_s", time_s);
    for (const Field& f : fields) {
      // (r, z) vectors become (r, z, 0), like the coordinates, so ParaView can warp by them.
      const bool pad = cell_type_ == CellType::quad4_axisymmetric && !f.on_cells &&
                       f.values.cols() == 2;
      RowMatrixXd padded;
      const RowMatrixXd* v = &f.values;
      if (pad) {
        padded = RowMatrixXd::Zero(f.values.rows(), 3);
        padded.leftCols(2) = f.values;
        v = &padded;
      }
      Hid d = write_array(g, f.name, v->data(), v->rows(), v->cols());
      write_string_attribute(d, "unit", f.unit);
      write_string_attribute(d, "location", f.on_cells ? "cell" : "node");
      info.fields.push_back({f.name, static_cast<int>(v->cols()), f.on_cells});
    }
  }
  steps_.push_back(std::move(info));
  flush();
  return k;
}

void ResultWriter::write_step_arrays(int step, const std::vector<Field>& arrays) {
  require_open("write_step_arrays");
  if (step < 0 || step >= n_steps())
    throw std::invalid_argument("ResultWriter::write_step_arrays: step " + std::to_string(step) + " was not written");
  Hid steps(H5Gopen2(file_, "steps", H5P_DEFAULT), H5Gclose, "opening /steps");
  Hid g(H5Gopen2(steps, step_name(step).c_str(), H5P_DEFAULT), H5Gclose, "opening step " + step_name(step));
  const std::vector<std::string> existing = link_names(g);
  for (const Field& a : arrays) {
    check_name(a.name, "array");
    if (std::find(existing.begin(), existing.end(), a.name) != existing.end())
      throw std::invalid_argument("ResultWriter::write_step_arrays: \"" + a.name + "\" is already in step " +
                                  std::to_string(step));
    Hid d = write_array(g, a.name, a.values.data(), a.values.rows(), a.values.cols());
    write_string_attribute(d, "unit", a.unit);
    write_string_attribute(d, "location", "line");
  }
  flush();
}

void ResultWriter::write_history(const std::vector<std::string>& names,
                                 const std::vector<std::string>& units,
                                 const std::vector<std::vector<double>>& columns) {
  require_open("write_history");
  if (units.size() != names.size() || columns.size() != names.size())
    throw std::invalid_argument("ResultWriter::write_history: " + std::to_string(names.size()) +
                                " names, " + std::to_string(units.size()) + " units and " +
                                std::to_string(columns.size()) + " columns");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    check_name(names[i], "history column");
    if (!seen.insert(names[i]).second)
      throw std::invalid_argument("ResultWriter::write_history: column \"" + names[i] +
                                  "\" appears twice");
    if (columns[i].size() != columns[0].size())
      throw std::invalid_argument("ResultWriter::write_history: column \"" + names[i] + "\" has " +
                                  std::to_string(columns[i].size()) + " rows; \"" + names[0] +
                                  "\" has " + std::to_string(columns[0].size()));
  }

  Hid g(H5Gopen2(file_, "history", H5P_DEFAULT), H5Gclose, "opening /history");
  // Same columns in the same order: extend the datasets in place. Otherwise start over (HDF5 does
  // not reclaim the space of deleted datasets, so this is kept for changes of the column set).
  const std::vector<std::string> existing = link_names(g);
  // Attributes are rewritten only when the table changes: each rewrite of a variable-length
  // string leaves its old copy in the file's global heap.
  const bool same_columns =
      existing == names && names == history_names_ && units == history_units_;
  if (!same_columns) {
    for (const auto& n : existing) check(H5Ldelete(g, n.c_str(), H5P_DEFAULT), "H5Ldelete " + n);
    history_names_.clear();
    history_units_.clear();
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    const hsize_t n = columns[i].size();
    hid_t dset_id;
    if (same_columns) {
      dset_id = H5Dopen2(g, names[i].c_str(), H5P_DEFAULT);
    } else {
      const hsize_t dims = 0, max_dims = H5S_UNLIMITED, chunk = 256;
      Hid space(H5Screate_simple(1, &dims, &max_dims), H5Sclose, "H5Screate_simple");
      Hid dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "H5Pcreate(dataset create)");
      check(H5Pset_chunk(dcpl, 1, &chunk), "H5Pset_chunk");
      dset_id = H5Dcreate2(g, names[i].c_str(), H5T_IEEE_F64LE, space, H5P_DEFAULT, dcpl,
                           H5P_DEFAULT);
    }
    Hid d(dset_id, H5Dclose, "history column " + names[i]);
    check(H5Dset_extent(d, &n), "H5Dset_extent " + names[i]);
    if (n > 0)
      check(H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, columns[i].data()),
            "writing history column " + names[i]);
    if (!same_columns) write_string_attribute(d, "unit", units[i]);
  }
  if (!same_columns) {
    write_string_array_attribute(g, "columns", names);
    history_names_ = names;
    history_units_ = units;
  }
  flush();
}

void ResultWriter::flush() {
  require_open("flush");
  check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "H5Fflush " + h5_path_);
  write_xdmf();
}

void ResultWriter::close() {
  if (file_ < 0) return;
  try {
    flush();
  } catch (...) {
    H5Fclose(file_);
    file_ = -1;
    throw;
  }
  const herr_t status = H5Fclose(file_);
  file_ = -1;
  check(status, "H5Fclose " + h5_path_);
}

void ResultWriter::write_xdmf() const {
  const std::string h5 = xml_escape(std::filesystem::path(h5_path_).filename().string());
  const bool axi = cell_type_ == CellType::quad4_axisymmetric;
  const int npc = axi ? 4 : 8;
  const std::string nn = std::to_string(n_nodes_);
  const std::string nc = std::to_string(n_cells_);

  std::ostringstream x;
  const auto mesh_items = [&](const std::string& indent) {
    x << indent << "<Topology TopologyType=\"" << (axi ? "Quadrilateral" : "Hexahedron")
      << "\" NumberOfElements=\"" << nc << "\" NodesPerElement=\"" << npc << "\">\n"
      << indent << "  <DataItem Format=\"HDF\" Dimensions=\"" << nc << " " << npc
      << "\" NumberType=\"Int\" Precision=\"8\">" << h5 << ":/mesh/topology</DataItem>\n"
      << indent << "</Topology>\n"
      << indent << "<Geometry GeometryType=\"XYZ\">\n"
      << indent << "  <DataItem Format=\"HDF\" Dimensions=\"" << nn
      << " 3\" NumberType=\"Float\" Precision=\"8\">" << h5 << ":/mesh/coordinates</DataItem>\n"
      << indent << "</Geometry>\n";
  };

  x << "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    << "<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n"
    << "<Xdmf Version=\"3.0\">\n"
    << "  <Domain>\n";
  if (steps_.empty()) {
    // A temporal collection without members confuses readers; show the mesh alone until then.
    x << "    <Grid Name=\"mesh\" GridType=\"Uniform\">\n";
    mesh_items("      ");
    x << "    </Grid>\n";
  } else {
    x << "    <Grid Name=\"steps\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
    for (std::size_t k = 0; k < steps_.size(); ++k) {
      const StepInfo& s = steps_[k];
      const std::string step = step_name(static_cast<int>(k));
      x << "      <Grid Name=\"step_" << step << "\" GridType=\"Uniform\">\n"
        << "        <Time Value=\"" << shortest(s.time_s) << "\"/>\n";
      mesh_items("        ");
      for (const FieldInfo& f : s.fields) {
        x << "        <Attribute Name=\"" << xml_escape(f.name) << "\" AttributeType=\""
          << xdmf_attribute_type(f.n_components) << "\" Center=\""
          << (f.on_cells ? "Cell" : "Node") << "\">\n"
          << "          <DataItem Format=\"HDF\" Dimensions=\"" << (f.on_cells ? nc : nn) << " "
          << f.n_components << "\" NumberType=\"Float\" Precision=\"8\">" << h5 << ":/steps/"
          << step << "/" << xml_escape(f.name) << "</DataItem>\n"
          << "        </Attribute>\n";
      }
      x << "      </Grid>\n";
    }
    x << "    </Grid>\n";
  }
  x << "  </Domain>\n"
    << "</Xdmf>\n";

  // Written beside and renamed, so a reader (or a crash) never sees half a file.
  const std::string tmp = xdmf_path_ + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << x.str();
    f.flush();
    if (!f) throw std::runtime_error("ResultWriter: cannot write " + tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, xdmf_path_, ec);
  if (ec)
    throw std::runtime_error("ResultWriter: cannot rename " + tmp + " to " + xdmf_path_ + ": " +
                             ec.message());
}

RowMatrixXd read_dataset(const std::string& h5_path, const std::string& dataset) {
  Hid file = open_for_reading(h5_path, "read_dataset");
  require_path(file, h5_path, dataset, "read_dataset");
  Hid d(H5Dopen2(file, dataset.c_str(), H5P_DEFAULT), H5Dclose, "opening " + dataset);
  Hid type(H5Dget_type(d), H5Tclose, "H5Dget_type");
  const H5T_class_t cls = H5Tget_class(type);
  if (cls != H5T_INTEGER && cls != H5T_FLOAT)
    throw std::runtime_error("read_dataset: " + dataset + " in " + h5_path + " is not numeric");
  Hid space(H5Dget_space(d), H5Sclose, "H5Dget_space");
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0 || rank > 2)
    throw std::runtime_error("read_dataset: " + dataset + " has rank " + std::to_string(rank) +
                             "; expected 0, 1 or 2");
  hsize_t dims[2] = {1, 1};
  if (rank > 0) H5Sget_simple_extent_dims(space, dims, nullptr);
  RowMatrixXd m(static_cast<Eigen::Index>(dims[0]),
                static_cast<Eigen::Index>(rank == 2 ? dims[1] : 1));
  if (m.size() > 0)
    check(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, m.data()),
          "reading " + dataset);
  return m;
}

std::string read_string_attribute(const std::string& h5_path, const std::string& object,
                                   const std::string& name) {
  Hid file = open_for_reading(h5_path, "read_string_attribute");
  require_path(file, h5_path, object, "read_string_attribute");
  if (H5Aexists_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT) <= 0)
    throw std::runtime_error("read_string_attribute: " + object + " in " + h5_path +
                             " has no attribute " + name);
  Hid attr(H5Aopen_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
           H5Aclose, "opening attribute " + name);
  Hid type(H5Aget_type(attr), H5Tclose, "H5Aget_type");
  if (H5Tget_class(type) != H5T_STRING)
    throw std::runtime_error("read_string_attribute: " + object + "@" + name + " is not a string");
  Hid space(H5Aget_space(attr), H5Sclose, "H5Aget_space");
  if (H5Sget_simple_extent_npoints(space) != 1)
    throw std::runtime_error("read_string_attribute: " + object + "@" + name +
                             " is not a single string");
  if (H5Tis_variable_str(type) > 0) {
    Hid mem = string_type();
    char* p = nullptr;
    check(H5Aread(attr, mem, &p), "reading attribute " + name);
    std::string s = p ? p : "";
    H5free_memory(p);
    return s;
  }
  const std::size_t size = H5Tget_size(type);
  std::string s(size, '\0');
  Hid mem(H5Tcopy(type), H5Tclose, "H5Tcopy");
  check(H5Aread(attr, mem, s.data()), "reading attribute " + name);
  s.resize(s.find('\0') == std::string::npos ? size : s.find('\0'));
  return s;
}

double read_double_attribute(const std::string& h5_path, const std::string& object,
                             const std::string& name) {
  Hid file = open_for_reading(h5_path, "read_double_attribute");
  require_path(file, h5_path, object, "read_double_attribute");
  if (H5Aexists_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT) <= 0)
    throw std::runtime_error("read_double_attribute: " + object + " in " + h5_path +
                             " has no attribute " + name);
  Hid attr(H5Aopen_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
           H5Aclose, "opening attribute " + name);
  Hid type(H5Aget_type(attr), H5Tclose, "H5Aget_type");
  const H5T_class_t cls = H5Tget_class(type);
  Hid space(H5Aget_space(attr), H5Sclose, "H5Aget_space");
  if ((cls != H5T_INTEGER && cls != H5T_FLOAT) || H5Sget_simple_extent_npoints(space) != 1)
    throw std::runtime_error("read_double_attribute: " + object + "@" + name +
                             " is not a numeric scalar");
  double v = 0.0;
  check(H5Aread(attr, H5T_NATIVE_DOUBLE, &v), "reading attribute " + name);
  return v;
}

bool h5_object_exists(const std::string& h5_path, const std::string& object) {
  Hid file = open_for_reading(h5_path, "h5_object_exists");
  return path_exists(file, object);
}

std::vector<std::string> h5_list_group(const std::string& h5_path, const std::string& group) {
  Hid file = open_for_reading(h5_path, "h5_list_group");
  require_path(file, h5_path, group, "h5_list_group");
  Hid g(H5Gopen2(file, group.c_str(), H5P_DEFAULT), H5Gclose, "opening group " + group);
  return link_names(g);
}

}  // namespace myo::sim
