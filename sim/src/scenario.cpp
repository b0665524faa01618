#include "myo/sim/scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "myo/sim/gmsh_reader.hpp"
#include "myo/sim/input_text.hpp"
#include "myo/sim/memory_estimate.hpp"
#include "myo/sim/units.hpp"

namespace myo::sim {
namespace {

std::string show(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "(nothing)";
  if (n.IsScalar()) return quote_input(n.Scalar());
  YAML::Emitter e;
  e << YAML::Flow << n;
  const std::string flow = quote_input(e.c_str(), 80);
  return flow.substr(1, flow.rfind('"') - 1) + flow.substr(flow.rfind('"') + 1);  // unquoted
}

/// A mapping key as it appears in a key path: as written when it is a plain name, else quoted
/// (and shortened), so that a message stays one readable line.
std::string key_text(const std::string& key) {
  return is_identifier(key, 60) || key.empty() ? key : quote_input(key, 40);
}

/// A YAML node with its key path. Reading a key marks it as known; check_known() then reports
/// any key that no reader asked for. Defaults are written back so the resolved scenario is whole.
class Reader {
 public:
  Reader(YAML::Node node, std::string path) : node_(node), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  YAML::Node node() const { return node_; }
  std::string key_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  bool has(const std::string& key) {
    known_.insert(key);
    return node_.IsMap() && node_[key].IsDefined() && !node_[key].IsNull();
  }
  Reader child(const std::string& key) {
    known_.insert(key);
    if (!has(key)) fail(key_path(key), "is missing");
    return Reader(node_[key], key_path(key));
  }
  Reader item(size_t i) const { return Reader(node_[i], path_ + "[" + std::to_string(i) + "]"); }
  size_t size() const { return node_.size(); }

  [[noreturn]] static void fail(const std::string& path, const std::string& what) {
    throw ScenarioError(path + ": " + what);
  }
  void expect_map() const {
    if (!node_.IsMap()) fail(path_, show(node_) + " should be a mapping of keys");
  }
  void expect_list() const {
    if (!node_.IsSequence()) fail(path_, show(node_) + " should be a list");
  }

  std::string text(const std::string& key, const std::string& fallback = "\x01") {
    if (!has(key)) {
      if (fallback == "\x01") fail(key_path(key), "is missing");
      node_[key] = fallback;
      return fallback;
    }
    if (!node_[key].IsScalar()) fail(key_path(key), show(node_[key]) + " should be a single value");
    return node_[key].Scalar();
  }
  std::string choice(const std::string& key, const std::vector<std::string>& options,
                     const std::string& fallback) {
    const std::string v = text(key, fallback);
    for (const auto& o : options)
      if (o == v) return v;
    std::string list;
    for (const auto& o : options) list += (list.empty() ? "" : ", ") + ("\"" + o + "\"");
    fail(key_path(key), "\"" + v + "\" is not one of " + list);
  }
  double quantity(const std::string& key, const std::string& unit, double fallback, double min,
                  double max, bool unit_required = false, bool min_exclusive = false) {
    double v;
    if (!has(key)) {
      if (fallback != fallback) fail(key_path(key), "is missing; expected a value in " + unit);
      node_[key] = format_quantity(fallback, unit);
      v = fallback;
    } else {
      if (!node_[key].IsScalar()) fail(key_path(key), show(node_[key]) + " should be a quantity");
      v = parse_quantity(node_[key].Scalar(), unit, unit_required, key_path(key));
    }
    check_range(key_path(key), v, unit, min, max, min_exclusive);
    return v;
  }
  int integer(const std::string& key, int fallback, int min, int max = 1 << 30) {
    if (!has(key)) {
      node_[key] = fallback;
      return fallback;
    }
    int v;
    try {
      v = node_[key].as<int>();
    } catch (const YAML::Exception&) {
      fail(key_path(key), show(node_[key]) + " should be a whole number");
    }
    if (v < min || v > max)
      fail(key_path(key), std::to_string(v) + " is out of range; expected " + std::to_string(min) +
                              " to " + std::to_string(max));
    return v;
  }
  bool flag(const std::string& key, bool fallback) {
    if (!has(key)) {
      node_[key] = fallback;
      return fallback;
    }
    try {
      return node_[key].as<bool>();
    } catch (const YAML::Exception&) {
      fail(key_path(key), show(node_[key]) + " should be true or false");
    }
  }
  Vec3 vector3(const std::string& key, const Vec3& fallback) {
    if (!has(key)) {
      node_[key] = std::vector<double>{fallback(0), fallback(1), fallback(2)};
      return fallback;
    }
    const YAML::Node n = node_[key];
    if (!n.IsSequence() || n.size() != 3) fail(key_path(key), show(n) + " should be a list of 3 numbers");
    Vec3 v;
    for (int i = 0; i < 3; ++i) v(i) = parse_quantity(n[i].Scalar(), "-", false, key_path(key));
    if (v.norm() == 0.0) fail(key_path(key), show(n) + " is the zero vector; expected a direction");
    return v.normalized();
  }
  static void check_range(const std::string& path, double v, const std::string& unit, double min,
                          double max, bool min_exclusive) {
    const bool low = min_exclusive ? !(v > min) : !(v >= min);
    if (low || !(v <= max)) {
      std::string range = (min_exclusive ? "> " : ">= ") + format_quantity(min, unit);
      if (std::isfinite(max)) range += " and <= " + format_quantity(max, unit);
      fail(path, format_quantity(v, unit) + " is out of range; expected " + range);
    }
  }
  void check_known() const {
    if (!node_.IsMap()) return;
    for (const auto& kv : node_) {
      const std::string k = kv.first.Scalar();
      if (known_.count(k)) continue;
      std::string list;
      for (const auto& s : known_) list += (list.empty() ? "" : ", ") + s;
      fail(key_path(key_text(k)), "unknown key; expected one of: " + list);
    }
  }
  /// Mark keys as known without reading them (handled by another parser).
  void allow(const std::string& key) { known_.insert(key); }

