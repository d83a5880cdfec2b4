#include "network/listener.hpp"

#include "network/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace kinesisd::network {

namespace asio = boost::asio;
using asio::ip::tcp;

Listener::Listener(asio::io_context& ioc, const tcp::endpoint& endpoint, SessionLimits limits,
                   std::function<asio::any_io_executor()> session_executor)
    : session_executor_(std::move(session_executor)), acceptor_(ioc), limits_(limits) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
}

void Listener::start(const protocol::Service& service) {
  service_ = &service;
  asio::co_spawn(acceptor_.get_executor(), accept_loop(shared_from_this()), asio::detached);
}

void Listener::stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
  });
  registry_.stop();
}

asio::awaitable<void> Listener::accept_loop(std::shared_ptr<Listener> self) {
  for (;;) {
    auto [ec, socket] =
        co_await acceptor_.async_accept(session_executor_(), asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
    if (ec) {
      // Out of descriptors and the like: back off instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    if (registry_.stopping()) continue;  // the socket closes as it goes out of scope
    if (live_->load() >= limits_.max_connections) {
      spdlog::warn("{} connections open, the most allowed: closing a new one", live_->load());
      continue;
    }
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto executor = socket.get_executor();
    live_->fetch_add(1);
    asio::co_spawn(executor,
                   run_connection(std::move(socket), *service_, tls_.get(), limits_, registry_),
                   // The connection uses the registry, limits and TLS held
                   // here: it keeps the Listener alive until it ends.
                   [live = live_, self](std::exception_ptr) { live->fetch_sub(1); });
  }
}

}  // namespace kinesisd::network
