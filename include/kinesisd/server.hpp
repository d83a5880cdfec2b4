// kinesisd as a library: start a Kinesis-compatible server in-process (tests,
// embedding) with the same options as the command line.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace kinesisd {

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 4567;  // 0 picks a free port
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  int64_t create_stream_ms = 500;
  int64_t delete_stream_ms = 500;
  int64_t update_stream_ms = 500;
  uint32_t shard_limit = 500;
  unsigned threads = 0;  // 0 = hardware concurrency
  std::string log_level = "info";
  uint64_t body_limit = 16ull * 1024 * 1024;
  int64_t sweep_interval_ms = 1000;  // retention trimming cadence
  // A config file (streams, handlers, event source mappings); "" for none.
  // See config/kinesisd.json.
  std::string config_path;
  // Streams created ACTIVE before start() returns: "name:shards[,name:shards...]"
  // (":shards" may be left out for 1).
  std::string streams;
  // Tests only: serve POST /_kinesisd/clock, which moves kinesisd's clock
  // forward (retention, expiry and state timers follow it).
  bool test_clock = false;
  // TLS on the same port as plain HTTP (told apart by the first bytes). With
  // tls_cert and tls_key (PEM files) that certificate is served; without them
  // a self-signed certificate for localhost is generated at start-up and
  // written to tls_cert_out ("" = <temp dir>/kinesisd-<port>.crt).
  bool tls = true;
  std::string tls_cert;
  std::string tls_key;
  std::string tls_cert_out;
};

class Server {
 public:
  explicit Server(Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads. Throws on bind failure,
  // and config::ConfigError (a std::runtime_error whose what() names the file,
  // the key and the reason) for a bad config file.
  void start();
  uint16_t port() const;
  const Options& options() const;
  // The certificate TLS clients should trust ("" when TLS is off).
  const std::string& tls_cert_path() const;

  // Graceful stop: no new connections, idle ones closed, requests in flight
  // answered; forced after 1 s. Idempotent.
  void stop();
  // Blocks until the server has stopped.
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kinesisd
