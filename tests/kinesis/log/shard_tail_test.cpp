#include "kinesis/log/shard_tail.hpp"

#include <gtest/gtest.h>

#include "kinesis/log/uniform_scaling.hpp"

namespace kinesisd::log {
namespace {

struct TailFixture {
  OffsetClock clock;
  StreamStore store{{}, clock};
  std::shared_ptr<Stream> stream = store.create(StreamSpec{"r", "s", 1, {}, true}).stream;
  std::shared_ptr<Shard> shard = stream->shards()[0];

  void put(const std::string& data) {
    const NewRecord r{"k", data};
    SequenceNumber seq;
    ASSERT_EQ(shard->append(clock.now_ms(), {&r, 1}, &seq), AppendStatus::kOk);
  }
};

TEST(ShardTail, IsWokenByAppendsAndReadsFromItsPosition) {
  TailFixture f;
  f.put("before");
  int wakes = 0;
  ShardTail tail(f.stream, f.shard, 1, [&] { ++wakes; });
  EXPECT_EQ(tail.tip(), 1u);
  EXPECT_EQ(tail.behind(), 0u);
  f.put("a");
  f.put("b");
  EXPECT_EQ(wakes, 2);
  EXPECT_EQ(tail.behind(), 2u);
  std::vector<std::string> seen;
  const auto read = tail.read(f.clock.now_ms(), 10, ~0ull, [&](const RecordView& r) {
    seen.emplace_back(r.data);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(tail.position(), 1u);  // reading does not move it: the reader checkpoints
  tail.seek(read.next_position);
  EXPECT_EQ(tail.behind(), 0u);
  EXPECT_FALSE(tail.drained());
}

TEST(ShardTail, IsDrainedOnceItsClosedShardIsReadToTheEnd) {
  TailFixture f;
  f.put("x");
  int wakes = 0;
  ShardTail tail(f.stream, f.shard, 0, [&] { ++wakes; });
  split(f.store, f.stream, *f.shard, HashKey{1} << 127, f.clock.now_ms());
  EXPECT_EQ(wakes, 1);  // the close wakes it
  EXPECT_FALSE(tail.drained());
  tail.seek(1);
  EXPECT_TRUE(tail.drained());
}

TEST(ShardTail, NoWakeAfterItIsGone) {
  TailFixture f;
  int wakes = 0;
  {
    ShardTail tail(f.stream, f.shard, 0, [&] { ++wakes; });
  }
  f.put("x");
  EXPECT_EQ(wakes, 0);
}

}  // namespace
}  // namespace kinesisd::log
