#include "protocol/json_text.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kinesisd::protocol {

TEST(JsonText, EscapedStringsParseBackToTheOriginal) {
  const std::string tricky =
      std::string("quote \" backslash \\ tab \t nl \n ctl ") + '\x01' + " unicode \xc3\xa9 end";
  std::string out;
  append_json_string(out, tricky);
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), tricky);
}

// json_string_max_size bounds what write_json_string writes: a text of
// control characters only reaches it, and nothing is written after the end
// it returns.
TEST(JsonText, WritesInPlaceWithinItsBound) {
  for (size_t size = 0; size < 20; ++size) {
    const std::string text(size, '\x01');
    std::string buffer(json_string_max_size(size) + 4, '#');
    char* end = write_json_string(buffer.data(), text);
    ASSERT_EQ(static_cast<size_t>(end - buffer.data()), json_string_max_size(size));
    EXPECT_EQ(buffer.substr(json_string_max_size(size)), "####");
    EXPECT_EQ(nlohmann::json::parse(std::string(buffer.data(), end)).get<std::string>(), text);
  }
  std::string empty;
  append_json_string(empty, std::string_view());
  EXPECT_EQ(empty, R"("")");
}

TEST(JsonText, EpochSecondsKeepMilliseconds) {
  auto text = [](int64_t ms) {
    std::string s;
    append_epoch_seconds(s, ms);
    return s;
  };
  EXPECT_EQ(text(1700000000000), "1700000000");
  EXPECT_EQ(text(1700000000123), "1700000000.123");
  EXPECT_EQ(text(1700000000500), "1700000000.5");
  EXPECT_EQ(text(1700000000050), "1700000000.05");
}

TEST(JsonText, ScannerReadsTheSimpleForm) {
  JsonScanner j(R"( { "a" : "x", "b": [ "y" , "z" ], "n": 42 } )");
  std::string_view k, v;
  int64_t n = 0;
  ASSERT_TRUE(j.begin_object());
  ASSERT_TRUE(j.key(k) && k == "a" && j.string(v) && v == "x");
  ASSERT_TRUE(j.next('}'));
  ASSERT_TRUE(j.key(k) && k == "b" && j.begin_array());
  ASSERT_TRUE(j.string(v) && v == "y" && j.next(']'));
  ASSERT_TRUE(j.string(v) && v == "z");
  EXPECT_FALSE(j.next(']'));
  ASSERT_TRUE(j.next('}'));
  ASSERT_TRUE(j.key(k) && k == "n" && j.integer(n) && n == 42);
  EXPECT_FALSE(j.next('}'));
  EXPECT_TRUE(j.at_end());
  EXPECT_FALSE(j.failed());
}

TEST(JsonText, ScannerRefusesWhatItDoesNotHandle) {
  std::string_view v;
  int64_t n = 0;
  EXPECT_FALSE(JsonScanner(R"("a\"b")").string(v));           // escapes
  EXPECT_FALSE(JsonScanner("\"a\x01\"").string(v));           // control characters
  EXPECT_FALSE(JsonScanner(R"("open)").string(v));            // unterminated
  EXPECT_FALSE(JsonScanner("1.5").integer(n));                // fractions
  EXPECT_FALSE(JsonScanner("1e3").integer(n));                // exponents
  EXPECT_FALSE(JsonScanner("12345678901234567").integer(n));  // large values
  JsonScanner trailing("{} x");
  trailing.begin_object();
  trailing.empty('}');
  EXPECT_FALSE(trailing.at_end());
}

// Strings are scanned 8 bytes at a time: a character that needs an escape
// at any offset, among plain and multi-byte ones, is still escaped, and the
// scanner stops at it.
TEST(JsonText, EscapesAtEveryOffset) {
  const std::vector<std::string> specials = {"\"", "\\", "\n", std::string(1, '\x01'), "\x1f"};
  for (const auto& special : specials) {
    for (size_t at = 0; at < 20; ++at) {
      std::string text(at, 'a');
      text += "\xc3\xa9";  // é: bytes >= 0x80 pass as they are
      text.insert(at, special);
      text += std::string(at % 9, 'z');
      std::string out;
      append_json_string(out, text);
      EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), text) << out;
      std::string_view value;
      JsonScanner scanner(out);
      EXPECT_FALSE(scanner.string(value)) << out;  // escapes are the general path's
    }
    // Two escapes close together, near the end: the scan resumes after the first.
    for (size_t at = 0; at < 12; ++at)
      for (size_t gap = 0; gap < 9; ++gap) {
        const std::string text = std::string(at, 'a') + special + std::string(gap, 'b') + special +
                                 std::string(at % 5, 'c');
        std::string out;
        append_json_string(out, text);
        EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), text) << out;
      }
    const std::string plain(19, 'p');
    std::string out;
    append_json_string(out, plain);
    std::string_view value;
    JsonScanner scanner(out);
    ASSERT_TRUE(scanner.string(value));
    EXPECT_EQ(value, plain);
  }
}

}  // namespace kinesisd::protocol
