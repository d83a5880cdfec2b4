// Wires the layers together: network -> service -> operations / lambda ->
// poller -> log (README, Layout).
#include "kinesisd/server.hpp"

#include <malloc.h>

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>
#include <vector>

#include "aws/outbound.hpp"
#include "aws/s3_client.hpp"
#include "base/mutex.hpp"
#include "buckets/s3_api_store.hpp"
#include "buckets/s3_directory.hpp"
#include "config/config_file.hpp"
#include "console/console_endpoint.hpp"
#include "control/admin_endpoint.hpp"
#include "control/faults_endpoint.hpp"
#include "control/metrics_text.hpp"
#include "control/reset_endpoint.hpp"
#include "control/settle_endpoint.hpp"
#include "control/test_clock.hpp"
#include "endpoint/aws_json_endpoint.hpp"
#include "firehose/firehose_api.hpp"
#include "firehose/operations/catalog.hpp"
#include "firehose/operations/definitions.hpp"
#include "kinesis/channels/channel_registry.hpp"
#include "kinesis/kinesis_api.hpp"
#include "kinesis/log/clock.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/handler/handler_registry.hpp"
#include "lambda/lambda_endpoint.hpp"
#include "lambda/mappings/config_mappings.hpp"
#include "lambda/poller/poller.hpp"
#include "network/certificate_cache.hpp"
#include "network/listener.hpp"
#include "network/tls_context.hpp"
#include "observability/request_metrics.hpp"
#include "protocol/model.hpp"
#include "protocol/signed_token.hpp"
#include "protocol/validator.hpp"
#include "server/cors.hpp"
#include "server/persistence.hpp"
#include "server/router.hpp"

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
  s.limits = o.limits == "aws";
  return s;
}

// LocalStack's KINESIS_ERROR_PROBABILITY as fault rules: puts and gets fail
// with ProvisionedThroughputExceededException (a PutRecords call's records
// all fail), at random.
nlohmann::json error_probability_rules(double p) {
  return nlohmann::json::array({{{"operation", "PutRecord"},
                                 {"probability", p},
                                 {"error", "ProvisionedThroughputExceededException"}},
                                {{"operation", "PutRecords"}, {"probability", p}, {"partial", 1.0}},
                                {{"operation", "GetRecords"},
                                 {"probability", p},
                                 {"error", "ProvisionedThroughputExceededException"}}});
}

}  // namespace

struct Server::Impl final : service::Resettable {
  Options options;
  // What start() read: the config file, if any, and --streams.
  std::optional<config::ConfigFile> file;
  std::vector<config::StartupStream> flag_streams;
  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  log::OffsetClock clock;  // the system clock unless --test-clock moves it
  // Made by start(), in this order (a data directory must open first).
  std::unique_ptr<Persistence> persistence;
  std::unique_ptr<log::StreamStore> store;
  std::unique_ptr<protocol::SignedToken> signer;
  // --limits aws: the control plane's quotas; --faults: the rules, the delay
  // thread of their latencies and their endpoint.
  std::unique_ptr<operations::ControlPlaneQuotas> quotas;
  std::unique_ptr<faults::FaultEngine> faults;
  std::unique_ptr<faults::DelayQueue> delays;
  std::unique_ptr<service::FaultsEndpoint> faults_endpoint;
  // The endpoints behind the router (server/router.cpp lists them in order).
  std::unique_ptr<service::KinesisApi> kinesis_api;
  // Firehose: where its S3 objects go (folders of --s3-dir, or an S3 API
  // endpoint), the delivery streams, their API.
  std::unique_ptr<buckets::ObjectStore> s3;
  // The endpoints and credentials of kinesisd's calls to S3, SQS and SNS.
  aws::Outbound outbound;
  std::unique_ptr<delivery::DeliveryRegistry> deliveries;
  std::unique_ptr<service::FirehoseApi> firehose_api;
  // Kinesis channels: only with an S3 to deliver to.
  std::unique_ptr<channels::ChannelRegistry> channels;
  std::unique_ptr<service::Authorizer> authorizer;  // --auth sigv4
  std::unique_ptr<service::AwsJsonEndpoint> aws_json;
  service::Preflight preflight;
  std::unique_ptr<service::LambdaEndpoint> lambda;
  std::unique_ptr<observability::MetricsText> metrics_text;
  std::unique_ptr<service::AdminEndpoint> admin;
  std::unique_ptr<service::TestClock> test_clock;
  std::unique_ptr<service::SettleEndpoint> settle;         // /_kinesisd/wait, /_kinesisd/flush
  std::unique_ptr<service::ResetEndpoint> reset_endpoint;  // /_kinesisd/reset
  std::unique_ptr<service::RequestGuard> guard;            // Host and Origin rules
  std::unique_ptr<service::ConsoleEndpoint> console;
  std::unique_ptr<service::Router> router;
  std::shared_ptr<network::Listener> listener;
  std::string tls_cert_path;
  // This run's own certificate and key (no cache directory): removed at exit.
  std::vector<std::string> tls_temporary_files;
  std::unique_ptr<handler::HandlerRegistry> handlers;
  std::unique_ptr<poller::Poller> poller;
  observability::RequestMetrics request_metrics;
  asio::steady_timer sweep_timer;
  std::vector<std::thread> threads;
  // Connections are served on `ioc` and on these, one thread each, in turn.
  std::vector<std::unique_ptr<asio::io_context>> workers;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> worker_work;
  std::atomic<size_t> next_worker{0};

