#include "kinesis/operations/shard_subscription.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kinesis/log/uniform_scaling.hpp"
#include "protocol/cbor.hpp"
#include "protocol/event_stream.hpp"

namespace kinesisd::operations {
namespace {

using protocol::DecodeStatus;
using protocol::EventMessage;

std::vector<EventMessage> messages(std::string_view bytes) {
  std::vector<EventMessage> out;
  while (!bytes.empty()) {
    auto d = protocol::decode_event(bytes);
    EXPECT_EQ(d.status, DecodeStatus::kOk);
    if (d.status != DecodeStatus::kOk) break;
    out.push_back(d.message);
    bytes.remove_prefix(d.consumed);
  }
  return out;
}

struct Fixture : ::testing::Test {
  log::OffsetClock clock;
  log::StreamStore store{{}, clock};
  std::shared_ptr<log::Stream> stream;
  std::shared_ptr<log::Shard> shard;

  void SetUp() override {
    stream = store.create(log::StreamSpec{"r", "s", 1, {}, true}).stream;
    shard = stream->shards()[0];
    log::StreamEdit edit;
    edit.consumer_registered =
        log::Consumer{"app", "arn:consumer", clock.now_ms(), clock.now_ms(), {}, 0, {}, {}};
    store.apply(stream, edit);
  }

  std::shared_ptr<ShardSubscription> subscribe(
      uint64_t position, std::string content_type = "application/x-amz-json-1.1") {
    const auto key = ShardSubscription::claim_key("app", shard->id());
    const uint64_t generation = stream->subscriptions().claim(key, clock.now_ms());
    return std::make_shared<ShardSubscription>(clock, stream, "app", shard, position, generation,
                                               std::move(content_type),
                                               SubscriptionTiming{60'000, 1'000});
  }

  void put(std::string_view data) {
    const log::NewRecord rec{"key", data};
    log::SequenceNumber seq;
    ASSERT_EQ(shard->append(clock.now_ms(), {&rec, 1}, &seq), log::AppendStatus::kOk);
  }
};

using ShardSubscriptionTest = Fixture;

TEST_F(ShardSubscriptionTest, StartsWithInitialResponseThenPushesAppends) {
  auto sub = subscribe(0);
  int wakes = 0;
  sub->set_waker([&] { ++wakes; });
  auto first = messages(sub->poll().bytes);
  ASSERT_EQ(first.size(), 1u);  // nothing to send yet but the initial response
  EXPECT_EQ(first[0].header(":event-type"), "initial-response");
  EXPECT_EQ(first[0].payload, "{}");

  put("one");
  put("two");
  EXPECT_EQ(wakes, 2);
  auto next = messages(sub->poll().bytes);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].header(":event-type"), "SubscribeToShardEvent");
  const auto event = nlohmann::json::parse(next[0].payload);
  ASSERT_EQ(event["Records"].size(), 2u);
  EXPECT_EQ(event["Records"][0]["Data"], "b25l");  // base64("one")
  // A point after the last record and before the next one (kind 01): not a
  // record's number, but AFTER_SEQUENCE_NUMBER of it lands on the next record.
  const std::string continuation = event["ContinuationSequenceNumber"];
  const std::string last = event["Records"][1]["SequenceNumber"];
  EXPECT_NE(continuation, last);
  const auto decoded = log::SequenceNumber::parse(continuation);
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->continuation);
  EXPECT_EQ(log::Shard::position_of(*decoded) + 1, 2u);  // AFTER it: position 2, the third record
  EXPECT_GT(continuation, last);                         // same length: text order is numeric order
  EXPECT_EQ(event["MillisBehindLatest"], 0);
  sub->close();
  put("three");
  EXPECT_EQ(wakes, 2);  // closed: no more wakes
}

TEST_F(ShardSubscriptionTest, SendsHeartbeatsWhenIdle) {
  auto sub = subscribe(0);
  sub->poll();
  EXPECT_TRUE(sub->poll().bytes.empty());
  clock.advance(1'000);
  auto beat = messages(sub->poll().bytes);
  ASSERT_EQ(beat.size(), 1u);
  const auto event = nlohmann::json::parse(beat[0].payload);
  EXPECT_TRUE(event["Records"].empty());
  // Progress shows while no data arrives: the continuation moves with time
  // and still resumes at the start of the shard.
  const std::string first = event["ContinuationSequenceNumber"];
  EXPECT_NE(first, shard->starting_sequence().to_string());
  EXPECT_EQ(log::SequenceNumber::parse(first)->counter, 0u);
  clock.advance(1'000);
  const auto later = nlohmann::json::parse(messages(sub->poll().bytes).at(0).payload);
  EXPECT_GT(later["ContinuationSequenceNumber"].get<std::string>(), first);
}

TEST_F(ShardSubscriptionTest, AClosedShardEndsWithItsChildren) {
  put("last");
  auto sub = subscribe(0);
  auto first = messages(sub->poll().bytes);  // initial response, then the record at once
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(first[1].payload)["Records"].size(), 1u);
  log::split(store, stream, *shard, log::HashKey{1} << 127, clock.now_ms());
  auto next = sub->poll();
  EXPECT_TRUE(next.finished);
  auto msgs = messages(next.bytes);
  ASSERT_EQ(msgs.size(), 1u);
  const auto event = nlohmann::json::parse(msgs[0].payload);
  EXPECT_TRUE(event["Records"].empty());
  EXPECT_FALSE(event.contains("ContinuationSequenceNumber"));
  ASSERT_EQ(event["ChildShards"].size(), 2u);
  EXPECT_EQ(event["ChildShards"][0]["ParentShards"][0], "shardId-000000000000");
}

TEST_F(ShardSubscriptionTest, ANewerSubscriptionTakesOver) {
  auto old = subscribe(0);
  int wakes = 0;
  old->set_waker([&] { ++wakes; });
  old->poll();
  clock.advance(5'000);
  auto newer = subscribe(0);
  EXPECT_EQ(wakes, 1);  // woken by the takeover, not left for its heartbeat
  auto next = old->poll();
  EXPECT_TRUE(next.finished);
  auto msgs = messages(next.bytes);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].header(":message-type"), "exception");
  EXPECT_EQ(msgs[0].header(":exception-type"), "ResourceInUseException");
  old->close();  // a stale close leaves the newer claim alone
  EXPECT_TRUE(stream->subscriptions().holds(ShardSubscription::claim_key("app", shard->id()), 2));
}

