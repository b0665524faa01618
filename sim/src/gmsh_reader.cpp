#include "myo/sim/gmsh_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <new>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace myo::sim {
namespace {

using Int = std::int64_t;
constexpr Int kIntMax = std::numeric_limits<Int>::max();
constexpr Int kTagMin = std::numeric_limits<int>::min();  // tags that are stored as int
constexpr Int kTagMax = std::numeric_limits<int>::max();
// Larger files are refused: up to 2 GiB every node, cell and group count fits in an int, and
// what the reader holds stays a few times the file's size.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 31;

[[noreturn]] void fail_at(const std::string& file, Int line, const std::string& section, const std::string& problem) {
  throw std::invalid_argument(file + ": line " + std::to_string(line) + " (" + section + "): " + problem);
}

/// A word of the file as a message shows it: short, and one printable line whatever the bytes.
std::string shown(std::string_view word) {
  std::string out(word.substr(0, 40));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  return word.size() > 40 ? out + "..." : out;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'; }

/// What both format versions reduce to before the Mesh is assembled. Elements share their lists
/// of physical tags and keep their nodes in one array, so that memory follows the file's size
/// (a copied list per element would multiply an entity's tags by its elements).
struct RawMesh {
  std::map<Int, std::array<double, 3>> nodes;                 ///< Gmsh node tag -> (x, y, z)
  std::map<std::pair<int, int>, std::string> physical_names;  ///< (dim, tag) -> name
  std::vector<std::vector<int>> groups = {{}};                ///< lists of physical tags; 0: none
  std::map<std::pair<int, int>, int> entity_groups;           ///< 4.1 (dim, entity) -> index in groups
  struct Element {
    int type = 0;
    int dim = 0;
    int n_nodes = 0;
    int groups = 0;       ///< index in `groups`
    Int line = 0;         ///< where the element is written, for the messages of read_gmsh
    size_t first = 0;     ///< its first node tag in element_nodes
  };
  std::vector<Element> elements;
  std::vector<Int> element_nodes;
  std::vector<std::pair<Int, Int>> element_tags;  ///< (tag, line), to find a tag written twice
  Int memberships = 0;  ///< sum over elements of their physical tags: the size of the groups built
};

/// The file's text, cut into whitespace-separated words, with the line of the last word read and
/// the section being read, so that every message can say where the problem is.
class Tokens {
 public:
  Tokens(std::string text, std::string file) : text_(std::move(text)), file_(std::move(file)) {}

  /// The next word; empty at the end of the file.
  std::string_view word() {
    while (pos_ < text_.size() && is_space(text_[pos_])) line_ += text_[pos_++] == '\n';
    const size_t start = pos_;
    while (pos_ < text_.size() && !is_space(text_[pos_])) ++pos_;
    if (pos_ > start) word_line_ = line_;
    return std::string_view(text_).substr(start, pos_ - start);
  }
  /// The next word, which the section needs: the end of the file here is an error.
  std::string_view required(const std::string& what) {
    const std::string_view w = word();
    if (w.empty()) fail("the file ends inside " + section_ + "; expected " + what);
    return w;
  }
  Int integer(const std::string& what, Int lo, Int hi) { return parse_int(required(what), what, lo, hi, ""); }
  /// A number of items that each take at least `bytes_per_item` bytes of the rest of the file
  /// (two per word: a character and a separator). A larger count cannot be true, and checking it
  /// here keeps a corrupt count from sizing anything or running a loop past the data.
  Int count(const std::string& what, Int bytes_per_item) {
    const std::string_view w = required(what);
    const Int room = static_cast<Int>(text_.size() - pos_) / bytes_per_item;
    return parse_int(w, what, 0, room, " (what the rest of the file can hold)");
  }
  /// A number; `finite` refuses nan and inf, which a coordinate cannot be.
  double real(const std::string& what, bool finite = true);
  /// A name in double quotes, which ends on its line (as Gmsh reads it).
  std::string quoted(const std::string& what);
  void skip_to(const std::string& end) {
    for (std::string_view w = word(); w != end; w = word())
      if (w.empty()) fail_at(file_, section_line_, section_, "the file ends inside the section; expected " + shown(end));
  }
  void expect_end(const std::string& end) {
    const std::string_view w = required(end);
    if (w != end) fail("expected " + end + ", found " + shown(w));
  }
  void section(std::string name) {
    section_ = std::move(name);
    section_line_ = word_line_;
  }
  [[noreturn]] void fail(const std::string& problem) const { fail_at(file_, word_line_, section_, problem); }
  Int line() const { return word_line_; }
  Int file_size() const { return static_cast<Int>(text_.size()); }

 private:
  Int parse_int(std::string_view w, const std::string& what, Int lo, Int hi, const char* why) const;

  std::string text_;
  std::string file_;
  size_t pos_ = 0;
  Int line_ = 1;       ///< line of pos_ (1-based)
  Int word_line_ = 1;  ///< line of the last word read
  std::string section_ = "header";
  Int section_line_ = 1;
};

/// Gmsh never writes a leading '+', but other writers may and from_chars refuses it.
std::string_view without_plus(std::string_view w) {
  return w.size() > 1 && w[0] == '+' && w[1] != '-' && w[1] != '+' ? w.substr(1) : w;
}

Int Tokens::parse_int(std::string_view w, const std::string& what, Int lo, Int hi, const char* why) const {
  const std::string_view digits = without_plus(w);
  Int value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc::invalid_argument || end != digits.data() + digits.size())
    fail(what + " " + shown(w) + " is not a whole number");
  if (ec == std::errc::result_out_of_range || value < lo || value > hi)
    fail(what + " " + shown(w) + " is impossible; expected " + std::to_string(lo) + " to " + std::to_string(hi) + why);
  return value;
}

double Tokens::real(const std::string& what, bool finite) {
  const std::string_view w = required(what);
  const std::string_view digits = without_plus(w);
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc::invalid_argument || end != digits.data() + digits.size()) fail(what + " " + shown(w) + " is not a number");
  // Too small to represent is zero (as the stream reading did before); too large is an error.
  const bool underflow = ec == std::errc::result_out_of_range &&
                         (digits.find("e-") != std::string_view::npos || digits.find("E-") != std::string_view::npos);
  if (underflow) return 0.0;
  if (finite && (ec == std::errc::result_out_of_range || !std::isfinite(value)))
    fail(what + " " + shown(w) + " is not a finite number");
  return value;
}

