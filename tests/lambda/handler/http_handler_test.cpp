#include "lambda/handler/http_handler.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

namespace kinesisd::handler {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

// A one-request HTTP server standing in for the Lambda Runtime Interface Emulator.
class FakeRie {
 public:
  FakeRie(http::status status, std::string body, bool function_error_header = false)
      : acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([=, this] {
      asio::ip::tcp::socket socket(ioc_);
      acceptor_.accept(socket);
      beast::flat_buffer buffer;
      http::request<http::string_body> request;
      http::read(socket, buffer, request);
      received_ = request.body();
      target_ = std::string(request.target());
      http::response<http::string_body> response{status, 11};
      response.body() = body;
      if (function_error_header) response.set("X-Amz-Function-Error", "Unhandled");
      response.prepare_payload();
      http::write(socket, response);
    });
  }
  ~FakeRie() { join(); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
           "/2015-03-31/functions/function/invocations";
  }
  std::string received_, target_;

 private:
  asio::io_context ioc_;
  asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
};

Invocation call(const std::string& url) {
  std::atomic<bool> cancel{false};
  return HttpHandler("remote", {url, std::chrono::milliseconds(5000)})
      .invoke(R"({"Records":[]})", cancel);
}

TEST(HttpHandler, PostsTheEventAndReturnsTheBody) {
  auto rie = std::make_unique<FakeRie>(http::status::ok, R"({"batchItemFailures":[]})");
  const auto r = call(rie->url());
  ASSERT_TRUE(r.succeeded()) << r.error;
  EXPECT_EQ(r.payload, R"({"batchItemFailures":[]})");
  rie.reset();  // joins the server thread: what it saw is now safe to read
}

TEST(HttpHandler, SendsTheEventToTheInvocationsPath) {
  std::string received, target;
  {
    FakeRie rie(http::status::ok, "");
    EXPECT_TRUE(call(rie.url()).succeeded());
    rie.join();
    received = rie.received_;
    target = rie.target_;
  }
  EXPECT_EQ(received, R"({"Records":[]})");
  EXPECT_EQ(target, "/2015-03-31/functions/function/invocations");
}

TEST(HttpHandler, RecognisesFunctionErrors) {
  {
    FakeRie rie(http::status::ok, R"({"errorMessage":"boom","errorType":"Exception"})");
    EXPECT_FALSE(call(rie.url()).succeeded());
  }
  {
    FakeRie rie(http::status::ok, "{}", true);
    EXPECT_FALSE(call(rie.url()).succeeded());
  }
  {
    FakeRie rie(http::status::internal_server_error, "oops");
    EXPECT_NE(call(rie.url()).error.find("HTTP 500"), std::string::npos);
  }
}

TEST(HttpHandler, AnUnreachableUrlIsAFunctionError) {
  asio::io_context ioc;
  asio::ip::tcp::acceptor probe(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = probe.local_endpoint().port();
  probe.close();
  EXPECT_FALSE(call("http://127.0.0.1:" + std::to_string(port) + "/x").succeeded());
}

TEST(HttpHandler, RefusesUrlsItCannotCall) {
  EXPECT_THROW(HttpHandler("x", {"https://example.com/", {}}), std::runtime_error);
  EXPECT_THROW(HttpHandler("x", {"http://:80/", {}}), std::runtime_error);
  EXPECT_THROW(HttpHandler("x", {"http://host:port/", {}}), std::runtime_error);
}

}  // namespace
}  // namespace kinesisd::handler
