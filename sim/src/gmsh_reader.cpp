#include "myo/sim/gmsh_reader.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace myo::sim {
namespace {

/// What both format versions reduce to before the Mesh is assembled.
struct RawMesh {
  std::map<long, std::array<double, 3>> nodes;               ///< Gmsh node tag -> (x, y, z)
  std::map<std::pair<int, int>, std::string> physical_names;  ///< (dim, tag) -> name
  struct Element {
    int type = 0;
    int dim = 0;
    std::vector<int> physical;  ///< physical tags of its entity (4.1) or its own (2.2)
    std::vector<long> nodes;
  };
  std::vector<Element> elements;
};

int element_dim(int type) {
  switch (type) {
    case 15: return 0;  // point
    case 1: return 1;   // line
    case 2: case 3: return 2;  // triangle, quadrangle
    default: return 3;
  }
}

int nodes_of_type(int type, const std::string& where) {
  switch (type) {
    case 1: return 2;
    case 2: return 3;
    case 3: return 4;
    case 4: return 4;
    case 5: return 8;
    case 6: return 6;
    case 7: return 5;
    case 15: return 1;
    default:
      throw std::invalid_argument(where + ": element type " + std::to_string(type) +
                                  " is not supported (first-order cells only)");
  }
}

class Tokens {
 public:
  Tokens(std::istream& in, std::string file) : in_(in), file_(std::move(file)) {}
  template <class T>
  T next(const char* what) {
    T value;
    if (!(in_ >> value)) throw std::invalid_argument(file_ + ": " + section_ + ": cannot read " + what);
    return value;
  }
  std::string quoted() {
    std::string word = next<std::string>("a name");
    while (word.size() < 2 || word.back() != '"') {  // a name with spaces spans several words
      word.push_back(' ');
      word.append(next<std::string>("a name"));
    }
    return word.substr(1, word.size() - 2);
  }
  void skip_to(const std::string& end) {
    std::string word;
    while (in_ >> word && word != end) {
    }
  }
  void expect_end(const std::string& end) {
    const std::string word = next<std::string>(end.c_str());
    if (word != end) throw std::invalid_argument(file_ + ": " + section_ + ": expected " + end + ", found " + word);
  }
  void section(std::string name) { section_ = std::move(name); }
  const std::string& where() const { return file_; }

