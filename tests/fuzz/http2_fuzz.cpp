// HTTP/2 frames through the nghttp2 session of network/http2_connection and
// the router: the client preface, then the input as frames.
#include "fuzz_input.hpp"
#include "network/http2_connection.hpp"
#include "tests/kinesis/kinesis_service.hpp"

KINESISD_FUZZ_TARGET(http2) {
  static auto* service = new kinesisd::service::testing::KinesisService();
  constexpr std::string_view kPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  std::string_view frames(reinterpret_cast<const char*>(data), size);
  kinesisd::network::Http2Connection connection(service->router, {}, [] {});
  bool ok = connection.receive(kPreface);
  if (frames.starts_with(kPreface)) frames.remove_prefix(kPreface.size());
  // In pieces, as reads would deliver them, answering between them.
  std::string out;
  while (ok && !frames.empty()) {
    const size_t n = std::min<size_t>(frames.size(), 1 + frames[0] % 64 * 16);
    ok = connection.receive(frames.substr(0, n));
    frames.remove_prefix(n);
    out.clear();
    connection.produce(out, 1 << 20);
  }
  out.clear();
  connection.produce(out, 1 << 20);
  connection.shutdown();
  return 0;
}
