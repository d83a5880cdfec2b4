// The transport's ceiling on this machine: a loopback HTTP/1.1 server that
// reads each request (headers and Content-Length body) and answers one fixed
// 200 response, on as many threads as kinesisd uses. kinesisd's figures are
// reported as a fraction of what the load generator reaches against this.
//
//   ceiling_server [--port 4599] [--threads N]
//
// The fixed body satisfies the generator's checks for every mode that writes
// ({"FailedRecordCount":0}, a stream that is "ACTIVE").
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

const std::string kBody = R"({"FailedRecordCount":0,"StreamStatus":"ACTIVE","Records":[]})";
const std::string kResponse =
    "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: " +
    std::to_string(kBody.size()) + "\r\n\r\n" + kBody;

size_t content_length(std::string_view head) {
  for (size_t at = 0; (at = head.find("\r\n", at)) != std::string_view::npos; at += 2) {
    auto line = head.substr(at + 2, 15);
    std::string lower(line);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "content-length:") {
      size_t i = at + 17, n = 0;
      while (i < head.size() && head[i] == ' ') ++i;
      while (i < head.size() && head[i] >= '0' && head[i] <= '9') n = n * 10 + (head[i++] - '0');
      return n;
    }
  }
  return 0;
}

asio::awaitable<void> session(tcp::socket socket) {
  std::string buf;
  size_t begin = 0;
  try {
    for (;;) {
      size_t end;
      while ((end = buf.find("\r\n\r\n", begin)) == std::string::npos) {
        const size_t old = buf.size();
        buf.resize(old + 65536);
        buf.resize(old + co_await socket.async_read_some(asio::buffer(buf.data() + old, 65536),
                                                         asio::use_awaitable));
      }
      const size_t length = content_length(std::string_view(buf).substr(begin, end - begin));
      const size_t need = end + 4 + length;
      while (buf.size() < need) {
        const size_t old = buf.size();
        buf.resize(old + 65536);
        buf.resize(old + co_await socket.async_read_some(asio::buffer(buf.data() + old, 65536),
                                                         asio::use_awaitable));
      }
      begin = need;
      if (begin == buf.size()) {
        buf.clear();
        begin = 0;
      }
      co_await asio::async_write(socket, asio::buffer(kResponse), asio::use_awaitable);
    }
  } catch (const std::exception&) {
  }
}

asio::awaitable<void> accept(tcp::acceptor& acceptor, asio::io_context& ioc) {
  for (;;) {
    auto socket = co_await acceptor.async_accept(asio::make_strand(ioc), asio::use_awaitable);
    socket.set_option(tcp::no_delay(true));
    auto ex = socket.get_executor();
    asio::co_spawn(ex, session(std::move(socket)), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  unsigned short port = 4599;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--port") port = static_cast<unsigned short>(std::stoi(argv[i + 1]));
    if (flag == "--threads") threads = static_cast<unsigned>(std::stoi(argv[i + 1]));
  }
  asio::io_context ioc(static_cast<int>(threads));
  tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), port});
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { ioc.stop(); });
  asio::co_spawn(ioc, accept(acceptor, ioc), asio::detached);
  std::printf("ceiling_server listening on http://127.0.0.1:%u\n",
              acceptor.local_endpoint().port());
  std::fflush(stdout);
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}