 private:
  std::istream& in_;
  std::string file_;
  std::string section_ = "header";
};

void read_physical_names(Tokens& t, RawMesh& raw) {
  const int n = t.next<int>("the number of physical names");
  for (int i = 0; i < n; ++i) {
    const int dim = t.next<int>("a physical dimension");
    const int tag = t.next<int>("a physical tag");
    raw.physical_names[{dim, tag}] = t.quoted();
  }
  t.expect_end("$EndPhysicalNames");
}

using EntityTags = std::map<std::pair<int, int>, std::vector<int>>;  ///< (dim, entity) -> physical tags

void read_entities_41(Tokens& t, EntityTags& tags) {
  int count[4];
  for (int& c : count) c = t.next<int>("entity counts");
  for (int dim = 0; dim < 4; ++dim)
    for (int e = 0; e < count[dim]; ++e) {
      const int tag = t.next<int>("an entity tag");
      for (int k = 0; k < (dim == 0 ? 3 : 6); ++k) t.next<double>("an entity bounding box");
      const int np = t.next<int>("the number of physical tags");
      for (int k = 0; k < np; ++k) tags[{dim, tag}].push_back(t.next<int>("a physical tag"));
      if (dim == 0) continue;
      const int nb = t.next<int>("the number of bounding entities");
      for (int k = 0; k < nb; ++k) t.next<int>("a bounding entity");
    }
  t.expect_end("$EndEntities");
}

void read_nodes_41(Tokens& t, RawMesh& raw) {
  const long blocks = t.next<long>("the number of node blocks");
  t.next<long>("the number of nodes");
  t.next<long>("the smallest node tag");
  t.next<long>("the largest node tag");
  for (long b = 0; b < blocks; ++b) {
    t.next<int>("a block dimension");
    t.next<int>("a block entity");
    if (t.next<int>("the parametric flag") != 0)
      throw std::invalid_argument(t.where() + ": $Nodes: parametric nodes are not supported");
    const long n = t.next<long>("a block size");
    std::vector<long> ids(n);
    for (long& id : ids) id = t.next<long>("a node tag");
    for (long id : ids)
      raw.nodes[id] = {t.next<double>("x"), t.next<double>("y"), t.next<double>("z")};
  }
  t.expect_end("$EndNodes");
}

void read_elements_41(Tokens& t, const EntityTags& tags, RawMesh& raw) {
  const long blocks = t.next<long>("the number of element blocks");
  for (int k = 0; k < 3; ++k) t.next<long>("element counts");
  for (long b = 0; b < blocks; ++b) {
    const int dim = t.next<int>("a block dimension");
    const int entity = t.next<int>("a block entity");
    const int type = t.next<int>("an element type");
    const long n = t.next<long>("a block size");
    const int nn = nodes_of_type(type, t.where() + ": $Elements");
    const auto it = tags.find({dim, entity});
    for (long e = 0; e < n; ++e) {
      RawMesh::Element el{type, dim, it == tags.end() ? std::vector<int>{} : it->second, {}};
      t.next<long>("an element tag");
      for (int a = 0; a < nn; ++a) el.nodes.push_back(t.next<long>("an element node"));
      raw.elements.push_back(std::move(el));
    }
  }
  t.expect_end("$EndElements");
}

void read_nodes_22(Tokens& t, RawMesh& raw) {
  const long n = t.next<long>("the number of nodes");
  for (long i = 0; i < n; ++i) {
    const long id = t.next<long>("a node tag");
    raw.nodes[id] = {t.next<double>("x"), t.next<double>("y"), t.next<double>("z")};
  }
  t.expect_end("$EndNodes");
}

void read_elements_22(Tokens& t, RawMesh& raw) {
  const long n = t.next<long>("the number of elements");
  for (long e = 0; e < n; ++e) {
    t.next<long>("an element tag");
    const int type = t.next<int>("an element type");
    const int ntags = t.next<int>("the number of tags");
    RawMesh::Element el{type, element_dim(type), {}, {}};
    for (int k = 0; k < ntags; ++k) {
      const int tag = t.next<int>("a tag");
      if (k == 0 && tag != 0) el.physical.push_back(tag);  // the first tag is the physical group
    }
    const int nn = nodes_of_type(type, t.where() + ": $Elements");
    for (int a = 0; a < nn; ++a) el.nodes.push_back(t.next<long>("an element node"));
    raw.elements.push_back(std::move(el));
  }
  t.expect_end("$EndElements");
}

RawMesh read_raw(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(path + ": cannot open the mesh file");
  Tokens t(in, path);
  RawMesh raw;
  EntityTags entity_tags;
  std::string version;
  std::string word;
  while (in >> word) {
    t.section(word);
    if (word == "$MeshFormat") {
      version = t.next<std::string>("the format version");
      if (t.next<int>("the file type") != 0)
        throw std::invalid_argument(path + ": binary .msh files are not supported; save as ASCII");
      t.skip_to("$EndMeshFormat");
      if (version != "4.1" && version.rfind("2.", 0) != 0)
        throw std::invalid_argument(path + ": .msh format " + version + " is not supported (4.1 or 2.2)");
    } else if (word == "$PhysicalNames") {
      read_physical_names(t, raw);
    } else if (word == "$Entities") {
      read_entities_41(t, entity_tags);
    } else if (word == "$Nodes") {
      version == "4.1" ? read_nodes_41(t, raw) : read_nodes_22(t, raw);
    } else if (word == "$Elements") {
      version == "4.1" ? read_elements_41(t, entity_tags, raw) : read_elements_22(t, raw);
    } else if (word.size() > 1 && word[0] == '$') {
      t.skip_to("$End" + word.substr(1));
    }
  }
  if (version.empty()) throw std::invalid_argument(path + ": no $MeshFormat section; not a Gmsh mesh file");
  return raw;
}

std::string group_name(const RawMesh& raw, int dim, int tag) {
  const auto it = raw.physical_names.find({dim, tag});
  return it != raw.physical_names.end() ? it->second : "region_" + std::to_string(tag);
}

using FacesByNodes = std::map<std::array<int, 4>, Face>;  ///< sorted node ids -> the cell face

FacesByNodes faces_by_nodes(const Mesh& mesh) {
  FacesByNodes by_nodes;
  for (int c = 0; c < mesh.n_cells(); ++c)
    for (int f = 0; f < 6; ++f) {
      std::array<int, 4> key;
      for (int a = 0; a < 4; ++a) key[a] = mesh.cells(c, hex8_face_nodes(f)[a]);
      std::sort(key.begin(), key.end());
      by_nodes[key] = {c, f};
    }
  return by_nodes;
}

/// Face set entries for the quadrangles of a physical surface: each must be a face of a cell.
void add_faces(const FacesByNodes& by_nodes, const std::vector<std::vector<int>>& quads, const std::string& name,
               const std::string& path, std::vector<Face>& out) {
  for (const auto& q : quads) {
    std::array<int, 4> key = {q[0], q[1], q[2], q[3]};
    std::sort(key.begin(), key.end());
    const auto it = by_nodes.find(key);
    if (it == by_nodes.end())
      throw std::invalid_argument(path + ": a quadrangle of physical surface \"" + name +
                                  "\" is not a face of any hexahedron");
    out.push_back(it->second);
  }
}

}  // namespace

