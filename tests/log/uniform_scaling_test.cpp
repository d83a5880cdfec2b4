#include "log/uniform_scaling.hpp"

#include <gtest/gtest.h>

#include <set>

#include "log/memory_shard_log.hpp"

namespace kinesisd::log {
namespace {

const LogFactory kLogs = [] { return std::make_unique<MemoryShardLog>(); };

std::unique_ptr<Stream> stream_of(unsigned shards) {
  auto s = std::make_unique<Stream>("r", "000000000000", "s", 0, StreamMeta{});
  const auto ranges = split_key_space(shards);
  for (unsigned i = 0; i < shards; ++i)
    s->add_shard(std::make_shared<Shard>(i, ranges[i], 0, kLogs()));
  return s;
}

// The open shards are exactly the uniform ranges, and every shard's parents
// exist and cover it.
void expect_uniform(const Stream& stream, unsigned target) {
  const auto open = stream.open_shards();
  const auto ranges = split_key_space(target);
  ASSERT_EQ(open.size(), target);
  for (unsigned i = 0; i < target; ++i) {
    EXPECT_EQ(open[i]->range().start, ranges[i].start) << i;
    EXPECT_EQ(open[i]->range().end, ranges[i].end) << i;
  }
  for (const auto& shard : stream.shards()) {
    HashKey lo = kMaxHashKey, hi = 0;
    int parents = 0;
    for (const auto& p : {shard->parent(), shard->adjacent_parent()}) {
      if (!p) continue;
      const auto parent = stream.find_shard(*p);
      ASSERT_TRUE(parent) << *p;
      EXPECT_TRUE(parent->closed());
      lo = std::min(lo, parent->range().start);
      hi = std::max(hi, parent->range().end);
      ++parents;
    }
    if (parents == 0) continue;
    EXPECT_LE(lo, shard->range().start) << shard->id();
    EXPECT_GE(hi, shard->range().end) << shard->id();
  }
}

}  // namespace

TEST(UniformScaling, DoublingSplitsEveryShardInHalf) {
  auto s = stream_of(2);
  EXPECT_EQ(scale_uniformly(*s, 4, 0, kLogs), 2u);
  expect_uniform(*s, 4);
  EXPECT_EQ(s->shards().size(), 6u);
}

TEST(UniformScaling, HalvingMergesPairs) {
  auto s = stream_of(4);
  EXPECT_EQ(scale_uniformly(*s, 2, 0, kLogs), 2u);
  expect_uniform(*s, 2);
  for (const auto& shard : s->open_shards()) EXPECT_TRUE(shard->adjacent_parent());
}

TEST(UniformScaling, EveryCountBetweenHalfAndDoubleIsReached) {
  for (unsigned from = 1; from <= 12; ++from)
    for (unsigned to = (from + 1) / 2; to <= 2 * from; ++to) {
      auto s = stream_of(from);
      scale_uniformly(*s, to, 0, kLogs);
      SCOPED_TRACE(std::to_string(from) + " -> " + std::to_string(to));
      expect_uniform(*s, to);
    }
}

TEST(UniformScaling, NonUniformShardsAreReshaped) {
  auto s = stream_of(1);
  split(*s, s->open_shards()[0], HashKey{1} << 100, 0, kLogs);  // a narrow and a wide shard
  scale_uniformly(*s, 2, 0, kLogs);
  expect_uniform(*s, 2);
}

TEST(UniformScaling, RecordsStayReadableInClosedParents) {
  auto s = stream_of(1);
  ShardRecord rec{"k", "v"};
  SequenceNumber seq;
  ASSERT_TRUE(s->open_shards()[0]->append(0, &rec, 1, &seq));
  const auto parent = s->open_shards()[0];
  scale_uniformly(*s, 2, 0, kLogs);
  EXPECT_TRUE(parent->closed());
  EXPECT_EQ(parent->record_count(), 1u);
  EXPECT_FALSE(parent->append(0, &rec, 1, &seq));
}

}  // namespace kinesisd::log
