// kinesisd as a library: start a Kinesis-compatible server in-process (tests,
// embedding) with the same options as the command line (kinesisd/options.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "kinesisd/options.hpp"

namespace kinesisd {

class Server {
 public:
  explicit Server(Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads. Throws on bind failure,
  // config::ConfigError (a std::runtime_error whose what() names the file,
  // the key and the reason) for a bad config file, and storage::Error (also
  // a std::runtime_error) for a data directory that cannot be used.
  void start();
  uint16_t port() const;
  const Options& options() const;
  // The certificate TLS clients should trust ("" when TLS is off).
  const std::string& tls_cert_path() const;
  // Whether /console is served (Options::console).
  bool console() const;

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
