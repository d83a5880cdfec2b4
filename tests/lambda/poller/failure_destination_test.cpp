#include "lambda/poller/failure_destination.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kinesis/log/clock.hpp"

namespace kinesisd::poller {
namespace {

// What a delivery goes with, for a mapping "uuid" and no AWS endpoints.
FailureDestination::Delivery delivery(log::StreamStore& store, const std::string& shard,
                                      const std::string& sequence) {
  static const std::string uuid = "uuid";
  static std::atomic<bool> cancel{false};
  static std::string s, q;
  s = shard, q = sequence;
  return {store, nullptr, uuid, s, q, cancel};
}

TEST(FailureDestination, AcceptsLambdasKindsDirectoriesAndStreamArns) {
  std::string why;
  EXPECT_TRUE(FailureDestination::parse("file:///var/tmp/dlq", &why));
  EXPECT_TRUE(FailureDestination::parse("arn:aws:kinesis:us-east-1:000000000000:stream/dlq", &why));
  const auto sqs = FailureDestination::parse("arn:aws:sqs:us-east-1:000000000000:dlq", &why);
  ASSERT_TRUE(sqs);
  EXPECT_TRUE(sqs->drops_undeliverable());
  EXPECT_TRUE(FailureDestination::parse("arn:aws:sns:eu-west-1:000000000000:alerts", &why));
  EXPECT_TRUE(FailureDestination::parse("arn:aws:s3:::failed-batches", &why));
  EXPECT_FALSE(FailureDestination::parse("file:///d", &why)->drops_undeliverable());
  EXPECT_FALSE(FailureDestination::parse("arn:aws:sqs:us-east-1:000000000000:dlq.fifo", &why));
  EXPECT_NE(why.find("a FIFO SQS queue cannot be an on-failure destination"), std::string::npos)
      << why;
  EXPECT_FALSE(FailureDestination::parse("arn:aws:sns:us-east-1:000000000000:t.fifo", &why));
  EXPECT_FALSE(FailureDestination::parse("arn:aws:lambda:us-east-1:000000000000:function:f", &why));
  EXPECT_NE(why.find("file:///"), std::string::npos);
  EXPECT_FALSE(FailureDestination::parse("file://relative/dir", &why));
}

TEST(FailureDestination, ALambdaKindWithoutItsEndpointIsNotDelivered) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  const auto d = FailureDestination::parse("arn:aws:sqs:us-east-1:000000000000:dlq", nullptr);
  const nlohmann::ordered_json record{{"version", "1.0"}};
  EXPECT_FALSE(d->deliver(delivery(store, "shardId-000000000000", "1"), record, "{}"));
}

TEST(FailureDestination, WritesOneCompleteFilePerFailure) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("kinesisd-dlq-" + std::to_string(clock.now_ms()) + "-" +
                    std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  auto d = FailureDestination::parse("file://" + dir.string(), nullptr);
  ASSERT_TRUE(d);
  nlohmann::ordered_json record = {{"version", "1.0"}};
  ASSERT_TRUE(
      d->deliver(delivery(store, "shardId-000000000000", "42"), record, R"({"Records":[]})"));
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].extension(), ".json");
  std::ifstream in(files[0]);
  const auto doc = nlohmann::json::parse(in);
  EXPECT_EQ(doc["version"], "1.0");
  EXPECT_EQ(doc["payload"]["Records"].size(), 0u);
  std::filesystem::remove_all(dir);
}

TEST(FailureDestination, PutsTheFailureRecordOnAStream) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  log::StreamSpec spec;
  spec.region = "us-east-1";
  spec.name = "dlq";
  spec.active_at_once = true;
  auto stream = store.create(spec).stream;
  auto d = FailureDestination::parse("arn:aws:kinesis:us-east-1:000000000000:stream/dlq", nullptr);
  ASSERT_TRUE(d);
  nlohmann::ordered_json record = {{"version", "1.0"}};
  ASSERT_TRUE(d->deliver(delivery(store, "shardId-000000000003", "1"), record, "{}"));
  std::string data, key;
  stream->shards()[0]->read(0, 0, 10, 1 << 20, [&](const log::RecordView& r) {
    data = r.data;
    key = r.partition_key;
    return true;
  });
  EXPECT_EQ(nlohmann::json::parse(data)["version"], "1.0");
  EXPECT_EQ(key, "shardId-000000000003");
  auto missing =
      FailureDestination::parse("arn:aws:kinesis:us-east-1:000000000000:stream/none", nullptr);
  EXPECT_FALSE(missing->deliver(delivery(store, "s", "1"), record, "{}"));
}

}  // namespace
}  // namespace kinesisd::poller
