// One HTTP/1.1 connection, in clear or over TLS: read a request (bounded
// header and body, idle timeout), hand it to the Service, write the response,
// loop while keep-alive. Nothing else lives here. Malformed bytes end this
// connection only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "network/session_limits.hpp"
#include "network/session_registry.hpp"
#include "protocol/api.hpp"

namespace kinesisd::network {

// `buffer` holds bytes already read from the connection (by the transport
// sniffer). Stream is beast::tcp_stream or an ssl_stream over one.
template <class Stream>
boost::asio::awaitable<void> run_http_session(Stream& stream, boost::beast::flat_buffer& buffer,
                                              const protocol::Service& service,
                                              SessionLimits limits, SessionRegistry& registry);

extern template boost::asio::awaitable<void> run_http_session(boost::beast::tcp_stream&,
                                                              boost::beast::flat_buffer&,
                                                              const protocol::Service&,
                                                              SessionLimits, SessionRegistry&);
extern template boost::asio::awaitable<void> run_http_session(
    boost::beast::ssl_stream<boost::beast::tcp_stream>&, boost::beast::flat_buffer&,
    const protocol::Service&, SessionLimits, SessionRegistry&);

}  // namespace kinesisd::network
