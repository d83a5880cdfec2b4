#include "observability/admin_endpoints.hpp"

#include <gtest/gtest.h>

#include "tests/poller/fake_handler.hpp"

namespace kinesisd::observability {
namespace {

protocol::ApiRequest get(std::string_view path) {
  protocol::ApiRequest r;
  r.method = "GET";
  r.path = path;
  return r;
}

TEST(AdminEndpoints, HealthSaysOkWithVersionAndUptime) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  RequestMetrics requests;
  AdminEndpoints admin(store, requests, nullptr);
  EXPECT_TRUE(AdminEndpoints::handles(get("/health")));
  EXPECT_FALSE(AdminEndpoints::handles(get("/")));
  const auto r = admin.handle(get("/health"));
  EXPECT_EQ(r.status, 200);
  const auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["status"], "ok");
  EXPECT_EQ(doc["version"], KINESISD_VERSION);
  EXPECT_GE(doc["uptime_seconds"].get<double>(), 0.0);
}

TEST(AdminEndpoints, MetricsMoveWhenRecordsAreWritten) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  RequestMetrics requests;
  handler::HandlerRegistry handlers({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  poller::Poller poller(store, handlers);
  AdminEndpoints admin(store, requests, &poller);
  auto stream = poller::testing::make_stream(store, "orders", 2);
  const std::string series =
      "kinesisd_incoming_records_total{region=\"us-east-1\",stream=\"orders\",shard=\"shardId-"
      "000000000001\"} ";
  EXPECT_NE(admin.metrics_text().find(series + "0\n"), std::string::npos);
  poller::testing::put(*stream->shards()[1], clock.now_ms(), "k", "12345");
  poller::testing::put(*stream->shards()[1], clock.now_ms(), "k", "12345");
  const auto text = admin.handle(get("/metrics")).body;
  EXPECT_NE(text.find(series + "2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("kinesisd_incoming_bytes_total{region=\"us-east-1\",stream=\"orders\","
                      "shard=\"shardId-000000000001\"} 12\n"),
            std::string::npos);
  EXPECT_NE(text.find("# TYPE kinesisd_incoming_records_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("kinesisd_streams 1\n"), std::string::npos);
  EXPECT_NE(admin.handle(get("/metrics")).content_type.find("text/plain; version=0.0.4"),
            std::string::npos);
}

TEST(AdminEndpoints, EventSourceMappingsReportInvocationsAndLag) {
  log::OffsetClock clock;
  log::StreamStore store({}, clock);
  RequestMetrics requests;
  handler::HandlerRegistry handlers({"http://127.0.0.1:1", "us-east-1", "000000000000"});
  auto fake = std::make_shared<poller::testing::FakeHandler>("enrich");
  handlers.add(fake);
  poller::Poller poller(store, handlers);
  AdminEndpoints admin(store, requests, &poller);
  auto stream = poller::testing::make_stream(store, "ctr", 1);
  poller::MappingConfig config;
  ASSERT_FALSE(poller::apply_request({{"EventSourceArn", stream->arn()},
                                      {"FunctionName", "enrich"},
                                      {"StartingPosition", "TRIM_HORIZON"}},
                                     poller::RequestKind::kCreate, config, clock.now_ms()));
  auto mapping = poller.add("us-east-1", config, *handlers.find("enrich"));
  poller::testing::put(*stream->shards()[0], clock.now_ms(), "k");
  ASSERT_TRUE(fake->wait_for_records(1));
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text = admin.metrics_text();
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
