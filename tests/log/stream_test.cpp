#include "log/stream.hpp"

#include <gtest/gtest.h>

#include "log/memory_shard_log.hpp"

namespace kinesisd::log {

TEST(Stream, RoutesEveryKeyToTheOpenShardCoveringIt) {
  Stream stream("us-east-1", "000000000000", "s", 0, StreamMeta{});
  const auto ranges = split_key_space(5);
  for (uint32_t i = 0; i < 5; ++i)
    stream.add_shard(std::make_shared<Shard>(i, ranges[i], 0, std::make_unique<MemoryShardLog>()));
  for (uint32_t i = 0; i < 5; ++i) {
    EXPECT_EQ(stream.route(ranges[i].start)->index(), i);
    EXPECT_EQ(stream.route(ranges[i].end)->index(), i);
  }
  EXPECT_EQ(stream.route(hash_partition_key("a"))->index(), 0u);
}

TEST(Stream, StatesFollowTheClock) {
  StreamMeta meta;
  meta.ready_at_ms = 100;
  Stream stream("r", "000000000000", "s", 0, meta);
  EXPECT_EQ(stream.status(50), StreamStatus::kCreating);
  EXPECT_EQ(stream.status(100), StreamStatus::kActive);
  stream.begin_delete(200, 50);
  EXPECT_EQ(stream.status(210), StreamStatus::kDeleting);
  EXPECT_FALSE(stream.gone(249));
  EXPECT_TRUE(stream.gone(250));
}

TEST(Stream, FindsShardsOnlyByExactId) {
  Stream stream("r", "a", "s", 0, StreamMeta{});
  stream.add_shard(
      std::make_shared<Shard>(0, HashKeyRange{}, 0, std::make_unique<MemoryShardLog>()));
  EXPECT_TRUE(stream.find_shard("shardId-000000000000"));
  EXPECT_FALSE(stream.find_shard("shardId-000000000001"));
  EXPECT_FALSE(stream.find_shard("shardId-0"));
  EXPECT_FALSE(stream.find_shard("shardId-00000000000x"));
  EXPECT_EQ(stream.arn(), "arn:aws:kinesis:r:a:stream/s");
}

}  // namespace kinesisd::log
