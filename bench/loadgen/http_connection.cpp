#include "http_connection.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <stdexcept>

namespace kinesisd::bench {

namespace asio = boost::asio;

namespace {

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  return true;
}

}  // namespace

asio::awaitable<void> HttpConnection::fill() {
  if (begin_ > 0 && begin_ == buffer_.size()) {
    buffer_.clear();
    begin_ = 0;
  }
  const size_t old = buffer_.size();
  buffer_.resize(old + 65536);
  const size_t n = co_await socket_.async_read_some(asio::buffer(buffer_.data() + old, 65536),
                                                    asio::use_awaitable);
  buffer_.resize(old + n);
}

asio::awaitable<HttpResponse> HttpConnection::round_trip(std::string_view request) {
  if (!connected_) {
    socket_ = asio::ip::tcp::socket(socket_.get_executor());
    co_await socket_.async_connect(endpoint_, asio::use_awaitable);
    socket_.set_option(asio::ip::tcp::no_delay(true));
    buffer_.clear();
    begin_ = 0;
    connected_ = true;
  }
  try {
    co_await asio::async_write(socket_, asio::buffer(request), asio::use_awaitable);

    size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n", begin_)) == std::string::npos) co_await fill();
    const std::string_view head(buffer_.data() + begin_, header_end - begin_);
    HttpResponse res;
    if (head.size() < 12) throw std::runtime_error("short status line");
    res.status = std::stoi(std::string(head.substr(9, 3)));
    size_t content_length = 0;
    bool chunked = false, close = false;
    size_t pos = head.find("\r\n");
    while (pos != std::string_view::npos && pos < head.size()) {
      const size_t next = head.find("\r\n", pos + 2);
      const auto line = head.substr(
          pos + 2, next == std::string_view::npos ? std::string_view::npos : next - pos - 2);
      if (iequals_prefix(line, "content-length:"))
        content_length = std::stoul(std::string(line.substr(15)));
      else if (iequals_prefix(line, "transfer-encoding:") &&
               line.find("chunked") != std::string_view::npos)
        chunked = true;
      else if (iequals_prefix(line, "connection:") && line.find("close") != std::string_view::npos)
        close = true;
      pos = next;
    }
    begin_ = header_end + 4;

    if (!chunked) {
      while (buffer_.size() - begin_ < content_length) co_await fill();
      res.body.assign(buffer_, begin_, content_length);
      begin_ += content_length;
    } else {
      for (;;) {
        size_t eol;
        while ((eol = buffer_.find("\r\n", begin_)) == std::string::npos) co_await fill();
        const size_t size = std::stoul(buffer_.substr(begin_, eol - begin_), nullptr, 16);
        begin_ = eol + 2;
        while (buffer_.size() - begin_ < size + 2) co_await fill();
        res.body.append(buffer_, begin_, size);
        begin_ += size + 2;
        if (size == 0) break;
      }
    }
    if (close) {
      socket_.close();
      connected_ = false;
    }
    co_return res;
  } catch (...) {
    connected_ = false;
    throw;
  }
}

}  // namespace kinesisd::bench
