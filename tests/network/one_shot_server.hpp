// For tests of outbound HTTP: a server on a loopback port that answers one
// request with a fixed status, headers and body, and keeps what it was asked.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace kinesisd::testing {

struct OneShotServer {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor{ioc, {boost::asio::ip::make_address("127.0.0.1"), 0}};
  boost::beast::http::request<boost::beast::http::string_body> received;
  std::thread thread;

  OneShotServer(boost::beast::http::status status, std::string body,
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    thread = std::thread([this, status, body = std::move(body), headers = std::move(headers)] {
      namespace http = boost::beast::http;
      boost::asio::ip::tcp::socket socket(ioc);
      acceptor.accept(socket);
      boost::beast::flat_buffer buffer;
      http::read(socket, buffer, received);
      http::response<http::string_body> response{status, 11};
      for (const auto& [name, value] : headers) response.set(name, value);
      response.body() = body;
      response.prepare_payload();
      http::write(socket, response);
    });
  }
  ~OneShotServer() { thread.join(); }
  // http://127.0.0.1:<port>, no path.
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port());
  }
};

}  // namespace kinesisd::testing
