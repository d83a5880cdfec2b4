#include <gtest/gtest.h>

#include "tests/kinesis/operations/operations_testing.hpp"

namespace kinesisd::operations {
namespace {

using testing::Operations;

TEST(CreateStream, TheModeDecidesTheShards) {
  Operations o;
  EXPECT_EQ(o.error(create_stream, {{"StreamName", "p"}, {"ShardCount", 3}}), "");
  EXPECT_EQ(o.error(create_stream, {{"StreamName", "d"}}), "");  // ON_DEMAND without a count
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "p")->shards().size(), 3u);
  EXPECT_EQ(o.store.find("000000000000", "us-east-1", "d")->shards().size(), 4u);
  EXPECT_EQ(o.message(create_stream, {{"StreamName", "x"},
                                      {"StreamModeDetails", {{"StreamMode", "PROVISIONED"}}}}),
            "ShardCount is required for streams in PROVISIONED mode.");
  EXPECT_EQ(o.message(create_stream, {{"StreamName", "y"},
                                      {"ShardCount", 1},
                                      {"StreamModeDetails", {{"StreamMode", "ON_DEMAND"}}}}),
            "ShardCount is not expected when StreamMode=ON_DEMAND");
}

TEST(CreateStream, ANameOnceAndTheShardLimit) {
  log::StoreOptions options;
  options.shard_limit = 4;
  Operations o(options);
  EXPECT_EQ(o.error(create_stream, {{"StreamName", "s"}, {"ShardCount", 3}}), "");
  EXPECT_EQ(o.message(create_stream, {{"StreamName", "s"}, {"ShardCount", 1}}),
            "Stream s under account 000000000000 already exists.");
  EXPECT_EQ(o.error(create_stream, {{"StreamName", "t"}, {"ShardCount", 2}}),
            "LimitExceededException");
}

}  // namespace
}  // namespace kinesisd::operations
