#include "network/http2_connection.hpp"

#include <gtest/gtest.h>
#include <nghttp2/nghttp2.h>

#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "protocol/event_stream.hpp"
#include "tests/kinesis/kinesis_service.hpp"

namespace kinesisd::network {
namespace {

using nlohmann::json;

struct Reply {
  std::map<std::string, std::string> headers;
  std::string body;
  bool closed = false;
  uint32_t error_code = 0;
};

// A real HTTP/2 client (nghttp2's client session) talking to the server
// connection through memory: what one writes the other reads.
class Client {
 public:
  Client() {
    nghttp2_session_callbacks* cb = nullptr;
    nghttp2_session_callbacks_new(&cb);
    nghttp2_session_callbacks_set_on_header_callback(cb, on_header);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, on_data);
    nghttp2_session_callbacks_set_on_stream_close_callback(cb, on_close);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cb, on_frame);
    nghttp2_session_client_new(&session_, cb, this);
    nghttp2_session_callbacks_del(cb);
    nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, nullptr, 0);
  }
  ~Client() { nghttp2_session_del(session_); }

  // With `hold_last_byte` the body stops one byte short until release().
  int32_t request(std::string_view target, std::string body, size_t extra_header_bytes = 0,
                  bool hold_last_byte = false) {
    bodies_.push_back(std::make_unique<Body>(Body{std::move(body), 0, hold_last_byte}));
    const std::string big(extra_header_bytes, 'x');
    std::vector<std::pair<std::string, std::string>> h = {
        {":method", "POST"},
        {":scheme", "http"},
        {":authority", "127.0.0.1:4567"},
        {":path", "/"},
        {"content-type", "application/x-amz-json-1.1"},
        {"x-amz-target", "Kinesis_20131202." + std::string(target)},
        {"x-amz-date", "20261122T000000Z"},
        {"authorization",
         "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/kinesis/aws4_request, "
         "SignedHeaders=host, Signature=00"}};
    if (!big.empty()) h.emplace_back("x-padding", big);
    std::vector<nghttp2_nv> nva;
    for (auto& [n, v] : h)
      nva.push_back({reinterpret_cast<uint8_t*>(n.data()), reinterpret_cast<uint8_t*>(v.data()),
                     n.size(), v.size(), NGHTTP2_NV_FLAG_NONE});
    nghttp2_data_provider provider{};
    provider.source.ptr = bodies_.back().get();
    provider.read_callback = read_body;
    const int32_t id =
        nghttp2_submit_request(session_, nullptr, nva.data(), nva.size(), &provider, nullptr);
    replies[id];
    return id;
  }

  void release() {
    for (auto& b : bodies_) b->hold = false;
    for (auto& [id, r] : replies) nghttp2_session_resume_data(session_, id);
  }

  void reset(int32_t id) {
    nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
  }

  // Moves bytes both ways until neither side has anything to say.
  void pump(Http2Connection& server) {
    for (int round = 0; round < 1000; ++round) {
      std::string to_server;
      const uint8_t* data = nullptr;
      ssize_t n;
      while ((n = nghttp2_session_mem_send(session_, &data)) > 0)
        to_server.append(reinterpret_cast<const char*>(data), static_cast<size_t>(n));
      if (!to_server.empty()) server.receive(to_server);
      std::string to_client;
      server.produce(to_client, 1 << 20);
      if (!to_client.empty())
        nghttp2_session_mem_recv(session_, reinterpret_cast<const uint8_t*>(to_client.data()),
                                 to_client.size());
      if (to_server.empty() && to_client.empty()) return;
    }
    FAIL() << "the connection never went quiet";
  }

  std::map<int32_t, Reply> replies;
  bool goaway = false;

 private:
  struct Body {
    std::string text;
    size_t sent;
    bool hold;
  };
  static int on_header(nghttp2_session*, const nghttp2_frame* f, const uint8_t* n, size_t nl,
                       const uint8_t* v, size_t vl, uint8_t, void* u) {
    static_cast<Client*>(u)->replies[f->hd.stream_id].headers[std::string(
        reinterpret_cast<const char*>(n), nl)] = std::string(reinterpret_cast<const char*>(v), vl);
    return 0;
  }
  static int on_data(nghttp2_session*, uint8_t, int32_t id, const uint8_t* d, size_t len, void* u) {
    static_cast<Client*>(u)->replies[id].body.append(reinterpret_cast<const char*>(d), len);
    return 0;
  }
  static int on_close(nghttp2_session*, int32_t id, uint32_t code, void* u) {
    auto& r = static_cast<Client*>(u)->replies[id];
    r.closed = true;
    r.error_code = code;
    return 0;
  }
  static int on_frame(nghttp2_session*, const nghttp2_frame* f, void* u) {
    if (f->hd.type == NGHTTP2_GOAWAY) static_cast<Client*>(u)->goaway = true;
    return 0;
  }
  static ssize_t read_body(nghttp2_session*, int32_t, uint8_t* buf, size_t length, uint32_t* flags,
                           nghttp2_data_source* source, void*) {
    auto& b = *static_cast<Body*>(source->ptr);
    const size_t end = b.hold ? b.text.size() - 1 : b.text.size();
    if (b.sent == end && b.hold) return NGHTTP2_ERR_DEFERRED;
    const size_t n = std::min(length, end - b.sent);
    std::memcpy(buf, b.text.data() + b.sent, n);
    b.sent += n;
    if (b.sent == b.text.size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
  }

  nghttp2_session* session_ = nullptr;
  std::vector<std::unique_ptr<Body>> bodies_;
};