 private:
  YAML::Node node_;
  std::string path_;
  std::set<std::string> known_;
};

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// `preset: NAME` in a material or device mapping: the preset's model, and its values under every
/// key the mapping does not give (the scenario's keys win), are written into the mapping, so that
/// the rest of the parser and the resolved scenario see an ordinary model with its values.
void apply_preset(Reader& r, const std::string& kind, const Registry& registry) {
  if (!r.has("preset")) return;
  const std::string name = r.text("preset");
  const Preset* p = nullptr;
  try {
    p = &registry.preset(kind, name);
  } catch (const std::invalid_argument& e) {
    Reader::fail(r.key_path("preset"), e.what());
  }
  YAML::Node node = r.node();
  if (node["model"].IsDefined() && !(node["model"].IsScalar() && node["model"].Scalar() == p->model))
    Reader::fail(r.key_path("model"), show(node["model"]) + " is not the model of preset \"" + name +
                                          "\" (\"" + p->model + "\")");
  node["model"] = p->model;
  for (const auto& [key, value] : p->params)
    if (!node[key].IsDefined()) node[key] = format_quantity(value, p->units.count(key) ? p->units.at(key) : "-");
}

std::vector<LayerSpec> parse_layers(Reader& mesh) {
  Reader layers = mesh.child("layers");
  layers.expect_list();
  if (layers.size() == 0) Reader::fail(layers.path(), "needs at least one layer");
  std::vector<LayerSpec> out;
  for (size_t i = 0; i < layers.size(); ++i) {
    Reader l = layers.item(i);
    l.expect_map();
    LayerSpec s;
    s.name = l.text("name");
    s.thickness_m = l.quantity("thickness", "m", kNaN, 0.0, kInf, true, true);
    s.cells = l.integer("cells", 1, 1);
    s.grading = l.quantity("grading", "-", 1.0, 0.0, kInf, false, true);
    l.check_known();
    out.push_back(s);
  }
  return out;
}

/// Cells through the thickness of a layered mesh.
std::int64_t layer_cells(const std::vector<LayerSpec>& layers) {
  std::int64_t n = 0;
  for (const LayerSpec& l : layers) n += l.cells;
  return n;
}

/// `mesh: {file: anatomy.msh, unit: mm}`: a Gmsh file, relative to the scenario's directory.
void parse_mesh_file(Reader& mesh, const std::string& base_dir, ScenarioSpec& spec) {
  const std::string file = mesh.text("file");
  const std::string unit = mesh.choice("unit", {"m", "cm", "mm"}, "m");
  const double scale = unit == "m" ? 1.0 : unit == "cm" ? 1e-2 : 1e-3;
  const std::string path = (std::filesystem::path(base_dir.empty() ? "." : base_dir) / file).string();
  try {
    spec.given_mesh = std::make_shared<const Mesh>(read_gmsh(path, scale));
  } catch (const std::invalid_argument& e) {
    Reader::fail(mesh.key_path("file"), e.what());
  }
  check_mesh_fits({spec.given_mesh->n_nodes(), spec.given_mesh->n_cells(), spec.given_mesh->dim()}, mesh.key_path("file"));
  spec.mesh_generator = "file";
}

/// The keys of `r` that are parameters of `ms`, with their units; every other key is an error.
/// Returns the values resolved against the spec (defaults filled, ranges checked; errors name the
/// key path) and writes the defaults back into the document for scenario.resolved.yaml.
ParamValues parse_model_params(Reader& r, const ModelSpec& ms) {
  ParamValues given;
  for (const auto& p : r.node())
    if (const ParamSpec* ps = ms.find(p.first.Scalar()))
      given[ps->name] = r.quantity(ps->name, ps->unit, kNaN, -kInf, kInf, ps->unit_required);
  for (const auto& ps : ms.params) r.allow(ps.name);
  r.check_known();
  ParamValues values;
  try {
    values = ms.resolve(given, r.path());
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  }
  for (const auto& ps : ms.params)
    if (!given.count(ps.name)) r.quantity(ps.name, ps.unit, values.at(ps.name), -kInf, kInf);
  return values;
}

/// `mesh: {generator: hip_region, ...}`: an anatomy of the registry, built now so that its regions
/// are known to the materials.
void parse_anatomy(Reader& mesh, const std::string& name, const Registry& registry, ScenarioSpec& spec) {
  const ParamValues values = parse_model_params(mesh, registry.anatomy_spec(name));
  try {
    spec.given_mesh = std::make_shared<const Mesh>(registry.make_anatomy(name, values, mesh.path()));
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  }
}

void parse_mesh(Reader mesh, const Registry& registry, const std::string& base_dir, ScenarioSpec& spec) {
  mesh.expect_map();
  if (mesh.has("file")) {
    parse_mesh_file(mesh, base_dir, spec);
    mesh.check_known();
    return;
  }
  std::vector<std::string> generators = {"layered_box", "layered_cylinder"};
  for (const ModelSpec& ms : registry.specs())
    if (ms.kind == "anatomy") generators.push_back(ms.name);
  spec.mesh_generator = mesh.choice("generator", generators, "layered_box");
  if (spec.mesh_generator == "layered_box") {
    LayeredBoxSpec& b = spec.box;
    b.size_x_m = mesh.quantity("size_x", "m", kNaN, 0.0, kInf, true, true);
    b.size_y_m = mesh.quantity("size_y", "m", kNaN, 0.0, kInf, true, true);
    b.cells_x = mesh.integer("cells_x", 8, 1);
    b.cells_y = mesh.integer("cells_y", 8, 1);
    b.lateral_grading = mesh.quantity("lateral_grading", "-", 1.0, 0.0, kInf, false, true);
    b.quarter = mesh.flag("quarter", false);
    b.layers = parse_layers(mesh);
    const std::int64_t nz = layer_cells(b.layers);
    check_mesh_fits({(b.cells_x + 1LL) * (b.cells_y + 1LL) * (nz + 1), std::int64_t{b.cells_x} * b.cells_y * nz, 3},
                    mesh.path() + ".cells_x, cells_y and layers[].cells");
  } else if (spec.mesh_generator == "layered_cylinder") {
    LayeredCylinderSpec& c = spec.cylinder;
    c.radius_m = mesh.quantity("radius", "m", kNaN, 0.0, kInf, true, true);
    c.cells_r = mesh.integer("cells_r", 8, 1);
    c.radial_grading = mesh.quantity("radial_grading", "-", 1.0, 0.0, kInf, false, true);
    c.layers = parse_layers(mesh);
    const std::int64_t nz = layer_cells(c.layers);
    check_mesh_fits({(c.cells_r + 1LL) * (nz + 1), std::int64_t{c.cells_r} * nz, 2},
                    mesh.path() + ".cells_r and layers[].cells");
  } else {
    parse_anatomy(mesh, spec.mesh_generator, registry, spec);
  }
  mesh.check_known();
}

/// Names of the mesh regions that take materials.
std::set<std::string> region_names(const ScenarioSpec& spec) {
  std::set<std::string> names;
  if (spec.given_mesh) {
    for (const auto& [name, cells] : spec.given_mesh->regions) names.insert(name);
    return names;
  }
  for (const auto& l : spec.mesh_generator == "layered_box" ? spec.box.layers : spec.cylinder.layers)
    names.insert(l.name);
  return names;
}

/// `fibre: [x, y, z]` (a uniform direction) or `fibre: {curve: [[x, y, z], ...], blend: 2 mm}`
/// (a polyline in the reference configuration; points (r, z) on axisymmetric meshes).
FibreField parse_fibre(Reader& m, bool axi) {
  if (!m.has("fibre") || !m.node()["fibre"].IsMap()) return m.vector3("fibre", Vec3::UnitX());
  Reader f = m.child("fibre");
  Reader list = f.child("curve");
  list.expect_list();
  const size_t dims = axi ? 2 : 3;
  std::vector<Vec3> points;
  for (size_t i = 0; i < list.size(); ++i) {
    const Reader p = list.item(i);
    if (!p.node().IsSequence() || p.size() != dims)
      Reader::fail(p.path(), show(p.node()) + " should be a point of " + std::to_string(dims) +
                                 (axi ? " lengths (r, z)" : " lengths (x, y, z)"));
    Vec3 X = Vec3::Zero();
    for (size_t k = 0; k < dims; ++k) X(k) = parse_quantity(p.node()[k].Scalar(), "m", true, p.path());
    points.push_back(X);
  }
  const double blend = f.quantity("blend", "m", 0.0, 0.0, kInf, true);
  f.check_known();
  try {
    return FibreField::curve(points, blend);
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(m.path() + "." + e.what());
  }
}

void parse_materials(Reader mats, const Registry& registry, ScenarioSpec& spec) {
  mats.expect_map();
  const std::set<std::string> regions = region_names(spec);
  for (const auto& kv : mats.node()) {
    const std::string region = kv.first.Scalar();
    mats.allow(region);
    if (!regions.count(region)) {
      std::string list;
      for (const auto& r : regions) list += (list.empty() ? "" : ", ") + r;
      Reader::fail(mats.key_path(region), "no mesh region of that name; regions: " + list);
    }
    Reader m = mats.child(region);
    m.expect_map();
    apply_preset(m, "material", registry);
    MaterialAssignment a;
    a.region = region;
    a.model = m.text("model");
    if (!registry.has_material(a.model)) {
      std::string list;
      for (const auto& s : registry.specs())
        if (s.kind == "material") list += (list.empty() ? "" : ", ") + s.name;
      Reader::fail(m.key_path("model"), "\"" + a.model + "\" is not a registered material; known: " + list);
    }
    const std::string vol = m.choice("volumetric", {"quadratic", "logarithmic", "simo_taylor"}, "quadratic");
    a.volumetric = vol == "quadratic" ? VolumetricForm::quadratic
                   : vol == "logarithmic" ? VolumetricForm::logarithmic
                                          : VolumetricForm::simo_taylor;
    a.fibre = parse_fibre(m, spec.mesh_generator == "layered_cylinder");
    const ModelSpec& ms = registry.material_spec(a.model);
    ParamValues given;
    for (const auto& p : m.node()) {
      const std::string key = p.first.Scalar();
      if (key == "model" || key == "volumetric" || key == "fibre") continue;
      const ParamSpec* ps = ms.find(key);
      if (!ps) continue;  // reported by check_known with the list of keys
      given[key] = m.quantity(key, ps->unit, kNaN, -kInf, kInf, ps->unit_required);
    }
    // Unknown keys first: a typo ("muu") is named as unknown, not as its missing neighbour.
    for (const auto& ps : ms.params) m.allow(ps.name);
    m.check_known();
    try {
      a.params = ms.resolve(given, m.path());
    } catch (const std::invalid_argument& e) {
      throw ScenarioError(e.what());
    }
    for (const auto& ps : ms.params)
      if (!given.count(ps.name)) m.quantity(ps.name, ps.unit, a.params.at(ps.name), -kInf, kInf);
    m.check_known();
    spec.materials.push_back(a);
  }
  mats.check_known();
  for (const auto& r : regions) {
    bool found = false;
    for (const auto& a : spec.materials) found |= a.region == r;
    if (!found) Reader::fail(mats.key_path(r), "region \"" + r + "\" has no material");
  }
}

int component_index(const std::string& name, bool axisymmetric, const std::string& path) {
  if (axisymmetric) {
    if (name == "r") return 0;
    if (name == "z") return 1;
    Reader::fail(path, "\"" + name + "\" is not a component of an axisymmetric mesh; expected r or z");
  }
  if (name == "x") return 0;
  if (name == "y") return 1;
  if (name == "z") return 2;
  Reader::fail(path, "\"" + name + "\" is not a component; expected x, y or z");
}

/// A scalar is a ramp from 0 at t = 0 to the value at t_end; {table: [[t, v], ...]} a table.
TimeTable parse_table(Reader& parent, const std::string& key, const std::string& unit, double t_end) {
  const YAML::Node n = parent.node()[key];
  parent.allow(key);
  const std::string path = parent.key_path(key);
  if (!n.IsDefined() || n.IsNull()) Reader::fail(path, "is missing");
  if (n.IsScalar()) return TimeTable::ramp(0.0, t_end, parse_quantity(n.Scalar(), unit, false, path));
  Reader r(n, path);
  r.expect_map();
  Reader pts = r.child("table");
  pts.expect_list();
  std::vector<std::pair<double, double>> points;
  for (size_t i = 0; i < pts.size(); ++i) {
    const YAML::Node p = pts.node()[i];
    const std::string pp = pts.path() + "[" + std::to_string(i) + "]";
    if (!p.IsSequence() || p.size() != 2) Reader::fail(pp, show(p) + " should be [time, value]");
    points.emplace_back(parse_quantity(p[0].Scalar(), "s", false, pp),
                        parse_quantity(p[1].Scalar(), unit, false, pp));
  }
  r.check_known();
  try {
    return TimeTable(points, pts.path());
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  }
}

void parse_boundary(Reader list, bool axi, double t_end, ScenarioSpec& spec) {
  list.expect_list();
  for (size_t i = 0; i < list.size(); ++i) {
    Reader b = list.item(i);
    b.expect_map();
    const std::string set = b.text("set");
    if (b.has("fix")) {
      const YAML::Node f = b.node()["fix"];
      std::vector<std::string> comps;
      if (f.IsScalar() && f.Scalar() == "all")
        comps = axi ? std::vector<std::string>{"r", "z"} : std::vector<std::string>{"x", "y", "z"};
      else if (f.IsSequence())
        for (const auto& c : f) comps.push_back(c.Scalar());
      else
        Reader::fail(b.key_path("fix"), show(f) + " should be a list of components or \"all\"");
      for (const auto& c : comps) {
        spec.loads.dirichlet.push_back({set, component_index(c, axi, b.key_path("fix")),
                                        TimeTable::constant(0.0), {}});
        spec.loads.dirichlet.back().key_path = b.path() + ".set";
      }
    }
    if (b.has("displacement")) {
      Reader d = b.child("displacement");
      d.expect_map();
      for (const auto& kv : d.node()) {
        const std::string c = kv.first.Scalar();
        const int comp = component_index(c, axi, d.key_path(c));
        spec.loads.dirichlet.push_back({set, comp, parse_table(d, c, "m", t_end), {}});
        spec.loads.dirichlet.back().key_path = b.path() + ".set";
      }
      d.check_known();
    }
    b.check_known();
  }
}

void parse_loads(Reader list, double t_end, ScenarioSpec& spec) {
  list.expect_list();
  for (size_t i = 0; i < list.size(); ++i) {
    Reader l = list.item(i);
    l.expect_map();
    const std::string type = l.choice("type", {"force", "traction", "pressure"}, "pressure");
    const std::string set = l.text("set");
    if (type == "force") {
      NodalForce f{set, l.vector3("direction", -Vec3::UnitZ()), parse_table(l, "value", "N", t_end)};
      f.key_path = l.path();
      spec.loads.nodal_forces.push_back(f);
    } else {
      SurfaceLoad s;
      s.set = set;
      s.key_path = l.path();
      s.kind = type == "pressure" ? SurfaceLoad::Kind::pressure : SurfaceLoad::Kind::traction;
      if (type == "traction") s.direction = l.vector3("direction", -Vec3::UnitZ());
      s.magnitude = parse_table(l, "value", "Pa", t_end);
      spec.loads.surface_loads.push_back(s);
    }
    l.check_known();
  }
}

Vec3 parse_point(Reader& r, const std::string& key, bool axi, const std::string& unit, const Vec3& fallback) {
  const std::string path = r.key_path(key);
  if (!r.has(key)) {
    std::vector<std::string> v;
    for (int i = 0; i < (axi ? 2 : 3); ++i) v.push_back(format_quantity(fallback(i), unit));
    r.node()[key] = v;
    return fallback;
  }
  const YAML::Node n = r.node()[key];
  const size_t dims = axi ? 2 : 3;
  if (!n.IsSequence() || n.size() != dims)
    Reader::fail(path, show(n) + " should be a list of " + std::to_string(dims) + (axi ? " values (r, z)" : " values (x, y, z)"));
  Vec3 v = Vec3::Zero();
  for (size_t i = 0; i < dims; ++i) v(i) = parse_quantity(n[i].Scalar(), unit, unit == "m", path);
  return v;
}

/// Body -> world rotation of a device: body -z along the direction of travel, body x along the
/// `orientation` key (a roller's axis, a hook's arm) projected off the direction of travel.
Mat3 device_rotation(Reader& c, bool axi, const Vec3& direction) {
  const Vec3 ez = -direction;
  Vec3 hint = Vec3::UnitX();
  if (std::abs(hint.dot(ez)) > 0.9) hint = Vec3::UnitY();
  hint = parse_point(c, "orientation", axi, "-", hint);
  Vec3 ex = hint - hint.dot(ez) * ez;
  if (ex.norm() < 1e-6 * hint.norm() || hint.norm() == 0.0)
    Reader::fail(c.key_path("orientation"), "must not be zero or parallel to the direction");
  ex.normalize();
  Mat3 Q;
  Q << ex, ez.cross(ex), ez;
  return Q;
}

/// Penalty key of a contact: "auto" (returned as 0) or a quantity in Pa/m.
double parse_penalty(Reader& c) {
  if (!c.has("penalty")) c.node()["penalty"] = "auto";
  const YAML::Node n = c.node()["penalty"];
  if (n.IsScalar() && n.Scalar() == "auto") return 0.0;
  return c.quantity("penalty", "Pa/m", kNaN, 0.0, kInf, true, true);
}

/// Coulomb friction (`friction`, `friction_penalty`: "auto" = the normal penalty) and the optional
/// prescribed `slide: {direction, distance}` of a rigid device.
void parse_friction_and_slide(Reader& c, bool axi, double t_end, ContactSpec& cs) {
  cs.friction = c.quantity("friction", "-", 0.0, 0.0, 5.0);
  if (c.has("friction_penalty")) {
    const YAML::Node n = c.node()["friction_penalty"];
    cs.friction_penalty_Pa_per_m =
        n.IsScalar() && n.Scalar() == "auto" ? 0.0 : c.quantity("friction_penalty", "Pa/m", kNaN, 0.0, kInf, true, true);
  }
  if (!c.has("slide")) return;
  if (axi) Reader::fail(c.key_path("slide"), "a slide along the skin needs a 3D mesh");
  Reader slide = c.child("slide");
  slide.expect_map();
  cs.slide_direction = parse_point(slide, "direction", axi, "-", Vec3::UnitX());
  if (cs.slide_direction.norm() == 0.0) Reader::fail(slide.key_path("direction"), "is the zero vector");
  cs.slide_direction.normalize();
  cs.slide = parse_table(slide, "distance", "m", t_end);
  slide.check_known();
}

/// A contact whose device is the meshed "deformable_ball" (its parameters are in the registry):
/// fills spec.balls and adds the ball's neo-Hookean material and handle conditions to the spec.
/// Returns false, reading nothing, for any other device.
bool parse_ball_contact(Reader& c, size_t i, size_t n, const Registry& registry, bool axi, double t_end,
                        ScenarioSpec& spec) {
  const YAML::Node device = c.node()["device"];
  if (!device.IsMap() || !device["model"].IsDefined() || device["model"].Scalar() != "deformable_ball") return false;
  DeformableBallSpec b;
  b.name = c.text("name", n == 1 ? "indenter" : "indenter" + std::to_string(i));
  if (!is_identifier(b.name))
    Reader::fail(c.key_path("name"), quote_input(b.name) + " should be a letter then at most " +
                                         std::to_string(kMaxOutputNameChars - 1) +
                                         " letters, digits or '_' (it names the ball's sets)");
  b.tissue_face_set = c.text("surface");
  b.key_path = c.path();
  Reader dev = c.child("device");
  dev.text("model");
  if (dev.has("preset")) dev.text("preset");  // resolved by apply_preset
  const ParamValues v = parse_model_params(dev, registry.device_spec("deformable_ball"));
  b.diameter_m = v.at("diameter");
  b.shear_modulus_Pa = v.at("shear_modulus");
  b.poisson_ratio = v.at("poisson_ratio");
  b.cells_per_octant = static_cast<int>(std::lround(v.at("cells")));
  b.pole_grading = v.at("pole_grading");
  b.shell_grading = v.at("shell_grading");
  b.direction = parse_point(c, "direction", axi, "-", axi ? Vec3(0, -1, 0) : Vec3(0, 0, -1));
  if (b.direction.norm() == 0.0) Reader::fail(c.key_path("direction"), "is the zero vector");
  b.direction.normalize();
  if (axi && std::abs(b.direction(1)) != 1.0)
    Reader::fail(c.key_path("direction"), "should be [0, -1] or [0, 1]: an axisymmetric ball moves along the axis");
  b.position = parse_point(c, "position", axi, "m", Vec3::Zero());
  if (axi && b.position(0) != 0.0)
    Reader::fail(c.key_path("position"), "r should be 0: an axisymmetric ball sits on the axis");
  b.handle = c.choice("handle", {"equator", "top"}, "equator");
  if (c.has("depth") == c.has("force"))
    Reader::fail(c.path(), "give exactly one of depth (depth control) and force (force control)");
  if (c.has("force")) {
    b.force_control = true;
    b.force = parse_table(c, "force", "N", t_end);
    if (b.travel_component() < 0)
      Reader::fail(c.key_path("direction"), "force control of a ball needs a direction along an axis");
  } else {
    b.depth = parse_table(c, "depth", "m", t_end);
  }
  b.penalty_Pa_per_m = parse_penalty(c);
  b.quadrature = c.integer("quadrature", 3, 1, 16);
  b.two_pass = c.flag("two_pass", false);
  c.check_known();
  spec.materials.push_back({b.name, "neo_hookean", {{"mu", b.shear_modulus_Pa}, {"kappa", b.bulk_modulus_Pa()}},
                            VolumetricForm::quadratic, Vec3::UnitX()});
  for (DirichletBC& bc : ball_handle_conditions(b, axi)) spec.loads.dirichlet.push_back(std::move(bc));
  spec.balls.push_back(b);
  return true;
}

void parse_contacts(Reader list, const Registry& registry, bool axi, double t_end, ScenarioSpec& spec) {
  list.expect_list();
  for (size_t i = 0; i < list.size(); ++i) {
    Reader c = list.item(i);
    c.expect_map();
    if (c.has("device") && c.node()["device"].IsMap()) {
      Reader preset_holder = c.child("device");
      apply_preset(preset_holder, "device", registry);  // a preset may name the meshed ball
    }
    if (parse_ball_contact(c, i, list.size(), registry, axi, t_end, spec)) continue;
    ContactSpec cs;
    cs.name = c.text("name", list.size() == 1 ? "indenter" : "indenter" + std::to_string(i));
    cs.face_set = c.text("surface");
    cs.key_path = c.path();
    Reader dev = c.child("device");
    dev.expect_map();
    apply_preset(dev, "device", registry);
    const std::string model = dev.text("model");
    if (!registry.has_device(model)) {
      std::string known;
      for (const auto& m : registry.specs())
        if (m.kind == "device") known += (known.empty() ? "" : ", ") + m.name;
      Reader::fail(dev.key_path("model"), "\"" + model + "\" is not a registered device; known: " + known);
    }
    const ModelSpec& ms = registry.device_spec(model);
    ParamValues given;
    for (const auto& p : dev.node()) {
      const std::string key = p.first.Scalar();
      if (const ParamSpec* ps = ms.find(key)) given[key] = dev.quantity(key, ps->unit, kNaN, -kInf, kInf, ps->unit_required);
    }
    for (const auto& ps : ms.params) dev.allow(ps.name);
    dev.check_known();
    try {
      cs.surface = registry.make_device(model, given, dev.path());
    } catch (const std::invalid_argument& e) {
      throw ScenarioError(e.what());
    }
    dev.check_known();
    cs.direction = parse_point(c, "direction", axi, "-", axi ? Vec3(0, -1, 0) : Vec3(0, 0, -1));
    if (cs.direction.norm() == 0.0) Reader::fail(c.key_path("direction"), "is the zero vector");
    cs.direction.normalize();
    cs.rotation = device_rotation(c, axi, cs.direction);
    const Vec3 touch = parse_point(c, "position", axi, "m", Vec3::Zero());
    cs.origin = touch - cs.rotation * cs.surface->tip(cs.rotation.transpose() * cs.direction);
    if (c.has("depth") == c.has("force"))
      Reader::fail(c.path(), "give exactly one of depth (depth control) and force (force control)");
    if (c.has("force")) {
      cs.control = ContactSpec::Control::force;
      cs.force = parse_table(c, "force", "N", t_end);
    } else {
      cs.depth = parse_table(c, "depth", "m", t_end);
    }
    cs.penalty_Pa_per_m = parse_penalty(c);
    cs.penalty_factor = c.quantity("penalty_factor", "-", cs.penalty_factor, 0.0, kInf, false, true);
    parse_friction_and_slide(c, axi, t_end, cs);
    cs.quadrature = c.integer("quadrature", 3, 1, 6);
    cs.smoothing_m = c.quantity("smoothing", "m", 0.0, 0.0, kInf);
    c.check_known();
    spec.contacts.push_back(cs);
  }
}

void parse_time(Reader t, ScenarioSpec& spec) {
  t.expect_map();
  StepControl& c = spec.steps;
  c.t_end_s = t.quantity("end", "s", 1.0, 0.0, kInf, false, true);
  const int steps = t.integer("steps", 10, 1);
  c.dt_initial_s = c.t_end_s / steps;
  if (t.has("dt_max") && t.node()["dt_max"].IsMap()) {
    c.dt_max_curve = parse_table(t, "dt_max", "s", c.t_end_s);
    for (const auto& [time_s, dt_s] : c.dt_max_curve->points())
      if (!(dt_s > 0.0))
        Reader::fail(t.key_path("dt_max") + ".table", "a step of " + format_quantity(dt_s, "s") + " at t = " +
                                                           format_quantity(time_s, "s") + "; expected > 0 s");
    c.dt_max_s = (*c.dt_max_curve)(0.0);
  } else {
    c.dt_max_s = t.quantity("dt_max", "s", c.dt_initial_s, 0.0, kInf, false, true);
  }
  c.dt_min_s = t.quantity("dt_min", "s", c.dt_initial_s * 1e-4, 0.0, kInf, false, true);
  c.growth = t.quantity("growth", "-", 1.5, 1.0, 10.0);
  c.cutback = t.quantity("cutback", "-", 0.5, 0.01, 0.99);
  c.easy_iterations = t.integer("easy_iterations", 4, 1);
  c.predictor = t.flag("predictor", true);
  t.check_known();
}

void parse_solver(Reader s, ScenarioSpec& spec) {
  s.expect_map();
  NewtonSettings& n = spec.newton;
  n.linear_solver = s.choice("linear", {"cholmod", "mumps", "ldlt", "cg"}, "cholmod");
  n.method = s.choice("method", {"newton", "bfgs"}, "newton");
  n.indefinite = s.choice("indefinite", {"shift", "ldlt"}, "shift");
  n.shift_progress = s.quantity("shift_progress", "-", 0.5, 0.0, 1.0, false, true);
  n.stabilization = s.quantity("stabilization", "-", 0.0, 0.0, 1e3);
  n.stabilization_limit = s.quantity("stabilization_limit", "-", 0.05, 0.0, 1e3, false, true);
  n.max_bfgs_updates = s.integer("max_bfgs_updates", 10, 1, 100);
  n.max_iterations = s.integer("max_iterations", 25, 1, 1000);
  n.residual_rtol = s.quantity("residual_tolerance", "-", 1e-8, 0.0, 1.0, false, true);
  n.increment_rtol = s.quantity("increment_tolerance", "-", 1e-8, 0.0, 1.0, false, true);
  n.line_search = s.flag("line_search", true);
  n.reuse_factorization = s.flag("reuse_factorization", true);
  n.stagnation_window = s.integer("stagnation_window", 5, 0, 1000);
  s.check_known();
}

void parse_output(Reader o, ScenarioSpec& spec) {
  o.expect_map();
  if (o.has("times")) {
    Reader t = o.child("times");
    t.expect_list();
    for (size_t i = 0; i < t.size(); ++i)
      spec.output.times_s.push_back(
          parse_quantity(t.node()[i].Scalar(), "s", false, t.path() + "[" + std::to_string(i) + "]"));
  }
  if (o.has("reaction_sets")) {
    Reader r = o.child("reaction_sets");
    r.expect_list();
    for (size_t i = 0; i < r.size(); ++i) spec.output.reaction_sets.push_back(r.node()[i].Scalar());
  } else {
    o.node()["reaction_sets"] = std::vector<std::string>{};
  }
  if (o.has("target")) {
    Reader t = o.child("target");
    t.expect_map();
    spec.output.target.region = t.text("region");
    spec.output.target.radius_m = t.quantity("radius", "m", 0.0, 0.0, kInf, true);
    t.check_known();
  }
  spec.output.depth_profile_points = o.integer("depth_profile_points", 25, 0, 10000);
  if (spec.output.depth_profile_points == 1)
    Reader::fail(o.key_path("depth_profile_points"), "1 is too few; expected 0 (none) or at least 2");
  o.check_known();
}

/// One step of a key path: a mapping key, or a list index when key is empty.
struct PathPart {
  std::string key;
  long index = -1;
};

[[noreturn]] void bad_path(const std::string& path) {
  throw ScenarioError("--set " + quote_input(path) + ": not a key path like materials.tissue.mu or "
                      "mesh.layers[0].thickness");
}

/// "a.b[2].c" as parts; keys are identifiers, indices whole numbers below 10^9.
std::vector<PathPart> split_key_path(const std::string& path) {
  std::vector<PathPart> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      const std::string digits = close == std::string::npos ? "" : path.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
        bad_path(path);
      parts.push_back({"", std::stol(digits)});
      i = close + 1;
      continue;
    }
    if (!parts.empty()) {
      if (path[i] != '.') bad_path(path);
      ++i;
    }
    std::size_t end = i;
    while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
    const std::string key = path.substr(i, end - i);
    if (key.empty() || key.size() > kMaxOutputNameChars ||
        key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != std::string::npos)
      bad_path(path);
    parts.push_back({path.substr(i, end - i), -1});
    i = end;
  }
  if (parts.empty() || parts.front().key.empty()) bad_path(path);
  return parts;
}

