#include "myo/sim/result_writer.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

namespace myo::sim {
namespace {

namespace fs = std::filesystem;

/// A fresh directory per test (and per process, so parallel runs do not collide).
class ResultWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("myo_test_result_writer_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

/// Two unit cubes side by side along x: 12 nodes, 2 hex8 cells in VTK order.
Mesh two_hex_mesh() {
  Mesh m;
  m.cell_type = CellType::hex8;
  m.X.resize(12, 3);
  int n = 0;
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 2; ++j)
      for (int i = 0; i < 3; ++i) m.X.row(n++) << 1e-3 * i, 1e-3 * j, 1e-3 * k;
  const auto id = [](int i, int j, int k) { return i + 3 * j + 6 * k; };
  m.cells.resize(2, 8);
  for (int c = 0; c < 2; ++c)
    m.cells.row(c) << id(c, 0, 0), id(c + 1, 0, 0), id(c + 1, 1, 0), id(c, 1, 0), id(c, 0, 1),
        id(c + 1, 0, 1), id(c + 1, 1, 1), id(c, 1, 1);
  m.regions = {{"muscle", {0}}, {"skin", {1}}};
  m.node_sets = {{"bottom", {0, 1, 2, 3, 4, 5}}, {"empty", {}}};
  m.face_sets = {{"top", {{0, 1}, {1, 1}}}};
  return m;
}

/// Two quad4 cells in the (r, z) plane.
Mesh two_quad_mesh() {
  Mesh m;
  m.cell_type = CellType::quad4_axisymmetric;
  m.X.resize(6, 2);
  m.X << 0, 0, 1, 0, 2, 0, 0, 1, 1, 1, 2, 1;
  m.cells.resize(2, 4);
  m.cells << 0, 1, 4, 3, 1, 2, 5, 4;
  m.regions = {{"all", {0, 1}}};
  return m;
}

std::string read_text(const std::string& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

/// A small XML well-formedness check: declarations, comments, balanced tags, quoted unique
/// attributes, entities in text and attribute values. Returns "" when well formed.
std::string xml_problem(const std::string& s) {
  std::vector<std::string> stack;
  int roots = 0;
  std::size_t i = 0;
  const auto entity_ok = [&](std::size_t at) {
    static const std::regex ent("^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");
    return std::regex_search(s.begin() + static_cast<long>(at), s.end(), ent);
  };
  while (i < s.size()) {
    if (s[i] != '<') {
      if (s[i] == '&' && !entity_ok(i)) return "bad entity at " + std::to_string(i);
      if (stack.empty() && !std::isspace(static_cast<unsigned char>(s[i])))
        return "text outside the root at " + std::to_string(i);
      ++i;
      continue;
    }
    if (s.compare(i, 2, "<?") == 0) {
      const auto e = s.find("?>", i);
      if (e == std::string::npos) return "unterminated <?";
      i = e + 2;
    } else if (s.compare(i, 4, "<!--") == 0) {
      const auto e = s.find("-->", i);
      if (e == std::string::npos) return "unterminated comment";
      i = e + 3;
    } else if (s.compare(i, 9, "<!DOCTYPE") == 0) {
      if (roots > 0 || !stack.empty()) return "DOCTYPE after the root";
      const auto gt = s.find('>', i), br = s.find('[', i);
      const auto e = (br != std::string::npos && br < gt) ? s.find("]>", br) + 1 : gt;
      i = e + 1;
    } else if (s.compare(i, 2, "</") == 0) {
      const auto e = s.find('>', i);
      const std::string name = s.substr(i + 2, e - i - 2);
      if (stack.empty() || stack.back() != name) return "mismatched </" + name + ">";
      stack.pop_back();
      i = e + 1;
    } else {
      std::size_t j = i + 1;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' ||
                              s[j] == ':' || s[j] == '-' || s[j] == '.'))
        ++j;
      const std::string name = s.substr(i + 1, j - i - 1);
      if (name.empty()) return "empty tag name at " + std::to_string(i);
      std::set<std::string> attrs;
      while (true) {
        while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
        if (j >= s.size()) return "unterminated <" + name;
        if (s.compare(j, 2, "/>") == 0) {
          j += 2;
          if (stack.empty()) ++roots;
          break;
        }
        if (s[j] == '>') {
          ++j;
          if (stack.empty()) ++roots;
          stack.push_back(name);
          break;
        }
        std::size_t k = j;
        while (k < s.size() && s[k] != '=' && !std::isspace(static_cast<unsigned char>(s[k]))) ++k;
        const std::string attr = s.substr(j, k - j);
        if (attr.empty() || !attrs.insert(attr).second) return "bad attribute in <" + name;
        if (k + 1 >= s.size() || s[k] != '=' || (s[k + 1] != '"' && s[k + 1] != '\''))
          return "unquoted attribute " + attr;
        const char q = s[k + 1];
        const auto e = s.find(q, k + 2);
        if (e == std::string::npos) return "unterminated attribute " + attr;
        for (std::size_t t = k + 2; t < e; ++t) {
          if (s[t] == '<') return "'<' in attribute " + attr;
          if (s[t] == '&' && !entity_ok(t)) return "bad entity in attribute " + attr;
        }
        j = e + 1;
      }
      i = j;
    }
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  if (roots != 1) return "expected one root element, found " + std::to_string(roots);
  return "";
}

/// Checks that every HDF DataItem of the XDMF names result.h5 and a dataset of that shape.
void expect_xdmf_references_valid(const std::string& xdmf, const std::string& h5_path,
                                  int expected_items) {
  const std::string text = read_text(xdmf);
  ASSERT_EQ(xml_problem(text), "");
  EXPECT_NE(text.find("<Xdmf Version=\"3.0\">"), std::string::npos);
  static const std::regex item(
      "<DataItem Format=\"HDF\" Dimensions=\"([0-9]+) ([0-9]+)\"[^>]*>([^:<]+):([^<]+)</DataItem>");
  int n = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), item); it != std::sregex_iterator();
       ++it, ++n) {
    const auto& m = *it;
    EXPECT_EQ(m[3].str(), fs::path(h5_path).filename().string());
    const std::string dataset = m[4].str();
    ASSERT_TRUE(h5_object_exists(h5_path, dataset)) << dataset;
    const RowMatrixXd d = read_dataset(h5_path, dataset);
    EXPECT_EQ(d.rows(), std::stol(m[1].str())) << dataset;
    EXPECT_EQ(d.cols(), std::stol(m[2].str())) << dataset;
  }
  EXPECT_EQ(n, expected_items);
}

