#include "kinesis/log/uniform_scaling.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kinesisd::log {
namespace {

// Scaling runs through a store (each step is an edit), so each test has one.
struct Scaled {
  OffsetClock clock;
  StreamStore store{{}, clock};
  std::shared_ptr<Stream> stream;
  explicit Scaled(unsigned shards) {
    // Built whole: assigning literals to its strings trips GCC 12's -Wrestrict at -O3.
    stream = store.create(StreamSpec{"r", "s", shards, {}, true}).stream;
  }
  Stream* operator->() { return stream.get(); }
  Stream& operator*() { return *stream; }
};

// scale_uniformly as the operations call it: under the stream's edit lock.
unsigned scale(Scaled& s, unsigned target) {
  base::MutexLock editing(s.stream->edit_mutex());
  return scale_uniformly(s.store, s.stream, target, 0);
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
  Scaled s(2);
  EXPECT_EQ(scale(s, 4), 2u);
  expect_uniform(*s, 4);
  EXPECT_EQ(s->shards().size(), 6u);
}

TEST(UniformScaling, HalvingMergesPairs) {
  Scaled s(4);
  EXPECT_EQ(scale(s, 2), 2u);
  expect_uniform(*s, 2);
  for (const auto& shard : s->open_shards()) EXPECT_TRUE(shard->adjacent_parent());
}

TEST(UniformScaling, EveryCountBetweenHalfAndDoubleIsReached) {
  for (unsigned from = 1; from <= 12; ++from)
    for (unsigned to = (from + 1) / 2; to <= 2 * from; ++to) {
      Scaled s(from);
      scale(s, to);
      std::string trace = std::to_string(from);  // appended: GCC 12 -Wrestrict at -O3
      trace.append(" -> ").append(std::to_string(to));
      SCOPED_TRACE(trace);
      expect_uniform(*s, to);
    }
}

TEST(UniformScaling, NonUniformShardsAreReshaped) {
  Scaled s(1);
  split(s.store, s.stream, *s->open_shards()[0], HashKey{1} << 100,
        0);  // a narrow and a wide shard
  scale(s, 2);
  expect_uniform(*s, 2);
}

TEST(UniformScaling, RecordsStayReadableInClosedParents) {
  Scaled s(1);
  const NewRecord rec{"k", "v"};
  SequenceNumber seq;
  ASSERT_EQ(s->open_shards()[0]->append(0, {&rec, 1}, &seq), AppendStatus::kOk);
  const auto parent = s->open_shards()[0];
  scale(s, 2);
  EXPECT_TRUE(parent->closed());
  EXPECT_EQ(parent->record_count(), 1u);
  EXPECT_EQ(parent->append(0, {&rec, 1}, &seq), AppendStatus::kClosed);
}

namespace {

// A planned split (SplitShard while UPDATING): nothing changes before its
// time, the parent takes the puts; then it is made once, and again is nothing.
TEST(PlannedReshard, IsMadeOnceItsTimeHasPassedAndOnlyOnce) {
  Scaled s(1);
  const auto parent = s->shards()[0];
  StreamEdit plan;
  plan.planned_reshard = PlannedReshard{PlannedReshard::Kind::kSplit, 0, 0, "1000", 0, 500};
  plan.pending = StreamEdit::Pending{500, true};
  s.store.apply(s.stream, plan);
  EXPECT_EQ(s->meta().status(600), StreamStatus::kUpdating);  // until it is made
  base::MutexLock editing(s.stream->edit_mutex());
  EXPECT_FALSE(carry_out_planned_reshard(s.store, s.stream, 499));
  EXPECT_FALSE(parent->closed());
  EXPECT_EQ(s->shards().size(), 1u);
  EXPECT_TRUE(carry_out_planned_reshard(s.store, s.stream, 500));
  EXPECT_TRUE(parent->closed());
  ASSERT_EQ(s->shards().size(), 3u);
  EXPECT_EQ(s->shards()[2]->range().start, 1000u);
  EXPECT_EQ(s->meta().status(600), StreamStatus::kActive);
  EXPECT_FALSE(carry_out_planned_reshard(s.store, s.stream, 700));
  // A plan whose shard closed meanwhile (made before a crash cleared it) is
  // cleared without a step.
  plan.planned_reshard->at_ms = 700;
  s.store.apply(s.stream, plan);
  EXPECT_TRUE(carry_out_planned_reshard(s.store, s.stream, 700));
  EXPECT_EQ(s->shards().size(), 3u);
  EXPECT_EQ(s->meta().status(800), StreamStatus::kActive);
}

}  // namespace
}  // namespace kinesisd::log
