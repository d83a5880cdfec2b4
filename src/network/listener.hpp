// Accepts TCP connections and starts a session for each, on its own strand.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "network/http_session.hpp"
#include "network/session_registry.hpp"
#include "protocol/router.hpp"

namespace kinesisd::network {

class Listener {
 public:
  // Binds and listens; throws boost::system::system_error when it cannot.
  Listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint,
           const protocol::Router& router, SessionLimits limits);

  uint16_t port() const { return port_; }
  void start();  // begins accepting
  // Stops accepting and closes idle connections; busy ones finish.
  void stop();

 private:
  boost::asio::awaitable<void> accept_loop();

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  const protocol::Router& router_;
  SessionLimits limits_;
  SessionRegistry registry_;
  uint16_t port_ = 0;
};

}  // namespace kinesisd::network