std::vector<Field> fields_at(const Mesh& m, double s) {
  Field u{"displacement", "m", false, RowMatrixXd(m.n_nodes(), 3)};
  for (int i = 0; i < m.n_nodes(); ++i) u.values.row(i) << s * i, -s * i, 0.5 * s;
  Field p{"pressure", "Pa", false, RowMatrixXd::Constant(m.n_nodes(), 1, 1000.0 * s)};
  Field sigma{"stress", "Pa", true, RowMatrixXd(m.n_cells(), 9)};
  for (int c = 0; c < m.n_cells(); ++c)
    for (int k = 0; k < 9; ++k) sigma.values(c, k) = s * (10 * c + k);
  return {u, p, sigma};
}

TEST_F(ResultWriterTest, RoundTripsMeshStepsAndHistory) {
  const Mesh mesh = two_hex_mesh();
  const std::string h5 = path("result.h5");
  {
    ResultWriter w(h5, mesh);
    EXPECT_EQ(w.xdmf_path(), path("result.xdmf"));
    w.set_attribute("scenario", "name: demo\nmesh: {thickness: 6 mm}\n");
    EXPECT_EQ(w.write_step(0.0, fields_at(mesh, 0.0)), 0);
    EXPECT_EQ(w.write_step(0.5, fields_at(mesh, 1.0)), 1);
    w.write_history({"time_s", "force_N"}, {"s", "N"}, {{0.0, 0.5}, {0.0, 2.25}});
    w.close();
    w.close();  // twice is fine
    EXPECT_THROW(w.write_step(1.0, {}), std::logic_error);
  }

  EXPECT_EQ(read_string_attribute(h5, "/", "format"), "myorelease-result");
  EXPECT_EQ(read_string_attribute(h5, "/", "format_version"), "1");
  EXPECT_FALSE(read_string_attribute(h5, "/", "version").empty());
  EXPECT_FALSE(read_string_attribute(h5, "/", "build_type").empty());
  EXPECT_EQ(read_string_attribute(h5, "/", "scenario"), "name: demo\nmesh: {thickness: 6 mm}\n");

  EXPECT_EQ(read_dataset(h5, "/mesh/coordinates"), mesh.X);
  EXPECT_EQ(read_dataset(h5, "/mesh/topology"), mesh.cells.cast<double>());
  EXPECT_EQ(read_string_attribute(h5, "/mesh/topology", "cell_type"), "hex8");
  EXPECT_EQ(read_string_attribute(h5, "/mesh/coordinates", "unit"), "m");
  EXPECT_EQ(read_dataset(h5, "/mesh/regions/skin"), RowMatrixXd::Constant(1, 1, 1.0));
  EXPECT_EQ(read_dataset(h5, "/mesh/node_sets/bottom").rows(), 6);
  EXPECT_EQ(read_dataset(h5, "/mesh/node_sets/empty").size(), 0);
  RowMatrixXd top(2, 2);
  top << 0, 1, 1, 1;
  EXPECT_EQ(read_dataset(h5, "/mesh/face_sets/top"), top);

  EXPECT_EQ(h5_list_group(h5, "/steps"), (std::vector<std::string>{"000000", "000001"}));
  EXPECT_EQ(h5_list_group(h5, "/steps/000001"),
            (std::vector<std::string>{"displacement", "pressure", "stress"}));
  EXPECT_EQ(read_double_attribute(h5, "/steps/000001", "time_s"), 0.5);
  const auto expected = fields_at(mesh, 1.0);
  for (const Field& f : expected) {
    const std::string ds = "/steps/000001/" + f.name;
    EXPECT_EQ(read_dataset(h5, ds), f.values) << f.name;
    EXPECT_EQ(read_string_attribute(h5, ds, "unit"), f.unit);
    EXPECT_EQ(read_string_attribute(h5, ds, "location"), f.on_cells ? "cell" : "node");
  }

  EXPECT_EQ(h5_list_group(h5, "/history"), (std::vector<std::string>{"time_s", "force_N"}));
  RowMatrixXd force(2, 1);
  force << 0.0, 2.25;
  EXPECT_EQ(read_dataset(h5, "/history/force_N"), force);
  EXPECT_EQ(read_string_attribute(h5, "/history/force_N", "unit"), "N");

  // 2 steps x (topology + geometry + 3 fields).
  expect_xdmf_references_valid(path("result.xdmf"), h5, 10);
  const std::string x = read_text(path("result.xdmf"));
  EXPECT_NE(x.find("GridType=\"Collection\" CollectionType=\"Temporal\""), std::string::npos);
  EXPECT_NE(x.find("TopologyType=\"Hexahedron\" NumberOfElements=\"2\""), std::string::npos);
  EXPECT_NE(x.find("<Time Value=\"0.5\"/>"), std::string::npos);
  EXPECT_NE(x.find("AttributeType=\"Tensor\" Center=\"Cell\""), std::string::npos);
  EXPECT_NE(x.find("AttributeType=\"Vector\" Center=\"Node\""), std::string::npos);
  EXPECT_NE(x.find("AttributeType=\"Scalar\" Center=\"Node\""), std::string::npos);
  EXPECT_FALSE(fs::exists(path("result.xdmf.tmp")));
}