std::string Tokens::quoted(const std::string& what) {
  const std::string_view w = required(what);
  pos_ -= w.size();  // the name may hold spaces: it is read from its opening quote, not as a word
  if (w[0] != '"') fail("expected " + what + " in double quotes, found " + shown(w));
  const size_t close = text_.find_first_of("\"\n", pos_ + 1);
  if (close == std::string::npos || text_[close] != '"') {
    const size_t eol = std::min(text_.find('\n', pos_), text_.size());
    fail(what + " " + shown(std::string_view(text_).substr(pos_, eol - pos_)) + " never closes (no closing \" on its line)");
  }
  std::string name = text_.substr(pos_ + 1, close - pos_ - 1);
  pos_ = close + 1;
  return name;
}

/// The whole file as text. Only a regular file is opened: a directory cannot be read, and a
/// device or a pipe may never end.
std::string read_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw std::invalid_argument(path + ": cannot open the mesh file (it does not exist)");
  if (fs::is_directory(status)) throw std::invalid_argument(path + ": cannot open the mesh file: it is a directory");
  if (!fs::is_regular_file(status)) throw std::invalid_argument(path + ": cannot open the mesh file: it is not a regular file");
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw std::invalid_argument(path + ": cannot open the mesh file (" + ec.message() + ")");
  if (size > kMaxFileBytes)
    throw std::invalid_argument(path + ": the file has " + std::to_string(size) + " bytes; meshes up to " +
                                std::to_string(kMaxFileBytes) + " bytes (2 GiB) are read");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot open the mesh file");
  std::string text;
  try {
    text.resize(size);
  } catch (const std::bad_alloc&) {
    throw std::invalid_argument(path + ": not enough memory to read its " + std::to_string(size) + " bytes");
  }
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<size_t>(in.gcount()));  // a file that shrank meanwhile is read as it now is
  return text;
}

int element_dim(int type) {
  switch (type) {
    case 15: return 0;  // point
    case 1: return 1;   // line
    case 2: case 3: return 2;  // triangle, quadrangle
    default: return 3;
  }
}

int nodes_of_type(const Tokens& t, int type) {
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
      t.fail("element type " + std::to_string(type) + " is not supported (first-order cells only)");
  }
}

