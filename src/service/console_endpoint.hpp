// The web console on the service port (--console, on by default):
//
//   GET /console                    -> 302 to /console/
//   GET /console/, /console/*.js|css  the page (service/console/, embedded)
//   GET /console/api/server         what this server runs with (region, limits, ...)
//   GET /console/api/mappings       each event source mapping's shards: checkpoint,
//                                   records and milliseconds behind, invocations, errors
//   GET /console/api/failures?uuid=U        the on-failure records a file destination holds
//   GET /console/api/failure?uuid=U&name=N  one of them
//   GET /console/api/tail?stream=S&shard=ID[&region=R][&after=SEQ]
//                                   a live tail, as Server-Sent Events (console_tail.hpp)
//
// Everything else the page shows it asks through the APIs a client uses (the
// Kinesis and Firehose JSON APIs, Lambda's REST API, /metrics, /_kinesisd/faults),
// so it shows exactly what a client would see.
#pragma once

#include <string>

#include "log/clock.hpp"
#include "log/stream_store.hpp"
#include "poller/poller.hpp"
#include "service/endpoint.hpp"

namespace kinesisd::service {

// What GET /console/api/server reports.
struct ConsoleInfo {
  std::string region{};
  std::string account_id{};
  bool limits = false;
  bool faults = false;
  bool firehose_s3 = false;
  std::string data_dir{};
  std::string durability{};
};

class ConsoleEndpoint final : public Endpoint {
 public:
  ConsoleEndpoint(const log::Clock& clock, log::StreamStore& store, const poller::Poller& poller,
                  ConsoleInfo info)
      : clock_(clock), store_(store), poller_(poller), info_(std::move(info)) {}

  static bool matches(const protocol::ApiRequest& request);
  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;

 private:
  protocol::ApiResponse server() const;
  protocol::ApiResponse mappings() const;
  protocol::ApiResponse failures(const protocol::ApiRequest& request) const;
  protocol::ApiResponse failure(const protocol::ApiRequest& request) const;
  protocol::ApiResponse tail(const protocol::ApiRequest& request) const;

  const log::Clock& clock_;
  log::StreamStore& store_;
  const poller::Poller& poller_;
  const ConsoleInfo info_;
};

}  // namespace kinesisd::service
