#include "cli/record_line.hpp"

#include <gtest/gtest.h>

namespace kinesisd::cli {
namespace {

TEST(RecordLine, TextPayloadsStayOnOneLine) {
  EXPECT_EQ(record_line("shardId-000000000001", "4961", "pk", "a\tb\nc\\d", PayloadFormat::kText),
            "shardId-000000000001\t4961\tpk\ta\\tb\\nc\\\\d");
  EXPECT_EQ(record_line("s", "1", "pk", "h\xc3\xa9llo", PayloadFormat::kText),
            "s\t1\tpk\th\xc3\xa9llo");
}

TEST(RecordLine, BinaryPayloadsAreBase64) {
  EXPECT_EQ(record_line("s", "1", "pk", std::string("\x00\xff", 2), PayloadFormat::kText),
            "s\t1\tpk\tbase64:AP8=");
  EXPECT_EQ(record_line("s", "1", "pk", "\x1b[31m", PayloadFormat::kText),
            "s\t1\tpk\tbase64:G1szMW0=");  // no terminal escapes printed
  EXPECT_EQ(record_line("s", "1", "pk", "text", PayloadFormat::kBase64), "s\t1\tpk\tdGV4dA==");
}

TEST(RecordLine, JsonIsPrettyPrintedBelowTheFields) {
  EXPECT_EQ(record_line("s", "1", "pk", R"({"a":[1]})", PayloadFormat::kJson),
            "s\t1\tpk\t\n{\n  \"a\": [\n    1\n  ]\n}");
  EXPECT_EQ(record_line("s", "1", "pk", "not json", PayloadFormat::kJson), "s\t1\tpk\tnot json");
}

}  // namespace
}  // namespace kinesisd::cli
