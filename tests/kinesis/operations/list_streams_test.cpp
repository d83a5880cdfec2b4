// ListStreams (operations/list_streams.cpp): names in order, paged by Limit,
// ExclusiveStartStreamName or a NextToken.
#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

TEST(ListStreams, InNameOrderWithSummaries) {
  Operations o;
  o.stream("c");
  o.stream("a");
  o.stream("b");
  const auto all = o.answer(list_streams, json::object());
  EXPECT_EQ(all.at("StreamNames"), json({"a", "b", "c"}));
  EXPECT_EQ(all.at("HasMoreStreams"), false);
  EXPECT_FALSE(all.contains("NextToken"));
  ASSERT_EQ(all.at("StreamSummaries").size(), 3u);
  EXPECT_EQ(all.at("StreamSummaries")[0].at("StreamStatus"), "ACTIVE");
  EXPECT_EQ(all.at("StreamSummaries")[0].at("StreamModeDetails").at("StreamMode"), "PROVISIONED");
  EXPECT_EQ(o.answer(list_streams, {{"ExclusiveStartStreamName", "a"}}).at("StreamNames"),
            json({"b", "c"}));
}

TEST(ListStreams, PagedByLimitAndNextToken) {
  Operations o;
  for (const char* n : {"a", "b", "c"}) o.stream(n);
  const auto first = o.answer(list_streams, {{"Limit", 2}});
  EXPECT_EQ(first.at("StreamNames"), json({"a", "b"}));
  EXPECT_EQ(first.at("HasMoreStreams"), true);
  const auto rest = o.answer(list_streams, {{"NextToken", first.at("NextToken")}});
  EXPECT_EQ(rest.at("StreamNames"), json({"c"}));
  EXPECT_EQ(rest.at("HasMoreStreams"), false);
  EXPECT_EQ(o.message(list_streams, {{"NextToken", "x"}}), "Invalid NextToken.");
  // A token from another region is not this one's.
  o.ctx.region = "eu-west-1";
  EXPECT_EQ(o.message(list_streams, {{"NextToken", first.at("NextToken")}}), "Invalid NextToken.");
  EXPECT_EQ(o.answer(list_streams, json::object()).at("StreamNames"), json::array());
  o.ctx.region = "us-east-1";
  o.clock.advance(300'001);
  EXPECT_EQ(o.message(list_streams, {{"NextToken", first.at("NextToken")}}),
            "The requested token has expired.");
}

}  // namespace
}  // namespace kinesisd::operations
