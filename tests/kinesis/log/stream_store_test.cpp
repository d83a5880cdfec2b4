#include "kinesis/log/stream_store.hpp"

#include <gtest/gtest.h>

#include "kinesis/log/memory_shard_log.hpp"
#include "tests/storage/temp_dir.hpp"

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

// Each account has its own streams and its own shard limit per region, as in
// AWS; a spec without an account is the store's.
TEST(StreamStore, KeepsEachAccountsStreamsApart) {
  OffsetClock clock;
  StoreOptions o;
  o.shard_limit = 3;
  StreamStore store(o, clock);
  auto mine = store.create(spec("a", 3)).stream;
  auto other_spec = spec("a", 3);
  other_spec.account = "111122223333";
  auto theirs = store.create(other_spec).stream;
  ASSERT_TRUE(mine && theirs);
  EXPECT_EQ(mine->arn(), "arn:aws:kinesis:us-east-1:000000000000:stream/a");
  EXPECT_EQ(theirs->arn(), "arn:aws:kinesis:us-east-1:111122223333:stream/a");
  EXPECT_EQ(store.find("000000000000", "us-east-1", "a"), mine);
  EXPECT_EQ(store.find("111122223333", "us-east-1", "a"), theirs);
  EXPECT_EQ(store.find("222233334444", "us-east-1", "a"), nullptr);
  EXPECT_EQ(store.list("111122223333", "us-east-1").size(), 1u);
  EXPECT_EQ(store.open_shards("111122223333", "us-east-1"), 3u);
  EXPECT_EQ(store.list_all().size(), 2u);
  other_spec.name = "b";
  EXPECT_EQ(store.create(other_spec).outcome, CreateOutcome::kShardLimitExceeded);
}

TEST(StreamStore, KnowsOnceAnyResourcePolicyIsSet) {
  OffsetClock clock;
  StreamStore store(StoreOptions{}, clock);
  auto s = store.create(spec("a", 1)).stream;
  StreamEdit removal;
  removal.resource_policy = "";
  store.apply(s, removal);
  EXPECT_FALSE(store.any_resource_policy());  // removing none sets none
  StreamEdit consumer;
  consumer.consumer_policy = StreamEdit::ConsumerPolicy{"c", R"({"Version":"2012-10-17"})"};
  store.apply(s, consumer);
  EXPECT_TRUE(store.any_resource_policy());
  store.apply(s, removal);
  EXPECT_TRUE(store.any_resource_policy());  // stays on: readers only skip while it is off
}

TEST(StreamStore, KnowsOfAPolicyItRestored) {
  testing::TempDir dir;
  storage::Database db(dir / "k.db", storage::Durability::kProcess);
  OffsetClock clock;
  {
    EditJournal journal(db);
    StreamStore store(StoreOptions{}, clock);
    store.persist(&journal, {});
    auto s = store.create(spec("a", 1)).stream;
    StreamEdit policy;
    policy.resource_policy = R"({"Version":"2012-10-17"})";
    store.apply(s, policy);
  }
  EditJournal journal(db);
  StreamStore store(StoreOptions{}, clock);
  store.persist(&journal, {});
  EXPECT_FALSE(store.any_resource_policy());
  EXPECT_EQ(store.restore(), 1u);
  EXPECT_TRUE(store.any_resource_policy());
}