/// The text of a path's first `n` parts, for messages: "time.end", "boundary[1]".
std::string path_prefix(const std::vector<PathPart>& parts, std::size_t n) {
  std::string out;
  for (std::size_t k = 0; k < n; ++k)
    out += parts[k].index >= 0 ? "[" + std::to_string(parts[k].index) + "]" : (k ? "." : "") + parts[k].key;
  return out;
}

/// Checks that `node` (reached by the first n parts) can take part n: a key needs a mapping (or
/// nothing yet, which becomes one), an index a list long enough.
void check_step(const YAML::Node& node, const std::vector<PathPart>& parts, std::size_t n,
                const std::string& path) {
  const PathPart& p = parts[n];
  const std::string here = n == 0 ? "the document" : path_prefix(parts, n);
  if (p.index >= 0) {
    if (!node.IsSequence())
      throw ScenarioError("--set " + path + ": " + here + " is not a list, so it has no index [" +
                          std::to_string(p.index) + "]");
    if (p.index >= static_cast<long>(node.size()))
      throw ScenarioError("--set " + path + ": index [" + std::to_string(p.index) + "] is out of range (" +
                          here + " has " + std::to_string(node.size()) + " entries)");
    return;
  }
  if (node.IsDefined() && !node.IsNull() && !node.IsMap())
    throw ScenarioError("--set " + path + ": " + here + " is " + show(node) +
                        ", not a mapping, so it has no key " + p.key);
}