std::string read_format(Tokens& t) {
  const std::string version(t.required("the format version"));
  if (t.integer("file type", 0, 1) != 0) t.fail("binary .msh files are not supported; save as ASCII");
  if (version != "4.1" && version.rfind("2.", 0) != 0) t.fail(".msh format " + shown(version) + " is not supported (4.1 or 2.2)");
  t.skip_to("$EndMeshFormat");
  return version;
}

void read_physical_names(Tokens& t, RawMesh& raw) {
  const Int n = t.count("number of physical names", 6);  // dimension, tag, "": three words
  for (Int i = 0; i < n; ++i) {
    const int dim = static_cast<int>(t.integer("physical dimension", 0, 3));
    const int tag = static_cast<int>(t.integer("physical tag", kTagMin, kTagMax));
    if (!raw.physical_names.emplace(std::pair{dim, tag}, t.quoted("physical name")).second)
      t.fail("physical group (dimension " + std::to_string(dim) + ", tag " + std::to_string(tag) + ") is named twice");
  }
  t.expect_end("$EndPhysicalNames");
}

/// One entity of $Entities: its physical tags become a shared list of raw.groups.
void read_entity_41(Tokens& t, int dim, RawMesh& raw) {
  const int tag = static_cast<int>(t.integer("entity tag", kTagMin, kTagMax));
  for (int k = 0; k < (dim == 0 ? 3 : 6); ++k) t.real("bounding box", false);  // unused; Gmsh may write inf
  const Int np = t.count("number of physical tags", 2);
  std::vector<int> physical;
  for (Int k = 0; k < np; ++k) physical.push_back(static_cast<int>(t.integer("physical tag", kTagMin, kTagMax)));
  std::sort(physical.begin(), physical.end());  // the order of an entity's groups does not matter
  const auto twice = std::adjacent_find(physical.begin(), physical.end());
  if (twice != physical.end())
    t.fail("physical tag " + std::to_string(*twice) + " appears twice for entity " + std::to_string(tag));
  if (dim > 0) {
    const Int nb = t.count("number of bounding entities", 2);
    for (Int k = 0; k < nb; ++k) t.integer("bounding entity", kTagMin, kTagMax);  // signed: orientation
  }
  const int index = physical.empty() ? 0 : static_cast<int>(raw.groups.size());
  if (!raw.entity_groups.emplace(std::pair{dim, tag}, index).second)
    t.fail("entity (dimension " + std::to_string(dim) + ", tag " + std::to_string(tag) + ") is defined twice");
  if (index) raw.groups.push_back(std::move(physical));
}

void read_entities_41(Tokens& t, RawMesh& raw) {
  static const char* const names[4] = {"number of points", "number of curves", "number of surfaces", "number of volumes"};
  Int count[4];
  // A point takes a tag, three coordinates and a count (5 words); others 9 words at least.
  for (int dim = 0; dim < 4; ++dim) count[dim] = t.count(names[dim], dim == 0 ? 10 : 18);
  for (int dim = 0; dim < 4; ++dim)
    for (Int e = 0; e < count[dim]; ++e) read_entity_41(t, dim, raw);
  t.expect_end("$EndEntities");
}

/// A node tag, new in the file: its coordinates, to be filled.
std::array<double, 3>& add_node(Tokens& t, RawMesh& raw) {
  const Int tag = t.integer("node tag", 1, kIntMax);  // Gmsh's tags are strictly positive
  const auto [it, fresh] = raw.nodes.try_emplace(tag);
  if (!fresh) t.fail("node tag " + std::to_string(tag) + " appears twice");
  return it->second;
}

std::array<double, 3> read_point(Tokens& t) { return {t.real("x"), t.real("y"), t.real("z")}; }

void read_node_block_41(Tokens& t, RawMesh& raw) {
  t.integer("block dimension", 0, 3);
  t.integer("block entity", kTagMin, kTagMax);
  if (t.integer("parametric flag", 0, 1) != 0) t.fail("parametric nodes are not supported");
  const Int n = t.count("block size", 8);  // a tag and three coordinates per node
  std::vector<std::array<double, 3>*> coordinates;  // the tags come first, then the coordinates
  for (Int i = 0; i < n; ++i) coordinates.push_back(&add_node(t, raw));
  for (auto* x : coordinates) *x = read_point(t);
}

