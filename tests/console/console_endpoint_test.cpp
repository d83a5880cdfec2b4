#include "console/console_endpoint.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kinesis/log/uniform_scaling.hpp"
#include "console/console_tail.hpp"
#include "tests/lambda/poller/fake_handler.hpp"

namespace kinesisd::service {
namespace {

protocol::ApiRequest get(std::string_view path, std::string_view query = {}) {
  protocol::ApiRequest r;
  r.method = "GET";
  r.path = path;
  r.query = query;
  return r;
}

struct Fixture {
  log::OffsetClock clock;
  log::StreamStore store{{}, clock};
  handler::HandlerRegistry handlers{{"http://127.0.0.1:1", "us-east-1", "000000000000"}};
  poller::Poller poller{store, handlers};
  ConsoleEndpoint console{clock, store, poller,
                          ConsoleInfo{.region = "us-east-1", .account_id = "000000000000"}};
};

TEST(ConsoleEndpoint, ServesItsPagesAndRedirectsTheBarePath) {
  Fixture f;
  const auto bare = f.console.handle(get("/console"));
  EXPECT_EQ(bare.status, 302);
  ASSERT_EQ(bare.headers.size(), 1u);
  EXPECT_EQ(bare.headers[0], (std::pair<std::string, std::string>{"Location", "/console/"}));
  const auto page = f.console.handle(get("/console/"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("/console/console.js"), std::string::npos);
  EXPECT_EQ(f.console.handle(get("/console/console.js")).content_type,
            "text/javascript; charset=utf-8");
  EXPECT_EQ(f.console.handle(get("/console/nope.js")).status, 404);
  EXPECT_EQ(f.console.handle(get("/console/api/nope")).status, 404);
  EXPECT_TRUE(ConsoleEndpoint::matches(get("/console/x")));
  EXPECT_FALSE(ConsoleEndpoint::matches(get("/consoles")));
}

TEST(ConsoleEndpoint, AFailureNameNeverLeavesTheDestinationDirectory) {
  Fixture f;
  auto fake = std::make_shared<poller::testing::FakeHandler>("h");
  f.handlers.add(fake);
  auto stream = poller::testing::make_stream(f.store, "s", 1);
  const auto config = poller::testing::config_of(
      {{"EventSourceArn", stream->arn()},
       {"FunctionName", "h"},
       {"StartingPosition", "LATEST"},
       {"DestinationConfig", {{"OnFailure", {{"Destination", "file:///tmp"}}}}}},
      f.clock.now_ms());
  const auto mapping = f.poller.add("us-east-1", "", config, *f.handlers.find("h"));
  const std::string uuid = "uuid=" + mapping->uuid();
  for (const char* name : {"../etc/passwd", "..%2Fetc%2Fpasswd.json", "%2Fetc%2Fpasswd.json",
                           ".hidden.json", "x.txt", ""}) {
    const std::string query = uuid + "&name=" + name;
    EXPECT_EQ(f.console.handle(get("/console/api/failure", query)).status, 404) << name;
  }
  EXPECT_EQ(f.console.handle(get("/console/api/failures", "uuid=nope")).status, 404);
  const auto list = nlohmann::json::parse(f.console.handle(get("/console/api/mappings")).body);
  ASSERT_EQ(list["mappings"].size(), 1u);
  EXPECT_EQ(list["mappings"][0]["on_failure"]["directory"], "/tmp");
}

// The live tail's Server-Sent Events: the records appended after it opened,
// each with its sequence number as the event id; a reconnect resumes after
// the last one; a closed shard read to its end ends it.
TEST(ConsoleTail, PushesAppendsAndResumesAfterTheLastEventId) {
  Fixture f;
  auto stream = poller::testing::make_stream(f.store, "s", 1);
  auto shard = stream->shards()[0];
  poller::testing::put(*shard, f.clock.now_ms(), "before", "old");
  const auto r = f.console.handle(get("/console/api/tail", "stream=s&shard=shardId-000000000000"));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, ConsoleTail::kContentType);
  ASSERT_TRUE(r.streamed);
  int wakes = 0;
  r.streamed->set_waker([&] { ++wakes; });
  EXPECT_EQ(r.streamed->poll().bytes, "retry: 1000\n\n");  // LATEST: nothing yet
  poller::testing::put(*shard, f.clock.now_ms(), "agent-1", "hello");
  EXPECT_GE(wakes, 1);
  const std::string sequence = shard->sequence_at(1, f.clock.now_ms()).to_string();
  const auto next = r.streamed->poll();
  EXPECT_EQ(next.bytes.find("id: " + sequence + "\nevent: record\ndata: {"), 0u) << next.bytes;
  EXPECT_NE(next.bytes.find(R"("Data":"aGVsbG8=")"), std::string::npos);
  EXPECT_NE(next.bytes.find(R"("PartitionKey":"agent-1")"), std::string::npos);
  EXPECT_FALSE(next.finished);
  r.streamed->close();

  poller::testing::put(*shard, f.clock.now_ms(), "agent-2", "again");
  auto resumed = get("/console/api/tail", "stream=s&shard=shardId-000000000000");
  resumed.headers.push_back({"Last-Event-ID", sequence});
  const auto again = f.console.handle(resumed);
  ASSERT_EQ(again.status, 200);
  const auto replay = again.streamed->poll();
  EXPECT_EQ(replay.bytes.find("agent-1"), std::string::npos);
  EXPECT_NE(replay.bytes.find("agent-2"), std::string::npos);

  auto bad = get("/console/api/tail", "stream=s&shard=shardId-000000000000&after=12");
  EXPECT_EQ(f.console.handle(bad).status, 400);
  EXPECT_EQ(f.console.handle(get("/console/api/tail", "stream=nope&shard=0")).status, 404);
  EXPECT_EQ(f.console.handle(get("/console/api/tail", "stream=s&shard=shardId-9")).status, 404);
}

// A split closes the shard: the tail pushes what it holds, then "end" with
// the reason, and the body finishes.
TEST(ConsoleTail, EndsWhenItsShardIsClosedAndReadToTheEnd) {
  Fixture f;
  auto stream = poller::testing::make_stream(f.store, "s", 1);
  auto shard = stream->shards()[0];
  const auto r = f.console.handle(get("/console/api/tail", "stream=s&shard=shardId-000000000000"));
  ASSERT_TRUE(r.streamed);
  r.streamed->set_waker([] {});
  r.streamed->poll();
  poller::testing::put(*shard, f.clock.now_ms(), "last", "words");
  log::split(f.store, stream, *shard, log::HashKey{1} << 127, f.clock.now_ms());
  const auto next = r.streamed->poll();
  EXPECT_NE(next.bytes.find("\"PartitionKey\":\"last\""), std::string::npos) << next.bytes;
  EXPECT_NE(next.bytes.find("event: end\ndata: {\"reason\":\"closed\"}\n\n"), std::string::npos)
      << next.bytes;
  EXPECT_TRUE(next.finished);
}

}  // namespace
}  // namespace kinesisd::service