struct Fixture : service::testing::KinesisService {
  SessionLimits limits;
  int wakes = 0;

  std::unique_ptr<Http2Connection> connect() {
    return std::make_unique<Http2Connection>(router, limits, [this] { ++wakes; });
  }
};

TEST(Http2Connection, AnswersARequestWithLowercaseHeadersAndALength) {
  Fixture f;
  auto server = f.connect();
  Client c;
  const int32_t id = c.request("CreateStream", R"({"StreamName":"s","ShardCount":2})");
  const int32_t list = c.request("ListStreams", "{}");
  c.pump(*server);
  EXPECT_EQ(c.replies[id].headers[":status"], "200");
  EXPECT_EQ(c.replies[id].headers["content-length"], "0");
  EXPECT_TRUE(c.replies[id].closed);
  EXPECT_EQ(c.replies[id].error_code, 0u);
  const auto& r = c.replies[list];
  EXPECT_EQ(r.headers.at(":status"), "200");
  EXPECT_EQ(r.headers.at("content-type"), "application/x-amz-json-1.1");
  EXPECT_EQ(r.headers.at("x-amzn-requestid").size(), 36u);
  EXPECT_EQ(r.headers.at("content-length"), std::to_string(r.body.size()));
  EXPECT_EQ(json::parse(r.body)["StreamNames"], json::array({"s"}));
  EXPECT_EQ(server->open_streams(), 0u);
}

TEST(Http2Connection, LargeBodiesCrossManyFramesAndWindows) {
  Fixture f;
  auto server = f.connect();
  Client c;
  c.request("CreateStream", R"({"StreamName":"s","ShardCount":1})");
  json records = json::array();
  const std::string data(8000, 'Q');  // base64 text, 6 KB a record
  for (int i = 0; i < 400; ++i) records.push_back({{"Data", data}, {"PartitionKey", "k"}});
  const int32_t id =
      c.request("PutRecords", json{{"StreamName", "s"}, {"Records", records}}.dump());
  c.pump(*server);
  const auto reply = json::parse(c.replies[id].body);
  EXPECT_EQ(reply["FailedRecordCount"], 0);
  EXPECT_EQ(reply["Records"].size(), 400u);
}

TEST(Http2Connection, BodyOverTheLimitIs413) {
  Fixture f;
  f.limits.body_limit = 1000;
  auto server = f.connect();
  Client c;
  const int32_t id = c.request("ListStreams", std::string(5000, ' '));
  const int32_t ok = c.request("ListStreams", "{}");
  c.pump(*server);
  EXPECT_EQ(c.replies[id].headers[":status"], "413");
  EXPECT_EQ(c.replies[ok].headers[":status"], "200");
}

TEST(Http2Connection, BodiesHeldAtOnceAreCappedPerConnection) {
  Fixture f;
  auto server = f.connect();
  Client c;
  // Five 15 MiB requests, each under the body limit, all in flight at once:
  // the one that takes the connection past 64 MiB is refused.
  std::string body = "{}";
  body.resize(15 << 20, ' ');
  std::vector<int32_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(c.request("ListStreams", body, 0, true));
  c.pump(*server);
  c.release();
  c.pump(*server);
  int ok = 0, refused = 0;
  for (int32_t id : ids) {
    const auto& status = c.replies[id].headers[":status"];
    ok += status == "200";
    refused += status == "413";
  }
  EXPECT_EQ(ok, 4);
  EXPECT_EQ(refused, 1);
  // Bodies are released as requests are answered: the connection takes more.
  const int32_t next = c.request("ListStreams", body);
  c.pump(*server);
  EXPECT_EQ(c.replies[next].headers[":status"], "200");
}

TEST(Http2Connection, HeadersOverTheLimitResetTheStreamOnly) {
  Fixture f;
  f.limits.header_limit = 4096;
  auto server = f.connect();
  Client c;
  const int32_t id = c.request("ListStreams", "{}", 8000);
  c.pump(*server);
  EXPECT_TRUE(c.replies[id].closed);
  EXPECT_NE(c.replies[id].error_code, 0u);
  EXPECT_EQ(c.replies[id].headers.count(":status"), 0u);
  const int32_t next = c.request("ListStreams", "{}");
  c.pump(*server);
  EXPECT_EQ(c.replies[next].headers[":status"], "200");
}

