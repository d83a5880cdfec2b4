// One keep-alive HTTP/1.1 connection for the load generator: writes a request
// built beforehand and reads the response (Content-Length or chunked). The
// body is kept so callers can check it for errors, but never parsed here.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace kinesisd::bench {

struct HttpResponse {
  int status = 0;
  std::string_view body;  // valid until the next round_trip on the connection
};

class HttpConnection {
 public:
  HttpConnection(boost::asio::any_io_executor ex, boost::asio::ip::tcp::endpoint endpoint)
      : socket_(std::move(ex)), endpoint_(endpoint) {}

  // Connects on first use and again after the server closed the connection.
  // Throws boost::system::system_error on transport errors.
  boost::asio::awaitable<HttpResponse> round_trip(std::string_view request);

 private:
  boost::asio::awaitable<void> fill();  // reads more bytes into the buffer
  void compact();                       // drops consumed bytes before begin_

  boost::asio::ip::tcp::socket socket_;
  boost::asio::ip::tcp::endpoint endpoint_;
  // Grown as needed, never zero-filled: [0, size_) holds received bytes.
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;
  size_t size_ = 0;
  size_t begin_ = 0;     // start of unread bytes
  std::string chunked_;  // a chunked body, reassembled
  bool connected_ = false;
};

}  // namespace kinesisd::bench