/// Navigate "a.b[2].c" in node, creating mapping keys as needed; returns the parent and last key.
YAML::Node walk_to(YAML::Node root, const std::string& path, std::string& last_key, int& last_index) {
  const std::vector<PathPart> parts = split_key_path(path);
  YAML::Node node = root;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    check_step(node, parts, i, path);
    YAML::Node next = parts[i].index >= 0 ? node[parts[i].index] : node[parts[i].key];
    node.reset(next);
  }
  check_step(node, parts, parts.size() - 1, path);
  last_key = parts.back().key;
  last_index = static_cast<int>(parts.back().index);
  return node;
}

}  // namespace

struct Scenario::Impl {
  YAML::Node root;
  std::string base_dir;
};

Scenario::Scenario() : impl_(std::make_unique<Impl>()) {}
Scenario::~Scenario() = default;
Scenario::Scenario(const Scenario& o) : impl_(std::make_unique<Impl>()) {
  impl_->root = YAML::Clone(o.impl_->root);
  impl_->base_dir = o.impl_->base_dir;
}
Scenario& Scenario::operator=(const Scenario& o) {
  if (this != &o) {
    impl_->root = YAML::Clone(o.impl_->root);
    impl_->base_dir = o.impl_->base_dir;
  }
  return *this;
}
Scenario::Scenario(Scenario&&) noexcept = default;
Scenario& Scenario::operator=(Scenario&&) noexcept = default;