TEST(Http2Connection, ABadPrefaceEndsTheConnectionWithGoaway) {
  Fixture f;
  auto server = f.connect();
  EXPECT_FALSE(server->receive("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n"));
  std::string out;
  server->produce(out, 1 << 20);
  // SETTINGS then GOAWAY (frame type 7) with PROTOCOL_ERROR (1).
  ASSERT_GE(out.size(), 17u);
  bool goaway = false;
  for (size_t at = 0; at + 9 <= out.size();) {
    const size_t len = (static_cast<uint8_t>(out[at]) << 16) |
                       (static_cast<uint8_t>(out[at + 1]) << 8) | static_cast<uint8_t>(out[at + 2]);
    if (out[at + 3] == 7) goaway = static_cast<uint8_t>(out[at + 9 + 7]) == 1;
    at += 9 + len;
  }
  EXPECT_TRUE(goaway);
  EXPECT_FALSE(server->wants_read());
}

// A subscription over HTTP/2, driven through the Router like a real one.
struct Subscribed : Fixture {
  std::string consumer_arn;

  Subscribed() {
    auto server = connect();
    Client c;
    c.request("CreateStream", R"({"StreamName":"s","ShardCount":1})");
    const int32_t arn = c.request("DescribeStreamSummary", R"({"StreamName":"s"})");
    c.pump(*server);
    const auto stream_arn =
        json::parse(c.replies[arn].body)["StreamDescriptionSummary"]["StreamARN"];
    const int32_t reg =
        c.request("RegisterStreamConsumer",
                  json{{"StreamARN", stream_arn}, {"ConsumerName", "reader"}}.dump());
    c.pump(*server);
    consumer_arn = json::parse(c.replies[reg].body)["Consumer"]["ConsumerARN"];
  }

  int32_t subscribe(Client& c) {
    return c.request("SubscribeToShard", json{{"ConsumerARN", consumer_arn},
                                              {"ShardId", "shardId-000000000000"},
                                              {"StartingPosition", {{"Type", "LATEST"}}}}
                                             .dump());
  }
};

std::vector<std::string> event_types(std::string bytes) {
  std::vector<std::string> types;
  for (;;) {
    auto d = protocol::decode_event(bytes);
    if (d.status != protocol::DecodeStatus::kOk) break;
    types.emplace_back(d.message.header(":event-type"));
    bytes.erase(0, d.consumed);
  }
  return types;
}

TEST(Http2Connection, SubscriptionStreamsEventsAsRecordsArrive) {
  Subscribed f;
  auto server = f.connect();
  Client c;
  const int32_t id = f.subscribe(c);
  c.pump(*server);
  EXPECT_EQ(c.replies[id].headers[":status"], "200");
  EXPECT_EQ(c.replies[id].headers["content-type"], "application/vnd.amazon.eventstream");
  EXPECT_EQ(c.replies[id].headers.count("content-length"), 0u);
  EXPECT_EQ(event_types(c.replies[id].body), std::vector<std::string>{"initial-response"});
  EXPECT_FALSE(c.replies[id].closed);
  EXPECT_TRUE(server->has_event_streams());

  const int wakes_before = f.wakes;
  const int32_t put =
      c.request("PutRecord", R"({"StreamName":"s","PartitionKey":"k","Data":"YQ=="})");
  c.pump(*server);
  EXPECT_EQ(c.replies[put].headers[":status"], "200");
  EXPECT_GT(f.wakes, wakes_before);  // the append woke the connection
  c.pump(*server);
  const auto types = event_types(c.replies[id].body);
  ASSERT_EQ(types.size(), 2u);
  EXPECT_EQ(types[1], "SubscribeToShardEvent");
}

TEST(Http2Connection, AResetSubscriptionReleasesItsClaim) {
  Subscribed f;
  auto server = f.connect();
  Client c;
  const int32_t first = f.subscribe(c);
  c.pump(*server);
  ASSERT_EQ(c.replies[first].headers[":status"], "200");
  c.reset(first);
  c.pump(*server);
  EXPECT_FALSE(server->has_event_streams());
  // Still claimed, this would be ResourceInUseException for 5 s.
  const int32_t again = f.subscribe(c);
  c.pump(*server);
  EXPECT_EQ(c.replies[again].headers[":status"], "200") << c.replies[again].body;
}

TEST(Http2Connection, ADroppedConnectionClosesItsSubscriptions) {
  Subscribed f;
  {
    auto server = f.connect();
    Client c;
    const int32_t id = f.subscribe(c);
    c.pump(*server);
    ASSERT_EQ(c.replies[id].headers[":status"], "200");
  }  // the peer vanished mid-stream: no RST_STREAM, no GOAWAY
  auto server = f.connect();
  Client c;
  const int32_t again = f.subscribe(c);
  c.pump(*server);
  EXPECT_EQ(c.replies[again].headers[":status"], "200") << c.replies[again].body;
}

TEST(Http2Connection, ShutdownFinishesEventStreamsThenSendsGoaway) {
  Subscribed f;
  auto server = f.connect();
  Client c;
  const int32_t id = f.subscribe(c);
  c.pump(*server);
  server->shutdown();
  c.pump(*server);
  EXPECT_TRUE(c.replies[id].closed);
  EXPECT_EQ(c.replies[id].error_code, 0u);
  EXPECT_TRUE(c.goaway);
  EXPECT_EQ(server->open_streams(), 0u);
}

}  // namespace
}  // namespace kinesisd::network