  base::Mutex mu;
  std::condition_variable cv;
  bool stop_requested GUARDED_BY(mu) = false;
  bool stopped GUARDED_BY(mu) = false;
  std::thread watchdog;

  explicit Impl(Options o)
      : options(std::move(o)), ioc(1), work(asio::make_work_guard(ioc)), sweep_timer(ioc) {}

  // The store and the Kinesis API over it, kept as the options say.
  void open_store(const std::optional<config::ConfigFile>& file);
  // TLS on the listener's port: the given certificate, loaded now; or the
  // cached localhost one (network/certificate_cache), loaded by the first TLS
  // connection.
  void open_tls();
  // The fault engine, when the options or the file ask for one.
  void open_faults(const std::optional<config::ConfigFile>& file);
  // The rules --error-probability and the config file start with.
  void add_start_rules(const std::optional<config::ConfigFile>& file);
  // The endpoints and credentials of kinesisd's calls to S3, SQS and SNS,
  // and where Firehose's objects go.
  void open_outbound(const std::optional<config::ConfigFile>& file);
  // Stream names of the default region the data directory brought back, and
  // those --streams and the config file declared so far: a stream declared
  // again on a restart is the one kept, not a mistake.
  std::set<std::string> restored_streams, declared_streams;

  // The config file's (or --streams') streams, then its handlers; its
  // mappings come last (start()), as they name both.
  void create_streams(const config::ConfigFile& file);
  void register_handlers(const config::ConfigFile& file);
  // The file's delivery streams, ACTIVE before the ready line.
  void create_delivery_streams(const config::ConfigFile& file);
  // What --streams and the config file declare, made at start-up and after
  // a reset: the streams first, then what reads them (delivery streams and
  // mappings), with what a data directory restored in between.
  void create_declared_streams();
  void create_declared_readers();
  // /_kinesisd/reset: everything gone, then what is declared made again.
  Remade reset() override;