// /_kinesisd/reset: every stream of every account and region is gone at
// once, recorded edits and account settings with it, and a stream made after
// has a new id (so an iterator of the old one names nothing).
TEST(StreamStore, ClearForgetsEveryStreamAndWhatWasRecorded) {
  testing::TempDir dir;
  storage::Database db(dir / "k.db", storage::Durability::kProcess);
  OffsetClock clock;
  EditJournal journal(db);
  StreamStore store(StoreOptions{}, clock);
  std::vector<std::string> forgotten;
  store.persist(&journal, [&](const StreamIdentity& s) { forgotten.push_back(s.name); });
  auto before = store.create(spec("a", 1)).stream;
  auto other = spec("b", 2, "eu-west-1");
  other.account = "111122223333";
  store.create(other);
  store.account_settings().set_commitment("us-east-1", true, clock.now_ms());
  store.clear();
  EXPECT_TRUE(store.list_all().empty());
  EXPECT_EQ(forgotten, (std::vector<std::string>{"a", "b"}));  // by account
  EXPECT_EQ(store.account_settings().commitment("us-east-1", clock.now_ms()).status,
            CommitmentStatus::kDisabled);
  EXPECT_TRUE(journal.load().empty());
  EXPECT_TRUE(journal.load_account().empty());
  auto after = store.create(spec("a", 1)).stream;
  ASSERT_TRUE(after);
  EXPECT_NE(after->identity().id, before->identity().id);
}

TEST(StreamStore, ForgetsDeletedStreamsAndAllowsTheNameAgain) {
  OffsetClock clock;
  StoreOptions o;
  o.delete_delay_ms = 1000;
  StreamStore store(o, clock);
  auto s = store.create(spec("a", 1)).stream;
  StreamEdit deletion;
  deletion.deletion = StreamEdit::Deletion{clock.now_ms(), clock.now_ms() + 1000};
  store.apply(s, deletion);
  EXPECT_EQ(store.create(spec("a", 1)).outcome, CreateOutcome::kAlreadyExists);
  clock.advance(1000);
  EXPECT_EQ(store.find("000000000000", "us-east-1", "a"), nullptr);
  store.sweep();
  EXPECT_TRUE(store.list("000000000000", "us-east-1").empty());
  EXPECT_EQ(store.create(spec("a", 1)).outcome, CreateOutcome::kCreated);
}

TEST(StreamStore, SweepTrimsRecordsPastRetention) {
  OffsetClock clock;
  StreamStore store(StoreOptions{}, clock);
  auto stream = store.create(spec("a", 1)).stream;
  auto shard = stream->shards().front();
  const NewRecord r{"k", "v"};
  SequenceNumber s;
  for (uint64_t i = 0; i < 2 * 1024; ++i) shard->append(clock.now_ms(), {&r, 1}, &s);
  clock.advance(25 * 3'600'000);  // past the default 24 h
  shard->append(clock.now_ms(), {&r, 1}, &s);
  store.sweep();
  EXPECT_EQ(shard->record_count(), 1u);
  EXPECT_EQ(shard->trim_horizon(stream->visible_from_ms(clock.now_ms())), 2048u);
}

TEST(StreamStore, ListenersHearEveryEditAfterItIsApplied) {
  OffsetClock clock;
  StreamStore store(StoreOptions{}, clock);
  std::vector<std::string> heard;
  const auto token =
      store.add_listener([&](const std::shared_ptr<Stream>& stream, const StreamEdit& edit) {
        heard.push_back(stream->name() + ": " + edit.summary());
        if (edit.retention_hours) {
          EXPECT_EQ(stream->meta().retention_hours, 48);
        }
      });
  auto stream = store.create(spec("a", 1)).stream;
  StreamEdit edit;
  edit.retention_hours = 48;
  store.apply(stream, edit);
  store.remove_listener(token);
  store.apply(stream, edit);
  EXPECT_EQ(heard, (std::vector<std::string>{"a: created", "a: retention"}));
}

TEST(StreamStore, TellsEachShardLogWhichShardItIs) {
  OffsetClock clock;
  std::vector<std::string> made;
  StreamStore store(StoreOptions{}, clock, [&](const ShardLogId& id) {
    made.push_back(id.region + "/" + id.stream + "/" + std::to_string(id.shard_index));
    return std::make_unique<MemoryShardLog>();
  });
  store.create(spec("a", 2));
  EXPECT_EQ(made, (std::vector<std::string>{"us-east-1/a/0", "us-east-1/a/1"}));
}

}  // namespace kinesisd::log
