#include "control/metrics_text.hpp"

#include <gtest/gtest.h>

#include "tests/lambda/poller/fake_handler.hpp"

namespace kinesisd::observability {
namespace {

TEST(MetricsText, MetricsMoveWhenRecordsAreWritten) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  RequestMetrics requests;
  handler::HandlerRegistry handlers({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  poller::Poller poller(store, handlers);
  MetricsText admin(store, requests, &poller);
  auto stream = poller::testing::make_stream(store, "orders", 2);
  const std::string series =
      "kinesisd_incoming_records_total{region=\"us-east-1\",stream=\"orders\",shard=\"shardId-"
      "000000000001\"} ";
  EXPECT_NE(admin.render().find(series + "0\n"), std::string::npos);
  poller::testing::put(*stream->shards()[1], clock.now_ms(), "k", "12345");
  poller::testing::put(*stream->shards()[1], clock.now_ms(), "k", "12345");
  const auto text = admin.render();
  EXPECT_NE(text.find(series + "2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("kinesisd_incoming_bytes_total{region=\"us-east-1\",stream=\"orders\","
                      "shard=\"shardId-000000000001\"} 12\n"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE kinesisd_incoming_records_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("kinesisd_streams 1\n"), std::string::npos);
}

TEST(MetricsText, EventSourceMappingsReportInvocationsAndLag) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  RequestMetrics requests;
  handler::HandlerRegistry handlers({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  auto fake = std::make_shared<poller::testing::FakeHandler>("enrich");
  handlers.add(fake);
  poller::Poller poller(store, handlers);
  MetricsText admin(store, requests, &poller);
  auto stream = poller::testing::make_stream(store, "ctr", 1);
  const auto config = poller::testing::config_of({{"EventSourceArn", stream->arn()},
                                                  {"FunctionName", "enrich"},
                                                  {"StartingPosition", "TRIM_HORIZON"}},
                                                 clock.now_ms());
  auto mapping = poller.add("us-east-1", "", config, *handlers.find("enrich"));
  poller::testing::put(*stream->shards()[0], clock.now_ms(), "k");
  ASSERT_TRUE(fake->wait_for_records(1));
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text = admin.render();
    if (text.find("kinesisd_esm_records_processed_total{uuid=\"" + mapping->uuid() +
                  "\",function=\"enrich\",stream=\"ctr\",shard=\"shardId-000000000000\"} 1\n") !=
        std::string::npos)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(text.find("kinesisd_esm_invocations_total{uuid=\"" + mapping->uuid() +
                      "\",function=\"enrich\",stream=\"ctr\",shard=\"shardId-000000000000\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("kinesisd_esm_records_behind{"), std::string::npos);
}

}  // namespace
}  // namespace kinesisd::observability
