#include "lambda/poller/failure_destination.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kinesis/log/clock.hpp"

namespace kinesisd::poller {
namespace {

TEST(FailureDestination, AcceptsDirectoriesAndStreamArnsOnly) {
  std::string why;
  EXPECT_TRUE(FailureDestination::parse("file:///var/tmp/dlq", &why));
  EXPECT_TRUE(FailureDestination::parse("arn:aws:kinesis:us-east-1:000000000000:stream/dlq", &why));
  EXPECT_FALSE(FailureDestination::parse("arn:aws:sqs:us-east-1:000000000000:dlq", &why));
  EXPECT_NE(why.find("file:///"), std::string::npos);
  EXPECT_FALSE(FailureDestination::parse("file://relative/dir", &why));
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
  ASSERT_TRUE(d->deliver(store, record, R"({"Records":[]})", "shardId-000000000000", "42"));
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
  ASSERT_TRUE(d->deliver(store, record, "{}", "shardId-000000000003", "1"));
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
  EXPECT_FALSE(missing->deliver(store, record, "{}", "s", "1"));
}

}  // namespace
}  // namespace kinesisd::poller
