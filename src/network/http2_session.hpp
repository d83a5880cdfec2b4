// One HTTP/2 connection's I/O, in clear (h2c with prior knowledge) or over
// TLS (ALPN h2): a reader feeds received bytes to Http2Connection, a writer
// sends what it produces, and the writer also wakes for event sources,
// graceful stop and the idle timeout. Both run on the session's executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "network/session_limits.hpp"
#include "network/session_registry.hpp"
#include "protocol/api.hpp"

namespace kinesisd::network {

// `buffer` holds bytes already read (the client preface, for h2c).
template <class Stream>
boost::asio::awaitable<void> run_http2_session(Stream& stream, boost::beast::flat_buffer& buffer,
                                               const protocol::Service& service,
                                               SessionLimits limits, SessionRegistry& registry);

extern template boost::asio::awaitable<void> run_http2_session(boost::beast::tcp_stream&,
                                                               boost::beast::flat_buffer&,
                                                               const protocol::Service&,
                                                               SessionLimits, SessionRegistry&);
extern template boost::asio::awaitable<void> run_http2_session(
    boost::beast::ssl_stream<boost::beast::tcp_stream>&, boost::beast::flat_buffer&,
    const protocol::Service&, SessionLimits, SessionRegistry&);

}  // namespace kinesisd::network