TEST_F(ResultWriterTest, MeshOnlyXdmfBeforeTheFirstStep) {
  const std::string h5 = path("result.h5");
  ResultWriter w(h5, two_hex_mesh());
  expect_xdmf_references_valid(w.xdmf_path(), h5, 2);
  EXPECT_NE(read_text(w.xdmf_path()).find("GridType=\"Uniform\""), std::string::npos);
}

TEST_F(ResultWriterTest, AxisymmetricMeshIsWrittenAsXyPlane) {
  const Mesh mesh = two_quad_mesh();
  const std::string h5 = path("axi.h5");
  {
    ResultWriter w(h5, mesh);
    Field u{"displacement", "m", false, RowMatrixXd::Constant(6, 2, 0.25)};
    Field s{"stress", "Pa", true, RowMatrixXd::Constant(2, 9, 3.0)};
    w.write_step(1.0, {u, s});
  }
  const RowMatrixXd X = read_dataset(h5, "/mesh/coordinates");
  ASSERT_EQ(X.cols(), 3);
  EXPECT_EQ(X.leftCols(2), mesh.X);
  EXPECT_TRUE(X.col(2).isZero());
  EXPECT_EQ(read_string_attribute(h5, "/mesh/topology", "cell_type"), "quad4_axisymmetric");
  const RowMatrixXd u = read_dataset(h5, "/steps/000000/displacement");
  ASSERT_EQ(u.cols(), 3);
  EXPECT_TRUE((u.leftCols(2).array() == 0.25).all());
  EXPECT_TRUE(u.col(2).isZero());
  expect_xdmf_references_valid(path("axi.xdmf"), h5, 4);
  EXPECT_NE(read_text(path("axi.xdmf")).find("TopologyType=\"Quadrilateral\""), std::string::npos);
}

