// Wires the layers together: network -> protocol -> operations -> log.
#include "kinesisd/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <thread>
#include <vector>

#include "log/clock.hpp"
#include "log/stream_store.hpp"
#include "network/listener.hpp"
#include "protocol/model.hpp"
#include "protocol/router.hpp"
#include "protocol/signed_token.hpp"

namespace kinesisd {

namespace asio = boost::asio;

namespace {

asio::ip::tcp::endpoint resolve(asio::io_context& ioc, const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (!ec) return {address, port};
  asio::ip::tcp::resolver resolver(ioc);
  auto results = resolver.resolve(host, std::to_string(port));
  return *results.begin();
}

log::StoreOptions store_options(const Options& o) {
  log::StoreOptions s;
  s.account_id = o.account_id;
  s.shard_limit = o.shard_limit;
  s.create_delay_ms = o.create_stream_ms;
  s.delete_delay_ms = o.delete_stream_ms;
  s.update_delay_ms = o.update_stream_ms;
  return s;
}

}  // namespace

struct Server::Impl {
  Options options;
  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  log::SystemClock clock;
  log::StreamStore store;
  protocol::SignedToken signer;
  protocol::Router router;
  std::unique_ptr<network::Listener> listener;
  asio::steady_timer sweep_timer;
  std::vector<std::thread> threads;

  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false;  // guarded by mu
  bool stopped = false;         // guarded by mu
  std::thread watchdog;

  explicit Impl(Options o)
      : options(std::move(o)),
        ioc(static_cast<int>(options.threads)),
        work(asio::make_work_guard(ioc)),
        store(store_options(options), clock),
        router(store, signer, options.region),
        sweep_timer(ioc) {}

  asio::awaitable<void> sweep_loop() {
    for (;;) {
      sweep_timer.expires_after(std::chrono::milliseconds(options.sweep_interval_ms));
      auto [ec] = co_await sweep_timer.async_wait(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      store.sweep();
    }
  }
};

Server::Server(Options options) {
  if (options.threads == 0) options.threads = std::max(1u, std::thread::hardware_concurrency());
  impl_ = std::make_unique<Impl>(std::move(options));
}

Server::~Server() {
  stop();
  wait();
}

void Server::start() {
  auto& d = *impl_;
  protocol::Model::kinesis();  // parse the embedded model now, not on the first request
  network::SessionLimits limits;
  limits.body_limit = d.options.body_limit;
  d.listener = std::make_unique<network::Listener>(
      d.ioc, resolve(d.ioc, d.options.host, d.options.port), d.router, limits);
  d.listener->start();
  asio::co_spawn(d.ioc, d.sweep_loop(), asio::detached);
  for (unsigned i = 0; i < d.options.threads; ++i) d.threads.emplace_back([&d] { d.ioc.run(); });
}

uint16_t Server::port() const { return impl_->listener ? impl_->listener->port() : 0; }
const Options& Server::options() const { return impl_->options; }

void Server::stop() {
  auto& d = *impl_;
  {
    std::lock_guard lock(d.mu);
    if (d.stop_requested) return;
    d.stop_requested = true;
  }
  if (d.listener) d.listener->stop();
  asio::post(d.ioc, [&d] { d.sweep_timer.cancel(); });
  d.work.reset();
  // Requests in flight get up to a second; then the loop is stopped.
  d.watchdog = std::thread([&d] {
    std::unique_lock lock(d.mu);
    if (!d.cv.wait_for(lock, std::chrono::milliseconds(900), [&d] { return d.stopped; }))
      d.ioc.stop();
  });
}

void Server::wait() {
  auto& d = *impl_;
  for (auto& t : d.threads)
    if (t.joinable()) t.join();
  {
    std::lock_guard lock(d.mu);
    d.stopped = true;
  }
  d.cv.notify_all();
  if (d.watchdog.joinable()) d.watchdog.join();
}

}  // namespace kinesisd
