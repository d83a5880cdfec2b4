#include "network/http_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

#include "tests/network/one_shot_server.hpp"

namespace kinesisd::network {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

HttpRequest to(const std::string& url) {
  HttpRequest r;
  r.url = url;
  return r;
}

TEST(HttpClient, ParsesTheUrlsItCanReach) {
  auto u = parse_url("https://search.local:9443/_bulk?x=1");
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->authority, "search.local:9443");
  EXPECT_EQ(u->host, "search.local");
  EXPECT_EQ(u->port, "9443");
  EXPECT_EQ(u->target, "/_bulk?x=1");
  u = parse_url("http://127.0.0.1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->port, "80");
  EXPECT_EQ(u->target, "/");
  EXPECT_EQ(parse_url("https://h")->port, "443");
  EXPECT_FALSE(parse_url("ftp://h/"));
  EXPECT_FALSE(parse_url("http://:80/"));
  EXPECT_FALSE(parse_url("http://h:port/"));
  EXPECT_FALSE(parse_url("http://user@h/"));
}

using testing::OneShotServer;

TEST(HttpClient, SendsTheRequestAndReadsTheAnswer) {
  OneShotServer server(http::status::accepted, "answer", {{"X-Amz-Function-Error", "Unhandled"}});
  std::atomic<bool> cancel{false};
  HttpRequest request;
  request.method = "PUT";
  request.url = server.url() + "/p";
  request.headers = {{"Content-Type", "text/plain"}};
  request.body = "hello";
  const auto response = fetch(request, cancel);
  EXPECT_EQ(response.error, "");
  EXPECT_EQ(response.status, 202);
  EXPECT_EQ(response.body, "answer");
  ASSERT_NE(response.header("x-amz-function-error"), nullptr);
  EXPECT_EQ(*response.header("X-Amz-Function-Error"), "Unhandled");
  EXPECT_EQ(response.header("X-Missing"), nullptr);
  EXPECT_EQ(server.received.method(), http::verb::put);
  EXPECT_EQ(server.received.target(), "/p");
  EXPECT_EQ(server.received.body(), "hello");
  EXPECT_EQ(server.received[http::field::host], server.url().substr(7));  // host:port
}

TEST(HttpClient, ANoAnswerIsAnErrorNotAStatus) {
  asio::io_context ioc;
  asio::ip::tcp::acceptor closed(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = closed.local_endpoint().port();
  closed.close();
  std::atomic<bool> cancel{false};
  const auto response = fetch(to("http://127.0.0.1:" + std::to_string(port) + "/"), cancel);
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.error.rfind("POST http://127.0.0.1:", 0), 0u) << response.error;
  EXPECT_EQ(fetch(to("ftp://x/"), cancel).error, "not an http:// or https:// URL: ftp://x/");
}

TEST(HttpClient, ACancelledFetchEndsAtOnce) {
  // A server that accepts and never answers: only the cancel ends the fetch.
  asio::io_context ioc;
  asio::ip::tcp::acceptor silent(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel = true;
  });
  const auto response =
      fetch(to("http://127.0.0.1:" + std::to_string(silent.local_endpoint().port()) + "/"), cancel);
  canceller.join();
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.error, "cancelled at shutdown");
}

}  // namespace
}  // namespace kinesisd::network
