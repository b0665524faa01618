#include "myo/sim/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace myo::sim {
namespace {

TEST(JsonWriter, KeepsOrderAndTypes) {
  const std::string text = format_json_object({
      {"zeta", 1.5},
      {"alpha", 3},
      {"count", std::size_t{7}},
      {"big", std::int64_t{-9007199254740993}},
      {"ok", true},
      {"name", "hook tip"},
      {"series", std::vector<double>{0.1, 2.0, -1e-5}},
      {"whole", 3.0},
  });
  EXPECT_EQ(text,
            "{\n"
            "  \"zeta\": 1.5,\n"
            "  \"alpha\": 3,\n"
            "  \"count\": 7,\n"
            "  \"big\": -9007199254740993,\n"
            "  \"ok\": true,\n"
            "  \"name\": \"hook tip\",\n"
            "  \"series\": [0.1, 2.0, -1e-05],\n"
            "  \"whole\": 3.0\n"
            "}\n");
}

TEST(JsonWriter, NonFiniteIsNull) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(format_json_object({{"a", std::nan("")}, {"b", -inf}, {"c", std::vector<double>{inf, 1.0}}}),
            "{\n  \"a\": null,\n  \"b\": null,\n  \"c\": [null, 1.0]\n}\n");
}

TEST(JsonWriter, EscapesStrings) {
  EXPECT_EQ(format_json_object({{"k\"ey", std::string("a\"b\\c\nd\te\x01 \xC2\xB5m")}}),
            "{\n  \"k\\\"ey\": \"a\\\"b\\\\c\\nd\\te\\u0001 \xC2\xB5m\"\n}\n");
}

TEST(JsonWriter, EmptyObjectAndDuplicateKeys) {
  EXPECT_EQ(format_json_object({}), "{}\n");
  EXPECT_THROW(format_json_object({{"a", 1}, {"a", 2}}), std::invalid_argument);
  EXPECT_THROW(JsonValue(std::numeric_limits<std::uint64_t>::max()), std::out_of_range);
}

TEST(JsonWriter, DoublesRoundTrip) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> m(-1.0, 1.0);
  std::uniform_int_distribution<int> e(-300, 300);
  for (int i = 0; i < 5000; ++i) {
    const double v = m(rng) * std::pow(10.0, e(rng));
    if (!std::isfinite(v)) continue;
    const std::string text = format_json_object({{"v", v}});
    const std::string number = text.substr(text.find(':') + 2, text.rfind('\n', text.size() - 2) -
                                                                   text.find(':') - 2);
    ASSERT_EQ(std::strtod(number.c_str(), nullptr), v) << number;
  }
}

TEST(JsonWriter, WritesFile) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("myo_test_json_writer_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "summary.json").string();
  write_json_object(path, {{"peak_contact_pressure_kPa", 42.5}, {"converged", true}});
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  EXPECT_EQ(s.str(), "{\n  \"peak_contact_pressure_kPa\": 42.5,\n  \"converged\": true\n}\n");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  EXPECT_THROW(write_json_object((dir / "no/such/dir/x.json").string(), {}), std::runtime_error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace myo::sim