  asio::awaitable<void> sweep_loop() {
    for (;;) {
      sweep_timer.expires_after(std::chrono::milliseconds(options.sweep_interval_ms));
      auto [ec] = co_await sweep_timer.async_wait(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      store->sweep();
    }
  }
};

Server::Server(Options options) {
  if (options.threads == 0) options.threads = std::max(1u, std::thread::hardware_concurrency());
  impl_ = std::make_unique<Impl>(std::move(options));
  // Kinesis's model is read on another core while the server starts; the
  // first request that needs it (nearly every one) waits for it if need be.
  impl_->threads.emplace_back([] { protocol::Model::kinesis(); });
}

Server::~Server() {
  stop();
  wait();
}

void Server::start() {
  auto& d = *impl_;
  network::SessionLimits limits;
  limits.body_limit = d.options.body_limit;
  limits.max_connections = d.options.max_connections;
  limits.header_timeout = std::chrono::seconds(d.options.header_timeout_s);
  d.listener = std::make_shared<network::Listener>(
      d.ioc, resolve(d.ioc, d.options.host, d.options.port), limits,
      [&d]() -> asio::any_io_executor {
        const size_t n = d.next_worker++ % (d.workers.size() + 1);
        return n == 0 ? d.ioc.get_executor() : d.workers[n - 1]->get_executor();
      });
  // Kinesis's model is being read (Server's constructor); Firehose's, larger,
  // on a thread of its own once kinesisd is ready (a first Firehose call
  // before it is done waits for it).
  if (!d.options.config_path.empty()) d.file = config::load_config(d.options.config_path);
  d.flag_streams = config::parse_streams_flag(d.options.streams);
  const auto& file = d.file;
  d.open_faults(file);
  d.open_store(file);

  if (d.options.tls) d.open_tls();

  // Handlers learn where kinesisd listens, so their SDK calls come back here.
  const std::string host = d.options.host == "0.0.0.0" || d.options.host == "::"
                               ? std::string("127.0.0.1")
                               : d.options.host;
  d.handlers = std::make_unique<handler::HandlerRegistry>(
      handler::Environment{"http://" + host + ":" + std::to_string(d.listener->port()),
                           d.options.region, d.options.account_id});
  d.open_outbound(file);
  if (d.s3) {
    d.channels = std::make_unique<channels::ChannelRegistry>(
        channels::ChannelWorld{*d.store, d.s3.get(), d.persistence->database()});
    if (const size_t n = d.channels->restore()) spdlog::info("{} channels restored", n);
    d.kinesis_api->set_channels(d.channels.get());
  }
  d.deliveries = std::make_unique<delivery::DeliveryRegistry>(
      delivery::DeliveryWorld{d.clock, d.s3.get(), d.handlers.get(), d.store.get(),
                              d.persistence->deliveries(), d.persistence->memory_budget()});
  d.firehose_api = std::make_unique<service::FirehoseApi>(
      *d.deliveries, firehose::Settings{d.options.account_id, d.options.create_stream_ms,
                                        d.options.delete_stream_ms, d.s3 != nullptr,
                                        d.options.opensearch_endpoint});
  const bool sigv4 = d.options.auth == "sigv4" || (file && file->auth == "sigv4");
  if (sigv4) {
    const std::string path = file ? file->path : "--auth";
    try {
      auto identities = iam::Identities::parse(file ? file->identities : nlohmann::json::array(),
                                               d.options.account_id);
      if (identities.size() == 0)
        throw config::ConfigError(path, "identities",
                                  "--auth sigv4 needs at least one identity in the config file");
      d.authorizer = std::make_unique<service::Authorizer>(
          std::move(identities),
          iam::KmsAliases::parse(file ? file->kms_aliases : nlohmann::json::object()));
    } catch (const iam::IdentityError& e) {
      throw config::ConfigError(path, e.key, e.what());
    }
  }
  d.aws_json = std::make_unique<service::AwsJsonEndpoint>(
      std::vector<const service::JsonApi*>{d.kinesis_api.get(), d.firehose_api.get()},
      d.options.region, d.authorizer.get());
  d.poller = std::make_unique<poller::Poller>(*d.store, *d.handlers);
  d.poller->inject(d.faults.get());
  d.poller->set_outbound(&d.outbound);
  d.persistence->attach(*d.poller);
  d.lambda = std::make_unique<service::LambdaEndpoint>(*d.poller, d.options.region,
                                                       d.persistence->mappings(),
                                                       d.authorizer.get(), d.options.account_id);
  d.metrics_text = std::make_unique<observability::MetricsText>(
      *d.store, d.request_metrics, d.poller.get(),
      observability::StorageGauges{d.persistence->memory_budget(), d.persistence->cache()},
      d.faults.get(), d.deliveries.get());
  d.admin = std::make_unique<service::AdminEndpoint>(*d.metrics_text);
  if (d.options.console)
    d.console = std::make_unique<service::ConsoleEndpoint>(
        d.clock, *d.store, *d.poller,
        service::ConsoleInfo{d.options.region, d.options.account_id, d.options.limits == "aws",
                             d.faults_endpoint != nullptr, d.s3 != nullptr, sigv4,
                             d.options.data_dir, d.options.durability},
        d.authorizer.get());
  if (d.options.test_clock) d.test_clock = std::make_unique<service::TestClock>(d.clock, *d.store);
  d.settle = std::make_unique<service::SettleEndpoint>(*d.store, d.poller.get(), d.deliveries.get(),
                                                       d.channels.get(), sigv4);
  d.reset_endpoint = std::make_unique<service::ResetEndpoint>(d, sigv4);
  d.guard = std::make_unique<service::RequestGuard>(
      service::GuardSettings{d.options.host, service::split_list(d.options.allowed_hosts),
                             service::split_list(d.options.cors_origins)});
  d.preflight = service::Preflight(d.guard.get());
  d.router = std::make_unique<service::Router>(
      service::Endpoints{d.admin.get(), d.test_clock.get(), d.lambda.get(), &d.preflight,
                         d.aws_json.get(), d.faults_endpoint.get(), d.console.get(), d.settle.get(),
                         d.reset_endpoint.get()},
      &d.request_metrics, d.guard.get());
  d.create_declared_streams();
  if (file) d.register_handlers(*file);
  // Mappings a data directory kept come back before the file's, which then
  // update the ones they match instead of making others.
  if (auto* journal = d.persistence->mappings()) {
    const size_t mappings = journal->restore(*d.poller);
    if (mappings)
      spdlog::info("{}: {} event source mappings restored", d.options.data_dir, mappings);
  }
  // Delivery streams a data directory kept come back (with what they had
  // not delivered) before the file's, which leave a restored one as it is.
  if (const size_t restored = firehose::restore_delivery_streams(
          *d.deliveries, firehose::Settings{d.options.account_id, d.options.create_stream_ms,
                                            d.options.delete_stream_ms, d.s3 != nullptr,
                                            d.options.opensearch_endpoint}))
    spdlog::info("{}: {} delivery streams restored", d.options.data_dir, restored);
  d.create_declared_readers();

  d.listener->start(*d.router);
  asio::co_spawn(d.ioc, d.sweep_loop(), asio::detached);
  // The workers exist before the accept loop runs (on ioc), which picks among them.
  for (unsigned i = 1; i < d.options.threads; ++i) {
    d.workers.push_back(std::make_unique<asio::io_context>(1));
    d.worker_work.push_back(asio::make_work_guard(*d.workers.back()));
  }
  for (auto& worker : d.workers) d.threads.emplace_back([w = worker.get()] { w->run(); });
  d.threads.emplace_back([&d] { d.ioc.run(); });
  d.threads.emplace_back([] {  // see above
    protocol::Model::firehose();
    // Reading the models' JSON freed most of what it allocated: give those
    // pages back, so idle memory is what the server holds, not the parse's.
    malloc_trim(0);
  });
}

uint16_t Server::port() const { return impl_->listener ? impl_->listener->port() : 0; }
const Options& Server::options() const { return impl_->options; }
const std::string& Server::tls_cert_path() const { return impl_->tls_cert_path; }
bool Server::console() const { return impl_->console != nullptr; }

void Server::stop() {
  auto& d = *impl_;
  {
    base::MutexLock lock(d.mu);
    if (d.stop_requested) return;
    d.stop_requested = true;
  }
  if (d.listener) d.listener->stop();
  if (d.poller) d.poller->request_stop();
  asio::post(d.ioc, [&d] { d.sweep_timer.cancel(); });
  d.work.reset();
  for (auto& w : d.worker_work) w.reset();
  // Requests in flight get up to a second; then the loops are stopped.
  d.watchdog = std::thread([&d] {
    base::UniqueLock lock(d.mu);
    if (!d.cv.wait_for(lock.native(), std::chrono::milliseconds(900),
                       [&d]() REQUIRES(d.mu) { return d.stopped; })) {
      d.ioc.stop();
      for (auto& w : d.workers) w->stop();
    }
  });
}

void Server::wait() {
  auto& d = *impl_;
  if (d.reset_endpoint) d.reset_endpoint->close();  // a reset under way ends first
  for (auto& t : d.threads)
    if (t.joinable()) t.join();
  if (d.poller) d.poller->stop();
  // Channels stop (a data directory keeps where each had delivered to, so
  // what they buffered is delivered after a restart). Delivery streams
  // deliver what they buffered, then stop, while the handlers and the store
  // they use are still there.
  d.channels.reset();
  d.deliveries.reset();
  for (const auto& file : d.tls_temporary_files) {
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
  }
  d.tls_temporary_files.clear();
  {
    base::MutexLock lock(d.mu);
    d.stopped = true;
  }
  d.cv.notify_all();
  if (d.watchdog.joinable()) d.watchdog.join();
}

void Server::Impl::open_tls() {
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    if (options.tls_cert.empty() || options.tls_key.empty())
      throw std::runtime_error("--tls-cert and --tls-key go together");
    listener->enable_tls(std::make_unique<network::TlsProvider>(
        network::TlsSettings{options.tls_cert, options.tls_key}, /*eager=*/true));
    tls_cert_path = options.tls_cert;
    return;
  }
  const auto files = network::localhost_certificate(
      network::certificate_cache_dir([](const char* name) { return std::getenv(name); }),
      std::filesystem::temp_directory_path().string(), std::to_string(listener->port()));
  if (files.temporary) tls_temporary_files = {files.cert_file, files.key_file};
  tls_cert_path = files.cert_file;
  if (!options.tls_cert_out.empty()) {  // a copy where the user asked for it
    std::error_code ec;
    std::filesystem::copy_file(files.cert_file, options.tls_cert_out,
                               std::filesystem::copy_options::overwrite_existing, ec);
    if (ec)
      throw std::runtime_error("--tls-cert-out " + options.tls_cert_out + ": " + ec.message());
    tls_cert_path = options.tls_cert_out;
  }
  listener->enable_tls(std::make_unique<network::TlsProvider>(
      network::TlsSettings{files.cert_file, files.key_file, "the certificate", "its key"},
      /*eager=*/false));
}