void read_nodes_41(Tokens& t, RawMesh& raw) {
  const Int blocks = t.count("number of node blocks", 8);  // a block header has four words
  t.count("number of nodes", 8);
  t.integer("smallest node tag", 0, kIntMax);
  t.integer("largest node tag", 0, kIntMax);
  for (Int b = 0; b < blocks; ++b) read_node_block_41(t, raw);
  t.expect_end("$EndNodes");
}

void read_nodes_22(Tokens& t, RawMesh& raw) {
  const Int n = t.count("number of nodes", 8);
  for (Int i = 0; i < n; ++i) {
    auto& x = add_node(t, raw);
    x = read_point(t);
  }
  t.expect_end("$EndNodes");
}

/// The solver has hexahedra only: any other cell in a volume is an error, not a cell left out.
void check_volume_type(const Tokens& t, int type) {
  if (element_dim(type) == 3 && type != 5)
    t.fail("element type " + std::to_string(type) + " in a volume; only 8-node hexahedra (type 5) are supported");
}

/// An element whose tag has been read: its nodes, each of which must be in $Nodes (which Gmsh
/// writes before $Elements), so that the message can name the element's line.
void add_element(Tokens& t, RawMesh& raw, RawMesh::Element el, Int tag) {
  raw.element_tags.emplace_back(tag, el.line);
  el.first = raw.element_nodes.size();
  for (int a = 0; a < el.n_nodes; ++a) {
    const Int node = t.integer("element node", 1, kIntMax);
    if (!raw.nodes.count(node)) t.fail("an element uses node " + std::to_string(node) + ", which is not in $Nodes");
    raw.element_nodes.push_back(node);
  }
  // A point, line or surface of no physical group gives the mesh nothing: not kept, to hold less.
  if (el.dim < 3 && raw.groups[el.groups].empty())
    raw.element_nodes.resize(el.first);
  else
    raw.elements.push_back(el);
}

/// The group list of a 4.1 block's entity. Its memberships are counted: an entity in many
/// physical groups times many elements must not build more groups than the file's size allows.
int block_groups_41(const Tokens& t, RawMesh& raw, int dim, int entity, Int n) {
  const auto it = raw.entity_groups.find({dim, entity});
  const int index = it == raw.entity_groups.end() ? 0 : it->second;
  const Int tags = static_cast<Int>(raw.groups[index].size());
  raw.memberships += n * tags;  // both factors are below 2^31: no overflow
  if (raw.memberships > t.file_size())
    t.fail("block size " + std::to_string(n) + " times the " + std::to_string(tags) +
           " physical tags of its entity makes " + std::to_string(raw.memberships) +
           " memberships of physical groups in all; expected at most " + std::to_string(t.file_size()) +
           " (the file's size)");
  return index;
}

void read_element_block_41(Tokens& t, RawMesh& raw) {
  const int dim = static_cast<int>(t.integer("block dimension", 0, 3));
  const int entity = static_cast<int>(t.integer("block entity", kTagMin, kTagMax));
  const int type = static_cast<int>(t.integer("element type", kTagMin, kTagMax));
  const int nn = nodes_of_type(t, type);
  if (element_dim(type) != dim)
    t.fail("element type " + std::to_string(type) + " has dimension " + std::to_string(element_dim(type)) +
           ", not its block's " + std::to_string(dim));
  check_volume_type(t, type);
  const Int n = t.count("block size", 2 * (nn + 1));  // a tag and nn nodes per element
  const int groups = block_groups_41(t, raw, dim, entity, n);
  for (Int e = 0; e < n; ++e) {
    const Int tag = t.integer("element tag", 1, kIntMax);
    add_element(t, raw, {type, dim, nn, groups, t.line(), 0}, tag);
  }
}

void read_elements_41(Tokens& t, RawMesh& raw) {
  const Int blocks = t.count("number of element blocks", 8);  // a block header has four words
  t.count("number of elements", 4);
  t.integer("smallest element tag", 0, kIntMax);
  t.integer("largest element tag", 0, kIntMax);
  for (Int b = 0; b < blocks; ++b) read_element_block_41(t, raw);
  t.expect_end("$EndElements");
}

/// The one-tag group list of a 2.2 physical tag, made once (0: no physical group).
int group_22(RawMesh& raw, std::map<int, int>& group_of, int physical) {
  if (physical == 0) return 0;
  const auto [it, fresh] = group_of.try_emplace(physical, static_cast<int>(raw.groups.size()));
  if (fresh) raw.groups.push_back({physical});
  return it->second;
}

