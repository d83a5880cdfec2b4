#include "lambda/handler/http_handler.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace kinesisd::handler {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

HttpHandler::HttpHandler(std::string name, HttpSpec spec)
    : name_(std::move(name)), spec_(std::move(spec)) {
  constexpr std::string_view scheme = "http://";
  if (spec_.url.rfind(scheme, 0) != 0)
    throw std::runtime_error("url must start with http:// (got \"" + spec_.url + "\")");
  const std::string rest = spec_.url.substr(scheme.size());
  const size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  target_ = slash == std::string::npos ? "/" : rest.substr(slash);
  const size_t colon = authority.rfind(':');
  host_ = authority.substr(0, colon);
  port_ = colon == std::string::npos ? "80" : authority.substr(colon + 1);
  if (host_.empty() || port_.empty() || port_.find_first_not_of("0123456789") != std::string::npos)
    throw std::runtime_error("url has no usable host and port: \"" + spec_.url + "\"");
}

Invocation HttpHandler::invoke(std::string_view event, const std::atomic<bool>& cancel) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  http::response<http::string_body> response;
  std::string failure;

  auto exchange = [&]() -> asio::awaitable<void> {
    asio::ip::tcp::resolver resolver(ioc);
    auto endpoints = co_await resolver.async_resolve(host_, port_, asio::use_awaitable);
    stream.expires_after(spec_.timeout);
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    http::request<http::string_body> request{http::verb::post, target_, 11};
    request.set(http::field::host, host_ + ":" + port_);
    request.set(http::field::content_type, "application/json");
    request.body() = std::string(event);
    request.prepare_payload();
    co_await http::async_write(stream, request, asio::use_awaitable);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(6 * 1024 * 1024);
    co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
    response = parser.release();
  };
  asio::co_spawn(ioc, exchange(), [&](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      failure = std::string("POST ") + spec_.url + ": " + ex.what();
    }
  });
  while (!ioc.stopped()) {
    ioc.run_for(std::chrono::milliseconds(50));
    if (cancel.load() && !ioc.stopped()) {
      beast::error_code ignored;
      stream.socket().close(ignored);
      ioc.run();
      return Invocation::function_error("cancelled at shutdown");
    }
  }
  if (!failure.empty()) return Invocation::function_error(failure);

  const auto status = response.result_int();
  if (status < 200 || status > 299)
    return Invocation::function_error("HTTP " + std::to_string(status) + ": " +
                                      response.body().substr(0, 200));
  if (response.find("X-Amz-Function-Error") != response.end())
    return Invocation::function_error(response.body().substr(0, 500));
  const auto body = nlohmann::json::parse(response.body(), nullptr, false);
  if (body.is_object() && body.contains("errorMessage") && body.contains("errorType"))
    return Invocation::function_error(response.body().substr(0, 500));
  return Invocation::ok(std::move(response.body()));
}

}  // namespace kinesisd::handler