void Server::Impl::open_outbound(const std::optional<config::ConfigFile>& file) {
  // --s3-dir wins over an S3 endpoint: it is kinesisd's own flag, while
  // AWS_ENDPOINT_URL may be in the environment for the user's clients.
  const auto environment = [](const char* name) -> const char* { return std::getenv(name); };
  outbound.endpoints = aws::Endpoints::resolve(
      aws::EndpointSources{{{"s3", options.endpoint_url_s3},
                            {"sqs", options.endpoint_url_sqs},
                            {"sns", options.endpoint_url_sns},
                            {"default", options.endpoint_url}},
                           file ? file->endpoints : std::map<std::string, std::string>{},
                           environment});
  outbound.credentials = aws::Credentials::from_environment(environment);
  const aws::Endpoints& endpoints = outbound.endpoints;
  if (!options.s3_dir.empty())
    s3 = std::make_unique<buckets::S3Directory>(options.s3_dir);
  else if (const std::string url = endpoints.url("s3"); !url.empty())
    s3 = std::make_unique<buckets::S3ApiStore>(aws::S3Client(url, outbound.credentials));
  if (s3)
    spdlog::info("Firehose writes its S3 objects to {}{}", s3->describe(),
                 options.s3_dir.empty() ? " (" + endpoints.source("s3") + ")" : "");
}

