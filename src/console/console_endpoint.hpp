// The web console on the service port (--console, on by default):
//
//   GET /console                    -> 302 to /console/
//   GET /console/, /console/*.js|css  the page (console/web/, embedded)
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
//
// With --auth sigv4 the page asks for an identity and signs every call with
// it; the console's own API then needs a signature too (the tail's in its
// query: EventSource sends no headers) and the permission a client would
// need for the same data: kinesis:GetRecords on the stream for the tail,
// lambda:ListEventSourceMappings for the mappings, lambda:GetEventSourceMapping
// on the mapping for its on-failure records.
#pragma once

#include <optional>
#include <string>

#include "kinesis/log/clock.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/poller/poller.hpp"
#include "endpoint/authorizer.hpp"
#include "endpoint/endpoint.hpp"

namespace kinesisd::service {

// What GET /console/api/server reports.
struct ConsoleInfo {
  std::string region{};
  std::string account_id{};
  bool limits = false;
  bool faults = false;
  bool firehose_s3 = false;
  bool auth = false;
  std::string data_dir{};
  std::string durability{};
};

class ConsoleEndpoint final : public Endpoint {
 public:
  ConsoleEndpoint(const log::Clock& clock, log::StreamStore& store, const poller::Poller& poller,
                  ConsoleInfo info, const Authorizer* authorizer = nullptr)
      : clock_(clock),
        store_(store),
        poller_(poller),
        info_(std::move(info)),
        authorizer_(authorizer) {}

  static bool matches(const protocol::ApiRequest& request);
  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;

 private:
  protocol::ApiResponse server() const;
  protocol::ApiResponse mappings(const protocol::ApiRequest& request) const;
  protocol::ApiResponse failures(const protocol::ApiRequest& request) const;
  protocol::ApiResponse failure(const protocol::ApiRequest& request) const;
  protocol::ApiResponse tail(const protocol::ApiRequest& request) const;
  // The file destination's directory of the mapping ?uuid= names ("" when it
  // has none), or the answer when it cannot be read.
  std::optional<protocol::ApiResponse> failure_directory(const protocol::ApiRequest& request,
                                                         std::string& directory) const;
  // Where a console call acts: the request's region (its credential scope's,
  // else the default) and account (with --auth sigv4 its signer's, else the
  // server's).
  struct Scope {
    std::string region, account;
  };
  // The request's scope, or the refusal when --auth sigv4 does not let its
  // signer do `action` on the resource `resource_of(scope)` names.
  protocol::Outcome<Scope> allowed(
      const protocol::ApiRequest& request, const std::string& action,
      const std::function<std::string(const Scope& scope)>& resource_of) const;

  const log::Clock& clock_;
  log::StreamStore& store_;
  const poller::Poller& poller_;
  const ConsoleInfo info_;
  const Authorizer* authorizer_;
};

}  // namespace kinesisd::service
