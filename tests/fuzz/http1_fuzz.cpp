// HTTP/1.1 bytes through Beast's parser (with the session's limits) and the
// router, as network/http_session.cpp reads them: one or more pipelined
// requests, each answered by the Kinesis API in memory.
#include <array>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstddef>
#include <memory_resource>

#include "fuzz_input.hpp"
#include "network/http1_request.hpp"
#include "network/session_limits.hpp"
#include "tests/kinesis/kinesis_service.hpp"

namespace http = boost::beast::http;

KINESISD_FUZZ_TARGET(http1) {
  static auto* service = new kinesisd::service::testing::KinesisService();
  const kinesisd::network::SessionLimits limits;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Fields in a small arena, reset per request, as the session keeps them.
  std::array<std::byte, 256> field_space;
  std::pmr::monotonic_buffer_resource fields(field_space.data(), field_space.size());
  for (int requests = 0; requests < 8 && !bytes.empty(); ++requests) {
    fields.release();
    auto parser = kinesisd::network::parser_in(fields);
    parser.body_limit(limits.body_limit);
    parser.header_limit(limits.header_limit);
    parser.eager(true);
    boost::system::error_code ec;
    const size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec || !parser.is_done()) break;
    bytes.remove_prefix(used);
    const auto request = parser.release();
    const auto response = service->router.handle(kinesisd::network::to_api(request, {}));
    if (response.status < 100 || response.status > 599) __builtin_trap();
    if (response.streamed) response.streamed->close();
  }
  return 0;
}
