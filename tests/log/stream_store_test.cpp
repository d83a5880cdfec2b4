#include "log/stream_store.hpp"

#include <gtest/gtest.h>

namespace kinesisd::log {

namespace {
StreamSpec spec(std::string name, uint32_t shards, std::string region = "us-east-1") {
  StreamSpec s;
  s.region = std::move(region);
  s.name = std::move(name);
  s.shard_count = shards;
  return s;
}
}  // namespace

TEST(StreamStore, EnforcesTheShardLimitPerRegion) {
  OffsetClock clock;
  StoreOptions o;
  o.shard_limit = 5;
  StreamStore store(o, clock);
  EXPECT_EQ(store.create(spec("a", 3)).outcome, CreateOutcome::kCreated);
  auto r = store.create(spec("b", 3));
  EXPECT_EQ(r.outcome, CreateOutcome::kShardLimitExceeded);
  EXPECT_EQ(r.open_shards_in_region, 3u);
  EXPECT_EQ(store.create(spec("b", 3, "eu-west-1")).outcome, CreateOutcome::kCreated);
  EXPECT_EQ(store.create(spec("a", 1)).outcome, CreateOutcome::kAlreadyExists);
}

TEST(StreamStore, ForgetsDeletedStreamsAndAllowsTheNameAgain) {
  OffsetClock clock;
  StoreOptions o;
  o.delete_delay_ms = 1000;
  StreamStore store(o, clock);
  auto s = store.create(spec("a", 1)).stream;
  s->begin_delete(clock.now_ms(), 1000);
  EXPECT_EQ(store.create(spec("a", 1)).outcome, CreateOutcome::kAlreadyExists);
  clock.advance(1000);
  EXPECT_EQ(store.find("us-east-1", "a"), nullptr);
  store.sweep();
  EXPECT_TRUE(store.list("us-east-1").empty());
  EXPECT_EQ(store.create(spec("a", 1)).outcome, CreateOutcome::kCreated);
}

TEST(StreamStore, SweepTrimsRecordsPastRetention) {
  OffsetClock clock;
  StreamStore store(StoreOptions{}, clock);
  auto stream = store.create(spec("a", 1)).stream;
  auto shard = stream->shards().front();
  ShardRecord r{"k", "v"};
  SequenceNumber s;
  for (uint64_t i = 0; i < 2 * 1024; ++i) shard->append(clock.now_ms(), &r, 1, &s);
  clock.advance(25 * 3'600'000);  // past the default 24 h
  shard->append(clock.now_ms(), &r, 1, &s);
  store.sweep();
  EXPECT_EQ(shard->record_count(), 1u);
  EXPECT_EQ(shard->trim_horizon(stream->visible_from_ms(clock.now_ms())), 2048u);
}

}  // namespace kinesisd::log