/// An element of format 2.2: tag, type, its tags (the first is the physical group), its nodes.
void read_element_22(Tokens& t, RawMesh& raw, std::map<int, int>& group_of) {
  const Int tag = t.integer("element tag", 1, kIntMax);
  const Int line = t.line();
  const int type = static_cast<int>(t.integer("element type", kTagMin, kTagMax));
  const int nn = nodes_of_type(t, type);
  check_volume_type(t, type);
  const Int ntags = t.count("number of tags", 2);
  int physical = 0;
  for (Int k = 0; k < ntags; ++k) {
    const int value = static_cast<int>(t.integer("tag", kTagMin, kTagMax));
    if (k == 0) physical = value;
  }
  add_element(t, raw, {type, element_dim(type), nn, group_22(raw, group_of, physical), line, 0}, tag);
}

void read_elements_22(Tokens& t, RawMesh& raw) {
  const Int n = t.count("number of elements", 8);  // tag, type, number of tags, a node
  std::map<int, int> group_of;
  for (Int e = 0; e < n; ++e) read_element_22(t, raw, group_of);
  t.expect_end("$EndElements");
}

/// Gmsh's element tags are unique; one written twice means a damaged or concatenated file.
void check_element_tags(RawMesh& raw, const std::string& path) {
  auto& tags = raw.element_tags;
  std::sort(tags.begin(), tags.end());
  const auto twice = std::adjacent_find(tags.begin(), tags.end(), [](const auto& a, const auto& b) { return a.first == b.first; });
  if (twice != tags.end())
    fail_at(path, std::next(twice)->second, "$Elements", "element tag " + std::to_string(twice->first) +
                                                             " appears twice (first on line " + std::to_string(twice->second) + ")");
  tags = {};
}

/// One section, its name just read. Sections that carry mesh data need the format first.
void read_section(Tokens& t, const std::string& name, std::string& version, RawMesh& raw) {
  const bool end = name.rfind("$End", 0) == 0;
  t.section(end ? "between sections" : shown(name));  // an unknown name may hold any bytes
  if (end) t.fail(shown(name) + " without its section's start");
  if (name == "$MeshFormat") {
    version = read_format(t);
    return;
  }
  const bool data = name == "$PhysicalNames" || name == "$Entities" || name == "$Nodes" || name == "$Elements";
  if (data && version.empty()) t.fail("no $MeshFormat section before " + name + "; not a Gmsh mesh file");
  if (name == "$PhysicalNames") {
    read_physical_names(t, raw);
  } else if (name == "$Entities") {
    read_entities_41(t, raw);
  } else if (name == "$Nodes") {
    version == "4.1" ? read_nodes_41(t, raw) : read_nodes_22(t, raw);
  } else if (name == "$Elements") {
    version == "4.1" ? read_elements_41(t, raw) : read_elements_22(t, raw);
  } else {
    t.skip_to("$End" + name.substr(1));
  }
}

RawMesh read_raw(const std::string& path) {
  Tokens t(read_file(path), path);
  RawMesh raw;
  std::string version;
  for (std::string_view w = t.word(); !w.empty(); w = t.word())
    if (w.size() > 1 && w[0] == '$') read_section(t, std::string(w), version, raw);  // other words: ignored
  if (version.empty()) throw std::invalid_argument(path + ": no $MeshFormat section; not a Gmsh mesh file");
  check_element_tags(raw, path);
  return raw;
}

std::string group_name(const RawMesh& raw, int dim, int tag) {
  const auto it = raw.physical_names.find({dim, tag});
  return it != raw.physical_names.end() ? it->second : "region_" + std::to_string(tag);
}

/// Mesh node index of every node tag a hexahedron uses, in tag order. Only these become mesh
/// nodes: a geometry point no cell uses would be a zero row of the stiffness matrix.
std::map<Int, int> hex_node_index(const RawMesh& raw) {
  std::map<Int, int> index;
  for (const auto& el : raw.elements)
    if (el.dim == 3)
      for (int a = 0; a < el.n_nodes; ++a) index.emplace(raw.element_nodes[el.first + a], 0);
  int next = 0;
  for (auto& entry : index) entry.second = next++;
  return index;
}

std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}

