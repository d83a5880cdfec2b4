// Who is on the other end of a connection, as a request's IAM context needs
// it (aws:SourceIp, aws:SecureTransport): the peer's address and whether the
// bytes travel over TLS.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <string>

namespace kinesisd::network {

struct Peer {
  std::string address;  // "127.0.0.1", "::1"; empty when the socket cannot say
  bool secure = false;
};

// Stream is beast::tcp_stream or an ssl_stream over one (the layered one:
// it has a next layer).
template <class Stream>
Peer peer_of(Stream& stream) {
  Peer peer;
  peer.secure = requires { stream.next_layer(); };
  boost::system::error_code ec;
  const auto endpoint = boost::beast::get_lowest_layer(stream).socket().remote_endpoint(ec);
  if (!ec) {
    auto address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped())
      address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
    peer.address = address.to_string();
  }
  return peer;
}

}  // namespace kinesisd::network