Mesh read_gmsh(const std::string& path, double scale_m) {
  const RawMesh raw = read_raw(path);
  Mesh mesh;
  mesh.cell_type = CellType::hex8;
  // Only nodes of hexahedra become mesh nodes: a geometry point no cell uses would be a
  // zero row of the stiffness matrix.
  std::map<long, int> index;
  for (const auto& el : raw.elements)
    if (el.dim == 3)
      for (long n : el.nodes) index.emplace(n, 0);
  mesh.X.resize(static_cast<long>(index.size()), 3);
  int next = 0;
  for (auto& [tag, i] : index) {
    const auto it = raw.nodes.find(tag);
    if (it == raw.nodes.end())
      throw std::invalid_argument(path + ": an element uses node " + std::to_string(tag) + ", which is not in $Nodes");
    i = next++;
    for (int k = 0; k < 3; ++k) mesh.X(i, k) = scale_m * it->second[k];
  }
  auto node = [&](long tag) {
    const auto it = index.find(tag);
    return it == index.end() ? -1 : it->second;
  };
  std::vector<std::array<int, 8>> hexes;
  std::map<std::string, std::vector<std::vector<int>>> quads;
  std::map<std::string, std::set<int>> node_groups;
  for (const auto& el : raw.elements) {
    if (el.dim == 3 && el.type != 5)
      throw std::invalid_argument(path + ": element type " + std::to_string(el.type) +
                                  " in a volume; only 8-node hexahedra (type 5) are supported");
    std::vector<int> nodes;
    for (long n : el.nodes) nodes.push_back(node(n));
    if (std::count(nodes.begin(), nodes.end(), -1)) continue;  // not on any hexahedron
    if (el.dim == 3) {
      const int c = static_cast<int>(hexes.size());
      hexes.push_back({});
      std::copy(nodes.begin(), nodes.end(), hexes.back().begin());
      for (int tag : el.physical) mesh.regions[group_name(raw, 3, tag)].push_back(c);
      if (el.physical.empty()) mesh.regions["region_0"].push_back(c);
      continue;
    }
    for (int tag : el.physical) {
      const std::string name = group_name(raw, el.dim, tag);
      node_groups[name].insert(nodes.begin(), nodes.end());
      if (el.type == 3) quads[name].push_back(nodes);
    }
  }
  if (hexes.empty()) throw std::invalid_argument(path + ": no hexahedra (Gmsh type 5) in the file");
  mesh.cells.resize(static_cast<long>(hexes.size()), 8);
  for (size_t c = 0; c < hexes.size(); ++c)
    for (int a = 0; a < 8; ++a) mesh.cells(static_cast<long>(c), a) = hexes[c][a];
  for (const auto& [name, set] : node_groups) mesh.node_sets[name].assign(set.begin(), set.end());
  if (!quads.empty()) {
    const FacesByNodes by_nodes = faces_by_nodes(mesh);  // once for every physical surface
    for (const auto& [name, list] : quads) add_faces(by_nodes, list, name, path, mesh.face_sets[name]);
  }
  auto& all = mesh.node_sets["all"];
  all.resize(mesh.n_nodes());
  for (int n = 0; n < mesh.n_nodes(); ++n) all[n] = n;
  return mesh;
}

}  // namespace myo::sim
