#include "http_connection.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <stdexcept>

namespace kinesisd::bench {

namespace asio = boost::asio;

namespace {

constexpr size_t kReadSize = 1 << 20;

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  return true;
}

size_t find(const char* data, size_t from, size_t to, std::string_view what) {
  std::string_view hay(data + from, to - from);
  const size_t at = hay.find(what);
  return at == std::string_view::npos ? std::string_view::npos : from + at;
}

}  // namespace

void HttpConnection::compact() {
  if (begin_ == 0) return;
  if (size_ > begin_) std::memmove(buffer_.get(), buffer_.get() + begin_, size_ - begin_);
  size_ -= begin_;
  begin_ = 0;
}

asio::awaitable<void> HttpConnection::fill() {
  if (capacity_ - size_ < kReadSize / 4) {
    const size_t grown = std::max(capacity_ * 2, size_ + kReadSize);
    std::unique_ptr<char[]> next(new char[grown]);
    if (size_ > 0) std::memcpy(next.get(), buffer_.get(), size_);
    buffer_ = std::move(next);
    capacity_ = grown;
  }
  size_ += co_await socket_.async_read_some(asio::buffer(buffer_.get() + size_, capacity_ - size_),
                                            asio::use_awaitable);
}

asio::awaitable<HttpResponse> HttpConnection::round_trip(std::string_view request) {
  if (!connected_) {
    socket_ = asio::ip::tcp::socket(socket_.get_executor());
    co_await socket_.async_connect(endpoint_, asio::use_awaitable);
    socket_.set_option(asio::ip::tcp::no_delay(true));
    size_ = begin_ = 0;
    connected_ = true;
  }
  try {
    compact();  // the previous response's body is no longer needed
    co_await asio::async_write(socket_, asio::buffer(request), asio::use_awaitable);

    size_t header_end;
    while ((header_end = find(buffer_.get(), begin_, size_, "\r\n\r\n")) == std::string_view::npos)
      co_await fill();
    const std::string_view head(buffer_.get() + begin_, header_end - begin_);
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
      while (size_ - begin_ < content_length) co_await fill();
      res.body = std::string_view(buffer_.get() + begin_, content_length);
      begin_ += content_length;
    } else {
      chunked_.clear();
      for (;;) {
        size_t eol;
        while ((eol = find(buffer_.get(), begin_, size_, "\r\n")) == std::string_view::npos)
          co_await fill();
        const size_t size =
            std::stoul(std::string(buffer_.get() + begin_, eol - begin_), nullptr, 16);
        begin_ = eol + 2;
        while (size_ - begin_ < size + 2) co_await fill();
        chunked_.append(buffer_.get() + begin_, size);
        begin_ += size + 2;
        if (size == 0) break;
      }
      res.body = chunked_;
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
