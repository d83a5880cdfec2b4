// Accepts TCP connections and starts a connection (network/connection.hpp)
// for each: HTTP/1.1, HTTP/2 or TLS, told apart by their first bytes. They are spread
// round-robin over single-threaded io_contexts, so a request is read, served
// and answered on one thread without handing it across threads.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <memory>

#include <boost/asio/ssl/context.hpp>

#include "network/session_limits.hpp"
#include "network/session_registry.hpp"
#include "network/tls_context.hpp"
#include "protocol/api.hpp"

namespace kinesisd::network {

// Owned by a shared_ptr: its accept loop, its connections and a stop() under
// way keep it alive (they hold a reference), so it may be let go of at any
// moment.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens; throws boost::system::system_error when it cannot.
  // `session_executor` picks the executor of each new connection.
  Listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint,
           SessionLimits limits, std::function<boost::asio::any_io_executor()> session_executor);

  uint16_t port() const { return port_; }
  // Serves TLS on the same port from now on (before start()).
  void enable_tls(std::unique_ptr<TlsProvider> tls) { tls_ = std::move(tls); }
  // Begins accepting; every request goes to `service`, which outlives the listener.
  void start(const protocol::Service& service);
  // Stops accepting and closes idle connections; busy ones finish.
  void stop();

 private:
  boost::asio::awaitable<void> accept_loop(std::shared_ptr<Listener> self);

  std::function<boost::asio::any_io_executor()> session_executor_;
  boost::asio::ip::tcp::acceptor acceptor_;
  const protocol::Service* service_ = nullptr;
  SessionLimits limits_;
  SessionRegistry registry_;
  // Connections being served; past limits_.max_connections new ones are closed.
  std::shared_ptr<std::atomic<uint32_t>> live_ = std::make_shared<std::atomic<uint32_t>>(0);
  std::unique_ptr<TlsProvider> tls_;
  uint16_t port_ = 0;
};

}  // namespace kinesisd::network
