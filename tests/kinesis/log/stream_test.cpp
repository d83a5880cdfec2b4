#include "kinesis/log/stream.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/kinesis/log/stream_testing.hpp"

namespace kinesisd::log {

using testing::make_stream;

TEST(Stream, RoutesEveryKeyToTheOpenShardCoveringIt) {
  auto stream = make_stream(5);
  const auto ranges = split_key_space(5);
  for (uint32_t i = 0; i < 5; ++i) {
    EXPECT_EQ(stream->route(ranges[i].start)->index(), i);
    EXPECT_EQ(stream->route(ranges[i].end)->index(), i);
  }
  EXPECT_EQ(stream->route(hash_partition_key("a"))->index(), 0u);
}

TEST(Stream, StatesFollowTheClock) {
  StreamMeta meta;
  meta.ready_at_ms = 100;
  auto stream = make_stream(1, meta, "r");
  EXPECT_EQ(stream->status(50), StreamStatus::kCreating);
  EXPECT_EQ(stream->status(100), StreamStatus::kActive);
  StreamEdit edit;
  edit.deletion = StreamEdit::Deletion{200, 250};
  stream->apply(edit);
  EXPECT_EQ(stream->status(210), StreamStatus::kDeleting);
  EXPECT_FALSE(stream->gone(249));
  EXPECT_TRUE(stream->gone(250));
}

// ShardIds as AWS reads them: the number after the last hyphen
// (kinesalite's test/mergeShards.js, checked against AWS).
TEST(Stream, FindsShardsByTheNumberAfterTheLastHyphen) {
  auto stream = make_stream(2, {}, "r", "a");
  EXPECT_TRUE(stream->find_shard("shardId-000000000000"));
  EXPECT_TRUE(stream->find_shard("shardId-1"));
  EXPECT_TRUE(stream->find_shard("abc-0"));
  EXPECT_TRUE(stream->find_shard("a-b-00001"));
  EXPECT_TRUE(stream->find_shard("1"));
  EXPECT_FALSE(stream->find_shard("shardId-2"));
  EXPECT_FALSE(stream->find_shard("shardId-00000000000x"));
  EXPECT_FALSE(stream->find_shard("shardId-"));
  EXPECT_EQ(shard_index_of("-00002147483647"), 2147483647u);
  EXPECT_FALSE(shard_index_of("2147483648"));
  EXPECT_FALSE(shard_index_of("shardId-002147483648"));
  EXPECT_FALSE(shard_index_of("2.14E4"));
  EXPECT_FALSE(shard_index_of("ABKLFD8"));
  EXPECT_FALSE(shard_index_of(std::string(40, '9')));
  EXPECT_EQ(stream->arn(), "arn:aws:kinesis:r:a:stream/s");
}

TEST(Stream, EditsChangeTheSettingsTheyName) {
  auto stream = make_stream(1);
  StreamEdit edit;
  edit.retention_hours = 48;
  edit.tags_added = {{"a", "1"}, {"b", "2"}};
  edit.encryption = StreamEdit::Encryption{"KMS", "alias/aws/kinesis"};
  edit.pending = StreamEdit::Pending{1000, true};
  stream->apply(edit);
  auto meta = stream->meta();
  EXPECT_EQ(meta.retention_hours, 48);
  EXPECT_EQ(meta.tags.size(), 2u);
  EXPECT_EQ(meta.key_id, "alias/aws/kinesis");
  EXPECT_EQ(stream->status(999), StreamStatus::kUpdating);
  EXPECT_EQ(stream->status(1000), StreamStatus::kActive);
  StreamEdit more;
  more.tags_removed = {"a"};
  more.resource_policy = "";
  stream->apply(more);
  meta = stream->meta();
  EXPECT_EQ(meta.tags, (Tags{{"b", "2"}}));
  EXPECT_EQ(meta.retention_hours, 48);  // untouched by an edit that does not name it
  EXPECT_EQ(edit.summary(), "retention, encryption, tags added, pending");
}

TEST(Stream, AReshardClosesParentsAndAddsChildren) {
  auto stream = make_stream(1);
  const auto parent = stream->shards()[0];
  StreamEdit edit;
  const HashKey mid = HashKey{1} << 127;
  edit.reshard = StreamEdit::Reshard{{0},
                                     {ShardSpec{1, HashKeyRange{0, mid - 1}, 10, 0u, {}},
                                      ShardSpec{2, HashKeyRange{mid, kMaxHashKey}, 10, 0u, {}}},
                                     10};
  stream->apply(edit);
  EXPECT_TRUE(parent->closed());
  EXPECT_EQ(stream->shards().size(), 3u);
  EXPECT_EQ(stream->open_shard_count(), 2u);
  EXPECT_EQ(stream->route(mid)->index(), 2u);
  EXPECT_EQ(*stream->shards()[1]->parent(), "shardId-000000000000");
}

TEST(Stream, AppendsRouteRecordsAndRefuseWhatTheStreamCannotTake) {
  StreamMeta meta;
  meta.ready_at_ms = 100;
  meta.max_record_size_kib = 1;
  auto stream = make_stream(2, meta);
  const Stream::Entry entries[] = {{"a", "1", std::nullopt},
                                   {"b", "2", kMaxHashKey},  // explicit: the last shard
                                   {"c", "3", std::nullopt}};
  Stream::Placed placed[3];
  using Refusal = Stream::AppendResult::Refusal;
  EXPECT_EQ(stream->append(entries, 50, placed).refusal, Refusal::kNotWritable);  // CREATING
  const auto ok = stream->append(entries, 100, placed);
  EXPECT_EQ(ok.refusal, Refusal::kNone);
  EXPECT_EQ(ok.failed, 0u);
  EXPECT_EQ(placed[0].shard->index(), stream->route(hash_partition_key("a"))->index());
  EXPECT_EQ(placed[1].shard->index(), 1u);
  EXPECT_EQ(stream->shards()[0]->record_count() + stream->shards()[1]->record_count(), 3u);

  const std::string big(1024, 'x');  // 1024 + the key's 1 byte > 1 KiB
  const Stream::Entry too_big[] = {{"a", "1", std::nullopt}, {"k", big, std::nullopt}};
  const auto refused = stream->append(too_big, 100, placed);
  EXPECT_EQ(refused.refusal, Refusal::kTooLarge);
  EXPECT_EQ(refused.record, 1u);
  EXPECT_EQ(refused.max_record_bytes, 1024u);
  EXPECT_EQ(stream->shards()[0]->record_count() + stream->shards()[1]->record_count(), 3u);
}

// A batch is grouped by shard by looking among the groups while they are few
// and by a sort beyond 16: either way each record lands in its shard, in
// request order there, and a one-shard stream (no MD5 needed) takes them all.
TEST(Stream, BatchesOverFewAndManyShardsKeepRequestOrderPerShard) {
  for (uint32_t count : {1u, 3u, 16u, 40u}) {
    auto stream = make_stream(count);
    const auto ranges = split_key_space(count);
    std::vector<std::string> keys;
    for (int i = 0; i < 200; ++i) keys.push_back(std::to_string(i * 7919));
    std::vector<Stream::Entry> entries;
    for (int i = 0; i < 200; ++i) {
      std::optional<HashKey> explicit_key;
      if (i % 3 == 0) explicit_key = ranges[static_cast<size_t>(i) % count].end;
      entries.push_back({keys[static_cast<size_t>(i)], "v", explicit_key});
    }
    std::vector<Stream::Placed> placed(entries.size());
    const auto result = stream->append(entries, 0, placed);
    ASSERT_EQ(result.failed, 0u) << count;
    std::map<const Shard*, SequenceNumber> last;
    for (size_t i = 0; i < entries.size(); ++i) {
      const HashKey key = entries[i].explicit_hash_key
                              ? *entries[i].explicit_hash_key
                              : hash_partition_key(entries[i].partition_key);
      EXPECT_EQ(placed[i].shard, stream->route(key).get()) << count << " " << i;
      if (auto it = last.find(placed[i].shard); it != last.end()) {
        EXPECT_LT(it->second.counter, placed[i].sequence.counter) << count << " " << i;
      }
      last[placed[i].shard] = placed[i].sequence;
    }
  }
}

TEST(Stream, AnAppendRoutesAroundAShardClosedByAReshard) {
  auto stream = make_stream(1);
  StreamEdit edit;
  edit.reshard = StreamEdit::Reshard{{0}, {ShardSpec{1, HashKeyRange{}, 5, 0u, {}}}, 5};
  stream->apply(edit);
  const Stream::Entry entry{"k", "v", std::nullopt};
  Stream::Placed placed;
  EXPECT_EQ(stream->append({&entry, 1}, 6, {&placed, 1}).failed, 0u);
  EXPECT_EQ(placed.shard->index(), 1u);
}

// --limits aws: a record over its shard's 1000 records/s is placed throttled,
// the others of the call go in; a record the caller refuses is never stored.
TEST(Stream, ALimitedStreamThrottlesPerShardAndRefusedRecordsStayOut) {
  auto stream = make_stream(1);
  stream->set_limited(true);
  std::vector<Stream::Entry> entries(600, Stream::Entry{"k", "x", std::nullopt});
  std::vector<Stream::Placed> placed(600);
  EXPECT_EQ(stream->append(entries, 1000, placed).failed, 0u);
  const auto second = stream->append(entries, 1000, placed);
  EXPECT_EQ(second.failed, 200u);
  EXPECT_EQ(placed[399].status, AppendStatus::kOk);
  EXPECT_EQ(placed[400].status, AppendStatus::kThrottled);
  EXPECT_EQ(placed[400].shard, stream->shards()[0].get());
  EXPECT_EQ(stream->shards()[0]->record_count(), 1000u);

  auto open = make_stream(1);  // not limited
  std::vector<Stream::Entry> some(3, Stream::Entry{"k", "x", std::nullopt});
  some[1].refuse = AppendStatus::kFailed;
  std::vector<Stream::Placed> out(3);
  EXPECT_EQ(open->append(some, 1000, out).failed, 1u);
  EXPECT_EQ(out[1].status, AppendStatus::kFailed);
  EXPECT_EQ(open->shards()[0]->record_count(), 2u);
  for (int i = 0; i < 3000; ++i)
    ASSERT_EQ(open->append({&some[0], 1}, 1000, {&out[0], 1}).failed, 0u);  // never throttled
}

}  // namespace kinesisd::log