TEST_F(ShardSubscriptionTest, ADeregisteredConsumerEndsTheStream) {
  auto sub = subscribe(0);
  int wakes = 0;
  sub->set_waker([&] { ++wakes; });
  sub->poll();
  log::StreamEdit edit;
  edit.consumer_deregistered =
      log::StreamEdit::ConsumerDeregistration{"app", clock.now_ms(), clock.now_ms()};
  store.apply(stream, edit);
  EXPECT_EQ(wakes, 1);  // woken by the deregistration
  auto next = sub->poll();
  EXPECT_TRUE(next.finished);
  EXPECT_EQ(messages(next.bytes)[0].header(":exception-type"), "ResourceNotFoundException");
}

TEST_F(ShardSubscriptionTest, ADeletedStreamWakesItsSubscriptions) {
  auto sub = subscribe(0);
  int wakes = 0;
  sub->set_waker([&] { ++wakes; });
  sub->poll();
  log::StreamEdit edit;
  edit.deletion = log::StreamEdit::Deletion{clock.now_ms(), clock.now_ms()};
  store.apply(stream, edit);
  EXPECT_EQ(wakes, 1);
  auto next = sub->poll();
  EXPECT_TRUE(next.finished);
  EXPECT_EQ(messages(next.bytes)[0].header(":exception-type"), "ResourceNotFoundException");
}

TEST_F(ShardSubscriptionTest, ClosingReleasesTheClaim) {
  auto sub = subscribe(0);
  sub->close();
  EXPECT_NE(stream->subscriptions().claim(ShardSubscription::claim_key("app", shard->id()),
                                          clock.now_ms()),
            0u);
}

// A CBOR subscriber (the Java SDK) gets CBOR payloads: blobs as byte strings,
// arrival times as tag 1 + integer milliseconds, exceptions as CBOR maps.
TEST_F(ShardSubscriptionTest, CborSubscribersGetCborPayloads) {
  auto sub = subscribe(0, std::string(protocol::kAmzCbor));
  auto first = messages(sub->poll().bytes);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].header(":content-type"), protocol::kAmzCbor);
  EXPECT_EQ(first[0].payload, "\xbf\xff");  // an empty map

  const int64_t before_ms = clock.now_ms();
  put("one");
  const int64_t after_ms = clock.now_ms();
  auto next = messages(sub->poll().bytes);
  ASSERT_EQ(next.size(), 1u);
  const auto event = protocol::cbor_decode(next[0].payload);
  ASSERT_TRUE(event);
  const auto& record = (*event)["Records"][0];
  ASSERT_TRUE(record["Data"].is_binary());
  EXPECT_EQ(nlohmann::json::binary_t::container_type(record["Data"].get_binary()),
            nlohmann::json::binary_t::container_type({'o', 'n', 'e'}));
  // Integer milliseconds (the tag is dropped by the generic decoder).
  ASSERT_TRUE(record["ApproximateArrivalTimestamp"].is_number_integer());
  EXPECT_GE(record["ApproximateArrivalTimestamp"].get<int64_t>(), before_ms);
  EXPECT_LE(record["ApproximateArrivalTimestamp"].get<int64_t>(), after_ms);
  EXPECT_EQ(log::SequenceNumber::parse((*event)["ContinuationSequenceNumber"].get<std::string>())
                ->counter,
            log::SequenceNumber::parse(record["SequenceNumber"].get<std::string>())->counter);

  // Taken over by a later subscription: the exception payload is CBOR too.
  clock.advance(10'000);
  const auto key = ShardSubscription::claim_key("app", shard->id());
  ASSERT_NE(stream->subscriptions().claim(key, clock.now_ms()), 0u);
  auto last = sub->poll();
  EXPECT_TRUE(last.finished);
  auto ended = messages(last.bytes);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].header(":message-type"), "exception");
  EXPECT_EQ(ended[0].header(":content-type"), protocol::kAmzCbor);
  const auto error = protocol::cbor_decode(ended[0].payload);
  ASSERT_TRUE(error);
  EXPECT_EQ((*error)["message"],
            "Another active subscription exists for consumer app on shard " + shard->id() + ".");
  sub->close();
}

}  // namespace
}  // namespace kinesisd::operations
