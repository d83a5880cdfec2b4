// Enable/DisableEnhancedMonitoring (operations/enhanced_monitoring.cpp): the
// metric list before and after, in AWS's order, ALL standing for all seven.
#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

TEST(EnhancedMonitoring, BeforeAndAfterInAwsOrder) {
  Operations o;
  const auto arn = o.stream("s")->arn();
  EXPECT_EQ(o.answer(enable_enhanced_monitoring,
                     {{"StreamName", "s"},
                      {"ShardLevelMetrics",
                       {"IteratorAgeMilliseconds", "IncomingBytes", "IncomingBytes"}}}),
            json({{"StreamName", "s"},
                  {"StreamARN", arn},
                  {"CurrentShardLevelMetrics", json::array()},
                  {"DesiredShardLevelMetrics", {"IncomingBytes", "IteratorAgeMilliseconds"}}}));
  const auto all =
      o.answer(enable_enhanced_monitoring, {{"StreamName", "s"}, {"ShardLevelMetrics", {"ALL"}}});
  EXPECT_EQ(all.at("CurrentShardLevelMetrics").size(), 2u);
  EXPECT_EQ(all.at("DesiredShardLevelMetrics").size(), 7u);
  const auto off =
      o.answer(disable_enhanced_monitoring,
               {{"StreamName", "s"}, {"ShardLevelMetrics", {"IncomingBytes", "OutgoingBytes"}}});
  EXPECT_EQ(off.at("DesiredShardLevelMetrics"),
            json({"IncomingRecords", "OutgoingRecords", "WriteProvisionedThroughputExceeded",
                  "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds"}));
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "s")->meta().shard_level_metrics.size(), 5u);
  EXPECT_EQ(
      o.answer(disable_enhanced_monitoring, {{"StreamName", "s"}, {"ShardLevelMetrics", {"ALL"}}})
          .at("DesiredShardLevelMetrics"),
      json::array());
}

TEST(EnhancedMonitoring, OnlyOnAnActiveStream) {
  Operations o;
  o.call(create_stream, {{"StreamName", "s"}, {"ShardCount", 1}});
  EXPECT_EQ(
      o.message(enable_enhanced_monitoring, {{"StreamName", "s"}, {"ShardLevelMetrics", {"ALL"}}}),
      "Stream s under account 000000000000 not ACTIVE, instead in state CREATING");
  o.clock.advance(500);  // --create-stream-ms
  EXPECT_EQ(
      o.error(enable_enhanced_monitoring, {{"StreamName", "s"}, {"ShardLevelMetrics", {"ALL"}}}),
      "");
}

}  // namespace
}  // namespace kinesisd::operations
