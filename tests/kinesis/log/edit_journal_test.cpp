#include "kinesis/log/edit_journal.hpp"

#include <gtest/gtest.h>

#include "kinesis/log/stream_edit_codec.hpp"
#include "tests/storage/temp_dir.hpp"

namespace kinesisd::log {
namespace {

StreamEdit everything() {
  StreamEdit e;
  StreamMeta meta;
  meta.mode = StreamMode::kOnDemand;
  meta.retention_hours = 48;
  meta.tags = {{"a", "1"}};
  meta.deleting_at_ms = 5;
  meta.scalings_ms = {1, 2};
  meta.distribution = RecordDistribution::kAuto;
  e.created = StreamEdit::Creation{meta, {ShardSpec{0, HashKeyRange{1, kMaxHashKey}, 7, {}, {}}}};
  e.deletion = StreamEdit::Deletion{10, 20};
  e.retention_hours = 72;
  e.mode = StreamMode::kProvisioned;
  e.encryption = StreamEdit::Encryption{"KMS", "alias/aws/kinesis"};
  e.max_record_size_kib = 2048;
  e.distribution = RecordDistribution::kUserPartitionKey;
  e.shard_level_metrics = std::vector<std::string>{"IncomingBytes"};
  e.resource_policy = "{}";
  e.warm_throughput = StreamEdit::WarmThroughput{10, 5};
  e.scaling_at_ms = 99;
  e.tags_added = {{"b", "2"}};
  e.tags_removed = {"a"};
  e.reshard = StreamEdit::Reshard{{0, 1}, {ShardSpec{2, HashKeyRange{0, 5}, 8, 0u, 1u}}, 8};
  e.planned_reshard = PlannedReshard{PlannedReshard::Kind::kMerge, 3, 4, "17", 6, 120};
  e.planned_reshard_done = true;
  e.consumer_registered = Consumer{"c", "arn", 1, 2, std::nullopt, 0, {{"t", "v"}}, "{}"};
  e.consumer_deregistered = StreamEdit::ConsumerDeregistration{"c", 3, 4};
  e.consumer_tags = StreamEdit::ConsumerTags{"c", {{"x", "y"}}, {"t"}};
  e.pending = StreamEdit::Pending{100, true};
  return e;
}

TEST(StreamEditCodec, EveryPartRoundTrips) {
  const auto e = everything();
  const auto doc = encode_edit(e);
  EXPECT_EQ(encode_edit(decode_edit(doc)), doc);
  EXPECT_EQ(decode_edit(doc).summary(), e.summary());
  EXPECT_EQ(decode_edit(doc).created->shards[0].range.end, kMaxHashKey);  // 128 bits intact
  EXPECT_THROW(decode_edit(nlohmann::json::parse(R"({"mode":"SIDEWAYS"})")), std::runtime_error);
  EXPECT_EQ(decode_edit(doc).created->meta.distribution, RecordDistribution::kAuto);
  EXPECT_EQ(decode_edit(doc).planned_reshard->kind, PlannedReshard::Kind::kMerge);
  EXPECT_EQ(decode_edit(doc).planned_reshard->at_ms, 120);
  EXPECT_THROW(decode_edit(nlohmann::json::parse(R"({"distribution":"RANDOM"})")),
               std::runtime_error);
}

TEST(EditJournal, ReplaysWhatWasRecordedInOrderAndForgets) {
  testing::TempDir dir;
  storage::Database db(dir / "k.db", storage::Durability::kProcess);
  const StreamIdentity a{1, "us-east-1", "000000000000", "a", 10};
  const StreamIdentity b{2, "us-east-1", "000000000000", "b", 20};
  {
    EditJournal journal(db);
    journal.record(a, everything());
    StreamEdit retention;
    retention.retention_hours = 96;
    journal.record(a, retention);
    journal.record(b, everything());
    journal.record_account("us-east-1", AccountSettings::Record{5, 6});
  }
  EditJournal journal(db);  // as at a restart
  auto loaded = journal.load();
  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(loaded[0].identity.name, "a");
  ASSERT_EQ(loaded[0].edits.size(), 2u);
  EXPECT_EQ(*loaded[0].edits[1].retention_hours, 96);
  StreamEdit later;
  later.mode = StreamMode::kOnDemand;
  journal.record(a, later);  // sequences go on after the recorded ones
  EXPECT_EQ(journal.load()[0].edits.back().summary(), "mode");
  journal.forget(a);
  loaded = journal.load();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].identity.name, "b");
  const auto account = journal.load_account();
  ASSERT_EQ(account.size(), 1u);
  EXPECT_EQ(*account[0].second.ended_ms, 6);
}

}  // namespace
}  // namespace kinesisd::log