void Server::Impl::open_faults(const std::optional<config::ConfigFile>& file) {
  const bool rules_in_file = file && !file->faults.empty();
  if (!options.faults && !rules_in_file && options.error_probability <= 0) return;
  faults = std::make_unique<faults::FaultEngine>(service::KinesisApi::vocabulary());
  delays = std::make_unique<faults::DelayQueue>();
  faults_endpoint = std::make_unique<service::FaultsEndpoint>(*faults);
  add_start_rules(file);
}

void Server::Impl::add_start_rules(const std::optional<config::ConfigFile>& file) {
  if (options.error_probability > 0)
    faults->add(error_probability_rules(options.error_probability));
  if (file && !file->faults.empty()) {
    try {
      faults->add(file->faults);
    } catch (const faults::RuleError& e) {
      const std::string reason = std::string(e.what()).substr(e.key.size() + 2);
      throw config::ConfigError(file->path, "faults" + e.key, reason);
    }
  }
}

void Server::Impl::open_store(const std::optional<config::ConfigFile>& file) {
  persistence = std::make_unique<Persistence>(StorageSettings{
      options.data_dir, options.durability, options.cache_mb, options.max_memory_mb});
  auto store_settings = store_options(options);
  if (file)
    for (const auto& s : file->streams)
      if (s.limits) store_settings.limited_streams.insert(s.name);
  store_settings.memory_limit_bytes = persistence->memory_limit_bytes();
  store = std::make_unique<log::StreamStore>(store_settings, clock, persistence->log_factory());
  signer = std::make_unique<protocol::SignedToken>(persistence->token_key());
  if (persistence->durable()) {
    const auto started = std::chrono::steady_clock::now();
    const size_t streams = persistence->attach(*store);
    for (const auto& s : store->list(store_settings.account_id, options.region))
      restored_streams.insert(s->name());
    spdlog::info("{}: {} streams restored in {} ms", options.data_dir, streams,
                 std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count());
  }
  if (options.limits == "aws") quotas = std::make_unique<operations::ControlPlaneQuotas>();
  kinesis_api = std::make_unique<service::KinesisApi>(*store, *signer, quotas.get(), faults.get(),
                                                      delays.get());
}