/// Coordinates in m. A finite coordinate times the scale can still overflow.
void set_coordinates(const RawMesh& raw, const std::map<Int, int>& index, double scale_m, const std::string& path, Mesh& mesh) {
  mesh.X.resize(static_cast<Eigen::Index>(index.size()), 3);
  for (const auto& [tag, i] : index)
    for (int k = 0; k < 3; ++k) {
      const double x = raw.nodes.at(tag)[k];  // add_element checked that every node is in $Nodes
      mesh.X(i, k) = scale_m * x;
      if (!std::isfinite(mesh.X(i, k)))
        throw std::invalid_argument(path + ": node " + std::to_string(tag) + ": coordinate " + number(x) +
                                    " times the scale " + number(scale_m) + " is not a finite number");
    }
}

struct Quad {
  std::array<int, 4> nodes;
  Int line;
};

/// What the elements give before the Mesh is filled.
struct Parts {
  std::vector<std::array<int, 8>> hexes;
  std::map<std::string, std::vector<Quad>> quads;       ///< physical surface -> its quadrangles
  std::map<std::string, std::vector<int>> node_groups;  ///< physical group -> its nodes (repeated)
};

/// An element's contribution; elements with a node on no hexahedron are left out.
void add_to_parts(const RawMesh& raw, const RawMesh::Element& el, const std::map<Int, int>& index, Mesh& mesh, Parts& parts) {
  std::array<int, 8> nodes{};  // no supported type has more than 8 nodes
  for (int a = 0; a < el.n_nodes; ++a) {
    const auto it = index.find(raw.element_nodes[el.first + a]);
    if (it == index.end()) return;
    nodes[a] = it->second;
  }
  const auto& physical = raw.groups[el.groups];
  if (el.dim == 3) {
    const int c = static_cast<int>(parts.hexes.size());
    parts.hexes.push_back(nodes);
    for (int tag : physical) mesh.regions[group_name(raw, 3, tag)].push_back(c);
    if (physical.empty()) mesh.regions["region_0"].push_back(c);
    return;
  }
  for (int tag : physical) {
    const std::string name = group_name(raw, el.dim, tag);
    auto& group = parts.node_groups[name];
    group.insert(group.end(), nodes.begin(), nodes.begin() + el.n_nodes);
    if (el.type == 3) parts.quads[name].push_back({{nodes[0], nodes[1], nodes[2], nodes[3]}, el.line});
  }
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
void add_faces(const FacesByNodes& by_nodes, const std::vector<Quad>& quads, const std::string& name,
               const std::string& path, std::vector<Face>& out) {
  for (const auto& q : quads) {
    std::array<int, 4> key = q.nodes;
    std::sort(key.begin(), key.end());
    const auto it = by_nodes.find(key);
    if (it == by_nodes.end())
      fail_at(path, q.line, "$Elements", "a quadrangle of physical surface \"" + shown(name) + "\" is not a face of any hexahedron");
    out.push_back(it->second);
  }
}

}  // namespace

Mesh read_gmsh(const std::string& path, double scale_m) {
  const RawMesh raw = read_raw(path);
  Mesh mesh;
  mesh.cell_type = CellType::hex8;
  const std::map<Int, int> index = hex_node_index(raw);
  set_coordinates(raw, index, scale_m, path, mesh);
  Parts parts;
  for (const auto& el : raw.elements) add_to_parts(raw, el, index, mesh, parts);
  if (parts.hexes.empty()) throw std::invalid_argument(path + ": no hexahedra (Gmsh type 5) in the file");
  mesh.cells.resize(static_cast<Eigen::Index>(parts.hexes.size()), 8);
  for (size_t c = 0; c < parts.hexes.size(); ++c)
    for (int a = 0; a < 8; ++a) mesh.cells(static_cast<Eigen::Index>(c), a) = parts.hexes[c][a];
  for (auto& [name, nodes] : parts.node_groups) {
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    mesh.node_sets[name] = std::move(nodes);
  }
  if (!parts.quads.empty()) {
    const FacesByNodes by_nodes = faces_by_nodes(mesh);  // once for every physical surface
    for (const auto& [name, list] : parts.quads) add_faces(by_nodes, list, name, path, mesh.face_sets[name]);
  }
  auto& all = mesh.node_sets["all"];
  all.resize(mesh.n_nodes());
  for (int n = 0; n < mesh.n_nodes(); ++n) all[n] = n;
  return mesh;
}

}  // namespace myo::sim
