#include "kinesis/log/aggregated_record.hpp"

#include <gtest/gtest.h>

#include "protocol/base64.hpp"

namespace kinesisd::log {
namespace {

// Made by AWS's aggregation library (aws-kinesis-agg 4.2.8, through
// tests/integration/js/kpl_aggregate.cjs) from three user records:
// agent-1 {"a":1}; agent-2 {"b":2} with explicit hash key 42; agent-1 {"c":3}.
std::string real_aggregate() {
  return *protocol::base64_decode(
      "84mawgoHYWdlbnQtMQoHYWdlbnQtMhICNDIaCwgAGgd7ImEiOjF9Gg0IARAAGgd7ImIiOjJ9GgsIABoHeyJjIjozfd5T"
      "ILGmsLn5sHOofDOjD1Y=");
}

TEST(AggregatedRecord, SplitsWhatTheKplsLibraryMade) {
  const auto records = deaggregate(real_aggregate());
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].partition_key, "agent-1");
  EXPECT_EQ((*records)[0].data, R"({"a":1})");
  EXPECT_FALSE((*records)[0].explicit_hash_key);
  EXPECT_EQ((*records)[1].partition_key, "agent-2");
  EXPECT_EQ((*records)[1].explicit_hash_key, "42");
  EXPECT_EQ((*records)[1].data, R"({"b":2})");
  EXPECT_EQ((*records)[2].partition_key, "agent-1");
  EXPECT_EQ((*records)[2].data, R"({"c":3})");
}

TEST(AggregatedRecord, AnOrdinaryRecordIsNotOne) {
  EXPECT_FALSE(has_aggregation_magic(R"({"a":1})"));
  EXPECT_FALSE(deaggregate(R"({"a":1})"));
  EXPECT_FALSE(deaggregate(""));
}

TEST(AggregatedRecord, AWrongChecksumLeavesTheRecordWhole) {
  auto bytes = real_aggregate();
  bytes.back() ^= 1;
  EXPECT_TRUE(has_aggregation_magic(bytes));
  EXPECT_FALSE(deaggregate(bytes));
}

TEST(AggregatedRecord, EveryTruncationIsRefusedWithoutReadingPastTheEnd) {
  const auto bytes = real_aggregate();
  for (size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(deaggregate(bytes.substr(0, n))) << n;
}
}  // namespace
}  // namespace kinesisd::log