namespace {

/// Scenario files are a few kilobytes; anything this large is not one.
constexpr std::uintmax_t kMaxScenarioBytes = 16u << 20;
/// No scenario nests deeper than about ten levels; the bound keeps every recursive walk
/// (cloning, emitting, parsing) far from the stack's end.
constexpr int kMaxDepth = 64;
/// Aliases may share one node many times; a walk that expands them stops here.
constexpr long kMaxNodes = 1000000;

/// The key path of the first value that starts on `line` (0-based) of `text`, or "" when the
/// text does not parse or nothing starts there. For messages only: the bytes that are not UTF-8
/// are escaped first, which moves columns but no line.
std::string key_path_at_line(const std::string& text, int line) {
  YAML::Node root;
  try {
    root = YAML::Load(valid_utf8(text));
  } catch (const YAML::Exception&) {
    return "";
  }
  std::vector<std::pair<YAML::Node, std::string>> stack{{root, ""}};
  for (long visited = 0; !stack.empty() && visited < 100000; ++visited) {
    auto [node, path] = stack.back();
    stack.pop_back();
    if (node.IsScalar() && node.Mark().line == line && !path.empty()) return path;
    if (node.IsMap()) {
      std::vector<std::pair<YAML::Node, std::string>> children;
      for (const auto& kv : node)
        children.push_back({kv.second, (path.empty() ? "" : path + ".") + key_text(kv.first.Scalar())});
      stack.insert(stack.end(), children.rbegin(), children.rend());  // file order
    } else if (node.IsSequence()) {
      for (std::size_t i = node.size(); i-- > 0;) stack.push_back({node[i], path + "[" + std::to_string(i) + "]"});
    }
  }
  return "";
}

/// "; the line reads: name: "\é"": the line (0-based) a YAML error points at, so that the
/// message names the key even when the document does not parse.
std::string line_text(const std::string& text, int line) {
  std::size_t start = 0;
  for (int k = 0; k < line && start != std::string::npos; ++k) {
    start = text.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (line < 0 || start == std::string::npos || start >= text.size()) return "";
  const std::size_t end = text.find('\n', start);
  std::string l = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.pop_back();
  const std::size_t first = l.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return "; the line reads " + quote_input(l.substr(first), 80);
}

/// Refuses text that is not UTF-8, naming the line, the column, the byte and the key it is in.
void check_utf8(const std::string& text, const std::string& where) {
  const std::size_t bad = first_invalid_utf8(text);
  if (bad == std::string::npos) return;
  const std::size_t line_start = text.rfind('\n', bad == 0 ? 0 : bad - 1);
  const std::size_t column = bad - (line_start == std::string::npos || bad == 0 ? 0 : line_start + 1) + 1;
  const long line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n');
  const std::string key = key_path_at_line(text, static_cast<int>(line - 1));
  throw ScenarioError(where + ": line " + std::to_string(line) + ", column " + std::to_string(column) +
                      (key.empty() ? "" : " (" + key + ")") + ": byte " + valid_utf8(text.substr(bad, 1)) +
                      " is not UTF-8 (save the file as UTF-8; e.g. write \"um\" for micrometres)");
}

/// Every mapping of the document has distinct single-word keys, and nothing nests deeper than
/// kMaxDepth: checked once after loading, iteratively, so that no input can exhaust the stack.
void check_document(const YAML::Node& root) {
  struct Item {
    YAML::Node node;
    std::string path;
    int depth;
  };
  std::vector<Item> stack{{root, "", 0}};
  long visited = 0;
  while (!stack.empty()) {
    Item it = std::move(stack.back());
    stack.pop_back();
    const std::string here = it.path.empty() ? "scenario" : it.path;
    if (++visited > kMaxNodes)
      throw ScenarioError("scenario: more than " + std::to_string(kMaxNodes) + " values (aliases repeated?)");
    if (it.depth > kMaxDepth)
      throw ScenarioError(here + ": nested deeper than " + std::to_string(kMaxDepth) + " levels");
    if (it.node.IsSequence()) {
      for (std::size_t i = 0; i < it.node.size(); ++i)
        stack.push_back({it.node[i], it.path + "[" + std::to_string(i) + "]", it.depth + 1});
    } else if (it.node.IsMap()) {
      std::set<std::string> keys;
      for (const auto& kv : it.node) {
        if (!kv.first.IsScalar())
          throw ScenarioError(here + ": a key should be a single word, not " + show(kv.first));
        const std::string key = kv.first.Scalar();
        const std::string path = it.path.empty() ? key_text(key) : it.path + "." + key_text(key);
        if (!keys.insert(key).second)
          throw ScenarioError(path + ": duplicate key (again at line " + std::to_string(kv.first.Mark().line + 1) +
                              "); give each key once");
        stack.push_back({kv.second, path, it.depth + 1});
      }
    }
  }
}

}  // namespace

Scenario Scenario::from_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw ScenarioError(path + ": no such scenario file");
  if (std::filesystem::file_size(path, ec) > kMaxScenarioBytes)
    throw ScenarioError(path + ": too large for a scenario file (more than 16 MiB)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  check_utf8(ss.str(), path);
  return from_text(ss.str(), std::filesystem::path(path).parent_path().string());
}

Scenario Scenario::from_text(const std::string& text, const std::string& base_dir) {
  if (text.size() > kMaxScenarioBytes) throw ScenarioError("scenario: too large (more than 16 MiB of text)");
  check_utf8(text, "scenario");
  Scenario s;
  try {
    s.impl_->root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError("scenario: malformed YAML at line " + std::to_string(e.mark.line + 1) +
                        ", column " + std::to_string(e.mark.column + 1) + ": " + e.msg + line_text(text, e.mark.line));
  }
  if (!s.impl_->root.IsMap()) throw ScenarioError("scenario: the document should be a mapping of keys");
  check_document(s.impl_->root);
  s.impl_->base_dir = base_dir;
  return s;
}

void Scenario::set(const std::string& path, const std::string& value_yaml) {
  std::string key;
  int index;
  check_utf8(value_yaml, "--set " + quote_input(path));
  YAML::Node parent = walk_to(impl_->root, path, key, index);
  YAML::Node value;
  try {
    value = YAML::Load(value_yaml);
  } catch (const YAML::Exception&) {
    value = YAML::Node(value_yaml);
  }
  if (index >= 0) {
    parent[index] = value;
  } else if (value.IsNull()) {
    parent.remove(key);
  } else {
    parent[key] = value;
  }
  check_document(impl_->root);
}

std::string Scenario::name() const {
  const YAML::Node n = impl_->root["name"];
  return n.IsDefined() && n.IsScalar() ? n.Scalar() : "scenario";
}

std::vector<std::string> Scenario::variant_names() const {
  std::vector<std::string> names;
  const YAML::Node v = impl_->root["variants"];
  if (v.IsDefined() && v.IsMap())
    for (const auto& kv : v) names.push_back(kv.first.Scalar());
  return names;
}

Scenario Scenario::variant(const std::string& name) const {
  const YAML::Node v = impl_->root["variants"];
  if (!v.IsDefined() || !v.IsMap() || !v[name].IsDefined())
    throw ScenarioError("variants." + name + ": no such variant");
  const YAML::Node overrides = v[name];
  if (!overrides.IsMap()) throw ScenarioError("variants." + name + ": should be a map of {path: value} overrides");
  Scenario out(*this);
  out.impl_->root.remove("variants");
  for (const auto& kv : overrides) {
    YAML::Emitter e;
    e << YAML::Flow << kv.second;
    try {
      out.set(kv.first.Scalar(), e.c_str());
    } catch (const ScenarioError& err) {
      throw ScenarioError("variants." + name + ": " + err.what());
    }
  }
  return out;
}

std::string Scenario::yaml() const {
  YAML::Emitter e;
  e << impl_->root;
  return e.c_str();
}

namespace {

/// `study: {model: NAME, key: value, ...}`: every key checked against the study's spec, defaults
/// written back (for scenario.resolved.yaml). A study scenario has no mesh, materials, time...:
/// the top level may hold only name, description, study and variants.
void parse_study(Reader& top, const Registry& registry, ScenarioSpec& spec) {
  Reader st = top.child("study");
  st.expect_map();
  std::vector<std::string> names;
  for (const ModelSpec& ms : registry.specs())
    if (ms.kind == "study") names.push_back(ms.name);
  if (names.empty()) Reader::fail(st.key_path("model"), "no study is registered");
  spec.study = st.choice("model", names, "\x01");  // required
  spec.study_params = parse_model_params(st, registry.study_spec(spec.study));
  top.check_known();
}

ScenarioSpec parse(YAML::Node root, const Registry& registry, const std::string& base_dir) {
  ScenarioSpec spec;
  Reader top(root, "");
  spec.name = top.text("name");
  check_output_name(spec.name, "name");
  spec.description = top.text("description", "");
  if (top.has("variants")) {
    Reader v = top.child("variants");
    v.expect_map();
    for (const auto& kv : v.node())
      if (!kv.second.IsMap())
        Reader::fail(v.key_path(kv.first.Scalar()), show(kv.second) + " should be a map of {path: value} overrides");
  }
  if (top.has("study")) {
    parse_study(top, registry, spec);
    return spec;
  }
  parse_mesh(top.child("mesh"), registry, base_dir, spec);
  parse_materials(top.child("materials"), registry, spec);
  spec.formulation = top.choice("formulation", {"q1p0", "displacement"}, "q1p0") == "q1p0"
                         ? Formulation::q1p0
                         : Formulation::displacement;
  if (!top.has("time")) root["time"] = YAML::Node(YAML::NodeType::Map);
  parse_time(top.child("time"), spec);
  const bool axi = spec.mesh_generator == "layered_cylinder";
  if (!top.has("boundary")) root["boundary"] = YAML::Node(YAML::NodeType::Sequence);
  parse_boundary(top.child("boundary"), axi, spec.steps.t_end_s, spec);
  if (!top.has("loads")) root["loads"] = YAML::Node(YAML::NodeType::Sequence);
  parse_loads(top.child("loads"), spec.steps.t_end_s, spec);
  if (!top.has("contact")) root["contact"] = YAML::Node(YAML::NodeType::Sequence);
  parse_contacts(top.child("contact"), registry, axi, spec.steps.t_end_s, spec);
  for (const auto& b : spec.balls)
    for (const TimeTable* tt : {&b.depth, &b.force})
      for (double t : tt->breakpoints())
        if (t > 0) spec.steps.must_hit_s.push_back(t);
  for (const auto& c : spec.contacts)
    for (const TimeTable* tt : {&c.depth, &c.force, &c.slide})
      for (double t : tt->breakpoints())
        if (t > 0) spec.steps.must_hit_s.push_back(t);
  if (!top.has("solver")) root["solver"] = YAML::Node(YAML::NodeType::Map);
  parse_solver(top.child("solver"), spec);
  if (!top.has("output")) root["output"] = YAML::Node(YAML::NodeType::Map);
  parse_output(top.child("output"), spec);
  top.check_known();
  for (double t : spec.output.times_s) spec.steps.must_hit_s.push_back(t);
  auto add_breaks = [&](const TimeTable& tt) {
    for (double t : tt.breakpoints())
      if (t > 0) spec.steps.must_hit_s.push_back(t);
  };
  for (const auto& d : spec.loads.dirichlet) add_breaks(d.value);
  for (const auto& f : spec.loads.nodal_forces) add_breaks(f.magnitude);
  for (const auto& s : spec.loads.surface_loads) add_breaks(s.magnitude);
  return spec;
}

}  // namespace

namespace {
// Unit and range errors come from shared helpers as std::invalid_argument; to the caller they
// are bad input like any other.
template <class F>
auto as_scenario_error(F&& f) {
  try {
    return f();
  } catch (const ScenarioError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  } catch (const YAML::Exception& e) {
    throw ScenarioError(std::string("scenario: ") + e.what());
  }
}
}  // namespace

ScenarioSpec Scenario::spec(const Registry& registry) const {
  ScenarioSpec spec = as_scenario_error([&] { return parse(YAML::Clone(impl_->root), registry, impl_->base_dir); });
  // Each variant must itself be a valid scenario; its errors name the variant.
  for (const std::string& name : variant_names()) {
    const Scenario v = variant(name);
    try {
      v.spec(registry);
    } catch (const ScenarioError& e) {
      throw ScenarioError("variants." + name + "." + e.what());
    }
  }
  return spec;
}

std::string Scenario::resolved_yaml(const Registry& registry) const {
  YAML::Node copy = YAML::Clone(impl_->root);
  as_scenario_error([&] { return parse(copy, registry, impl_->base_dir); });
  YAML::Emitter e;
  e << copy;
  return e.c_str();
}

}  // namespace myo::sim