TEST_F(ResultWriterTest, FlushedFileIsValidWhileTheWriterIsOpen) {
  const Mesh mesh = two_hex_mesh();
  const std::string h5 = path("result.h5");
  ResultWriter w(h5, mesh);
  w.write_step(0.0, fields_at(mesh, 0.0));
  w.write_step(1.0, fields_at(mesh, 1.0));
  // What is on disk now is what a crash would leave: copy it and read the copy alone.
  const std::string snap_dir = path("snapshot");
  fs::create_directories(snap_dir);
  fs::copy_file(h5, snap_dir + "/result.h5");
  fs::copy_file(w.xdmf_path(), snap_dir + "/result.xdmf");
  EXPECT_EQ(h5_list_group(snap_dir + "/result.h5", "/steps"),
            (std::vector<std::string>{"000000", "000001"}));
  EXPECT_EQ(read_dataset(snap_dir + "/result.h5", "/steps/000001/stress"),
            fields_at(mesh, 1.0)[2].values);
  expect_xdmf_references_valid(snap_dir + "/result.xdmf", snap_dir + "/result.h5", 10);
  // Reading through a second handle while the writer is open works too.
  EXPECT_EQ(read_dataset(h5, "/steps/000000/pressure").rows(), mesh.n_nodes());
  w.write_step(2.0, fields_at(mesh, 2.0));
  EXPECT_EQ(h5_list_group(h5, "/steps").size(), 3u);
}

TEST_F(ResultWriterTest, CrashedRunKeepsEveryWrittenStep) {
  const Mesh mesh = two_hex_mesh();
  const std::string h5 = path("result.h5");
  // The child process writes two steps and dies without closing anything.
  EXPECT_EXIT(
      {
        auto* w = new ResultWriter(h5, mesh);
        w->write_step(0.0, fields_at(mesh, 0.0));
        w->write_step(0.25, fields_at(mesh, 1.0));
        w->write_history({"time_s"}, {"s"}, {{0.0, 0.25}});
        std::_Exit(3);
      },
      ::testing::ExitedWithCode(3), "");
  EXPECT_EQ(h5_list_group(h5, "/steps"), (std::vector<std::string>{"000000", "000001"}));
  EXPECT_EQ(read_double_attribute(h5, "/steps/000001", "time_s"), 0.25);
  EXPECT_EQ(read_dataset(h5, "/steps/000001/displacement"), fields_at(mesh, 1.0)[0].values);
  EXPECT_EQ(read_dataset(h5, "/history/time_s").rows(), 2);
  expect_xdmf_references_valid(path("result.xdmf"), h5, 10);
}

