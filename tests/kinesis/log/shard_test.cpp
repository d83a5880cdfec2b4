#include "kinesis/log/shard.hpp"

#include <gtest/gtest.h>

#include "kinesis/log/memory_shard_log.hpp"

namespace kinesisd::log {

namespace {
std::shared_ptr<Shard> make_shard(uint32_t index = 3, int64_t created = 1'700'000'000'000) {
  return std::make_shared<Shard>(ShardSpec{index, HashKeyRange{}, created, {}, {}},
                                 std::make_unique<MemoryShardLog>());
}
}  // namespace

TEST(Shard, IdsArePaddedTo12Digits) {
  EXPECT_EQ(shard_id_for(0), "shardId-000000000000");
  EXPECT_EQ(shard_id_for(123), "shardId-000000000123");
}

TEST(Shard, SequenceNumbersIncreaseAndDecodeToPosition) {
  auto shard = make_shard();
  const NewRecord recs[3] = {{"a", "1"}, {"b", "2"}, {"c", "3"}};
  SequenceNumber out[3];
  ASSERT_EQ(shard->append(1'700'000'001'000, recs, out), AppendStatus::kOk);
  EXPECT_LT(shard->starting_sequence().to_string(), out[0].to_string());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(out[i].shard_index, 3u);
    EXPECT_EQ(Shard::position_of(out[i]), static_cast<uint64_t>(i));
    if (i) {
      EXPECT_LT(out[i - 1].to_string(), out[i].to_string());
    }
  }
  EXPECT_EQ(Shard::position_of(shard->starting_sequence()), 0u);
}

TEST(Shard, ArrivalTimesNeverGoBackwards) {
  auto shard = make_shard(3, 0);
  const NewRecord r{"k", "v"};
  SequenceNumber s;
  shard->append(2'000, {&r, 1}, &s);
  shard->append(1'000, {&r, 1}, &s);  // clock stepped back
  EXPECT_EQ(shard->at_timestamp(2'000, 0), 0u);
  int64_t last = 0;
  shard->read(0, 0, 10, ~0ull, [&](const RecordView& v) {
    EXPECT_GE(v.arrival_ms, last);
    last = v.arrival_ms;
    return true;
  });
}

TEST(Shard, HidesRecordsOlderThanRetention) {
  auto shard = make_shard(3, 0);
  const NewRecord r{"k", "v"};
  SequenceNumber s;
  for (int64_t t : {1'000, 2'000, 3'000}) shard->append(t, {&r, 1}, &s);
  int seen = 0;
  auto result = shard->read(0, 2'500, 10, ~0ull, [&](const RecordView&) { return ++seen, true; });
  EXPECT_EQ(seen, 1);
  EXPECT_EQ(result.next_position, 3u);
  EXPECT_EQ(shard->trim_horizon(2'500), 2u);
}

TEST(Shard, ClosingWakesListenersOnceAndRefusedAppendsWakeNoOne) {
  auto shard = make_shard();
  int wakeups = 0;
  const auto token = shard->add_listener([&](uint64_t) { ++wakeups; });
  const NewRecord r{"k", "v"};
  SequenceNumber s;
  EXPECT_EQ(shard->append(1, {&r, 1}, &s), AppendStatus::kOk);
  EXPECT_EQ(wakeups, 1);
  EXPECT_TRUE(shard->close(5));
  EXPECT_EQ(wakeups, 2);  // readers at the tip learn the shard ended
  EXPECT_FALSE(shard->close(6));
  EXPECT_EQ(shard->append(1, {&r, 1}, &s), AppendStatus::kClosed);
  EXPECT_EQ(wakeups, 2);
  ASSERT_TRUE(shard->ending_sequence());
  EXPECT_GT(shard->ending_sequence()->counter, s.counter);
  shard->remove_listener(token);
}

}  // namespace kinesisd::log
