// One HTTP/1.1 connection: read a request (bounded header and body, idle
// timeout), hand it to the Router, write the response, loop while keep-alive.
// Nothing else lives here. Malformed bytes end this connection only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "network/session_registry.hpp"
#include "protocol/router.hpp"

namespace kinesisd::network {

struct SessionLimits {
  uint64_t body_limit = 16ull * 1024 * 1024;  // larger bodies get 413
  uint32_t header_limit = 64 * 1024;
  std::chrono::seconds idle_timeout{120};
};

boost::asio::awaitable<void> run_http_session(boost::beast::tcp_stream stream,
                                              const protocol::Router& router, SessionLimits limits,
                                              SessionRegistry& registry);

}  // namespace kinesisd::network