TEST_F(ResultWriterTest, DestructorWithoutCloseLeavesAValidFile) {
  const Mesh mesh = two_hex_mesh();
  const std::string h5 = path("result.h5");
  {
    ResultWriter w(h5, mesh);
    w.write_step(0.0, fields_at(mesh, 0.0));
  }
  EXPECT_EQ(h5_list_group(h5, "/steps"), (std::vector<std::string>{"000000"}));
  expect_xdmf_references_valid(path("result.xdmf"), h5, 5);
}

TEST_F(ResultWriterTest, HistoryRewriteReusesDatasets) {
  const std::string h5 = path("result.h5");
  ResultWriter w(h5, two_hex_mesh());
  std::vector<double> t, f;
  w.write_history({"time_s", "force_N"}, {"s", "N"}, {t, f});
  EXPECT_EQ(read_dataset(h5, "/history/time_s").rows(), 0);
  for (int k = 0; k < 300; ++k) {
    t.push_back(k);
    f.push_back(2.0 * k);
    w.write_history({"time_s", "force_N"}, {"s", "N"}, {t, f});
  }
  const auto size_after_300 = fs::file_size(h5);
  for (int k = 300; k < 600; ++k) {
    t.push_back(k);
    f.push_back(2.0 * k);
    w.write_history({"time_s", "force_N"}, {"s", "N"}, {t, f});
  }
  // Two more chunks of 256 rows per column at most, not 300 copies of the table.
  EXPECT_LT(fs::file_size(h5), size_after_300 + 3 * 2 * 256 * 8 + 4096);
  const RowMatrixXd force = read_dataset(h5, "/history/force_N");
  ASSERT_EQ(force.rows(), 600);
  EXPECT_EQ(force(599, 0), 1198.0);
  // A different column set replaces the table.
  w.write_history({"depth_m"}, {"m"}, {{0.001}});
  EXPECT_EQ(h5_list_group(h5, "/history"), (std::vector<std::string>{"depth_m"}));
  EXPECT_FALSE(h5_object_exists(h5, "/history/force_N"));
}

TEST_F(ResultWriterTest, RejectsBadInputWithoutWriting) {
  const Mesh mesh = two_hex_mesh();
  const std::string h5 = path("result.h5");
  ResultWriter w(h5, mesh);
  Field wrong_rows{"u", "m", false, RowMatrixXd::Zero(3, 3)};
  EXPECT_THROW(w.write_step(0.0, {wrong_rows}), std::invalid_argument);
  Field slash{"a/b", "m", false, RowMatrixXd::Zero(12, 3)};
  EXPECT_THROW(w.write_step(0.0, {slash}), std::invalid_argument);
  Field ok{"u", "m", false, RowMatrixXd::Zero(12, 3)};
  EXPECT_THROW(w.write_step(0.0, {ok, ok}), std::invalid_argument);
  EXPECT_EQ(w.n_steps(), 0);
  EXPECT_TRUE(h5_list_group(h5, "/steps").empty());
  EXPECT_THROW(w.write_history({"a", "b"}, {"s", "s"}, {{1.0}, {1.0, 2.0}}), std::invalid_argument);
  EXPECT_THROW(w.write_history({"a"}, {}, {{1.0}}), std::invalid_argument);

  Mesh bad = mesh;
  bad.cells(1, 3) = 12;
  EXPECT_THROW(ResultWriter(path("bad.h5"), bad), std::invalid_argument);
  EXPECT_FALSE(fs::exists(path("bad.h5")));
  EXPECT_THROW(ResultWriter(path("no/such/dir/result.h5"), mesh), std::runtime_error);

  EXPECT_THROW(read_dataset(h5, "/steps/000007/u"), std::runtime_error);
  EXPECT_THROW(read_dataset(path("missing.h5"), "/mesh/coordinates"), std::runtime_error);
  EXPECT_FALSE(h5_object_exists(h5, "/steps/000000"));
}

}  // namespace
}  // namespace myo::sim
