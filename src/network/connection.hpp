// One accepted connection: sniffs its first bytes (transport_sniffer.hpp),
// completes a TLS handshake when it starts with one, and runs the HTTP/1.1
// or HTTP/2 session the bytes (or ALPN) ask for. Every transport ends in the
// same Service.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "network/session_limits.hpp"
#include "network/session_registry.hpp"
#include "network/tls_context.hpp"
#include "protocol/api.hpp"

namespace kinesisd::network {

// `tls` may be null (or fail to make its context): a TLS ClientHello then
// just closes the connection.
boost::asio::awaitable<void> run_connection(boost::asio::ip::tcp::socket socket,
                                            const protocol::Service& service, TlsProvider* tls,
                                            SessionLimits limits, SessionRegistry& registry);

}  // namespace kinesisd::network