void Server::Impl::create_declared_streams() {
  if (!flag_streams.empty()) {
    config::ConfigFile from_flag;
    from_flag.path = "--streams";
    from_flag.streams = flag_streams;
    create_streams(from_flag);
  }
  if (file) create_streams(*file);
}

void Server::Impl::create_declared_readers() {
  if (!file) return;
  create_delivery_streams(*file);
  lambda::create_config_mappings(*file, *poller, options.region, options.account_id,
                                 persistence->mappings());
}

service::Resettable::Remade Server::Impl::reset() {
  // What reads records stops first (its threads joined), then what it read
  // goes; the data directory forgets each as it goes.
  poller->clear();
  if (auto* journal = persistence->mappings()) journal->clear();
  deliveries->clear();
  if (channels) channels->clear();
  store->clear();
  if (faults) {
    faults->clear();
    add_start_rules(file);
  }
  if (quotas) quotas->reset();
  clock.reset();
  restored_streams.clear();
  declared_streams.clear();
  create_declared_streams();
  create_declared_readers();
  Remade remade;
  remade.streams = declared_streams.size();
  remade.delivery_streams = file ? file->delivery_streams.size() : 0;
  remade.event_source_mappings = poller->list().size();
  spdlog::info(
      "/_kinesisd/reset: {} streams, {} delivery streams, {} event source mappings made "
      "again",
      remade.streams, remade.delivery_streams, remade.event_source_mappings);
  return remade;
}

void Server::Impl::create_streams(const config::ConfigFile& file) {
  auto& d = *this;
  using config::ConfigError;
  for (const auto& s : file.streams) {
    log::StreamSpec spec;
    spec.region = s.region.empty() ? d.options.region : s.region;
    spec.name = s.name;
    spec.shard_count = s.shards;
    spec.meta.mode = s.on_demand ? log::StreamMode::kOnDemand : log::StreamMode::kProvisioned;
    spec.active_at_once = true;
    const auto created = d.store->create(std::move(spec));
    if (created.outcome == log::CreateOutcome::kShardLimitExceeded)
      throw ConfigError(
          file.path, "streams." + s.name,
          "exceeds the shard limit (--shard-limit " + std::to_string(d.options.shard_limit) + ")");
    if (created.outcome == log::CreateOutcome::kAlreadyExists) {
      if (d.restored_streams.count(s.name) && !d.declared_streams.count(s.name)) {
        d.declared_streams.insert(s.name);  // kept in the data directory
        continue;
      }
      throw ConfigError(file.path, "streams." + s.name, "is declared twice (or in --streams too)");
    }
    d.declared_streams.insert(s.name);
  }
}

void Server::Impl::create_delivery_streams(const config::ConfigFile& file) {
  const firehose::Settings settings{options.account_id, 0, options.delete_stream_ms, s3 != nullptr,
                                    options.opensearch_endpoint};
  const auto* input = protocol::Model::firehose().input("CreateDeliveryStream");
  for (size_t i = 0; i < file.delivery_streams.size(); ++i) {
    const std::string key = "delivery_streams[" + std::to_string(i) + "]";
    auto spec = file.delivery_streams[i];
    if (auto invalid = protocol::validate_and_truncate(*input, spec))
      throw config::ConfigError(file.path, key, invalid->message);
    firehose::Context ctx{*deliveries, settings, options.region, clock.now_ms()};
    // One a data directory brought back is kept as it is, not made twice.
    if (deliveries->find(options.account_id, options.region, spec.value("DeliveryStreamName", "")))
      continue;
    auto created = firehose::create_delivery_stream(ctx, spec);
    if (!created.ok()) throw config::ConfigError(file.path, key, created.error().message);
  }
}

void Server::Impl::register_handlers(const config::ConfigFile& file) {
  using config::ConfigError;
  for (const auto& [name, spec] : file.handlers) {
    try {
      handlers->add(name, spec);
    } catch (const handler::SpecError& e) {
      throw ConfigError(file.path, "handlers." + name + (e.key.empty() ? "" : "." + e.key),
                        e.what());
    }
  }
}

}  // namespace kinesisd
