// User text in messages: UTF-8 validity, quoting with a bound, the output-name rule, and the
// one-line message every ScenarioError carries.
#include "myo/sim/input_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../error_of.hpp"
#include "myo/sim/scenario_error.hpp"

namespace myo::sim {
namespace {

using myo::test::error_of;

TEST(InputText, FindsTheFirstByteThatIsNotUtf8) {
  EXPECT_EQ(first_invalid_utf8("6 \xC2\xB5m and \xCE\xBC and \xE2\x82\xAC \xF0\x9F\x98\x80"), std::string::npos);
  EXPECT_EQ(first_invalid_utf8("6 \xB5m"), 2u);          // Latin-1 micro sign
  EXPECT_EQ(first_invalid_utf8("ab\xC0\x80"), 2u);       // overlong NUL
  EXPECT_EQ(first_invalid_utf8("\xED\xA0\x80"), 0u);     // a surrogate
  EXPECT_EQ(first_invalid_utf8("x\xF4\x90\x80\x80"), 1u); // above U+10FFFF
  EXPECT_EQ(first_invalid_utf8("\xE2\x82"), 0u);         // cut short
  EXPECT_EQ(valid_utf8("6 \xB5m"), "6 \\xB5m");
}

TEST(InputText, QuotesWithABoundAndNeverCutsACharacter) {
  EXPECT_EQ(quote_input("6 mm"), "\"6 mm\"");
  EXPECT_EQ(quote_input("a\nb\x01"), "\"a\\nb\\x01\"");
  std::string long_e;
  for (int i = 0; i < 30000; ++i) long_e += "\xC3\xA9";  // e acute, two bytes each
  const std::string q = quote_input(long_e, 10);
  EXPECT_EQ(first_invalid_utf8(q), std::string::npos) << q;
  EXPECT_NE(q.find("(30000 characters)"), std::string::npos) << q;
  EXPECT_LT(q.size(), 60u);
}

TEST(InputText, OutputNamesAreOnePathComponent) {
  for (const char* good : {"block_compression", "a", "run-2.v3", "_x", "9lives"})
    EXPECT_NO_THROW(check_output_name(good, "name")) << good;
  const std::vector<std::string> bad = {"", ".", "..", "../x", "a/b", "/tmp/abs", "-rf", ".hidden",
                                        "sp ace", "\xC3\xA9", std::string(101, 'a'), std::string(30000, 'a')};
  for (const std::string& name : bad) {
    const std::string e = error_of([&] { check_output_name(name, "variants.x"); });
    EXPECT_EQ(e.rfind("variants.x: ", 0), 0u) << e;
    EXPECT_NE(e.find("one path component"), std::string::npos) << e;
    EXPECT_LT(e.size(), 400u) << e;
  }
}

TEST(InputText, ScenarioErrorsAreOneLineOfValidUtf8) {
  const ScenarioError e("name: \"\\\xC3\": bad\nsecond line");
  const std::string m = e.what();
  EXPECT_EQ(first_invalid_utf8(m), std::string::npos) << m;
  EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  EXPECT_NE(m.find("\\xC3"), std::string::npos) << m;
  const ScenarioError big(std::string(100000, 'k') + "\xC3\xA9");
  EXPECT_LT(std::string(big.what()).size(), 2100u);
  EXPECT_EQ(first_invalid_utf8(big.what()), std::string::npos);
}

}  // namespace
}  // namespace myo::sim
