// Tests without sleeps:
//   POST /_kinesisd/wait   [{"timeout_ms": 30000}]
//   POST /_kinesisd/flush  [{"timeout_ms": 30000}]
// wait answers once everything put before the call is settled
// (control/settling.hpp): 200 {"idle": true, "waited_ms": N}, or on timeout
// 408 {"idle": false, "waited_ms": N, "pending": {...}} naming what is still
// pending. flush first has every Firehose delivery stream and every channel
// deliver its buffer now, whatever its BufferingHints or
// DataFreshnessInSeconds, then waits the same way.
//
// A body, when there is one, must be application/json (a cross-site form or
// text/plain POST is refused with 415). With --auth sigv4 only loopback
// callers are served (403 otherwise). The wait holds no I/O thread: a thread
// of its own polls every 10 ms and lets the answer go (ApiResponse::finish).
#pragma once

#include "endpoint/endpoint.hpp"
#include "firehose/delivery/delivery_registry.hpp"
#include "kinesis/channels/channel_registry.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/poller/poller.hpp"

namespace kinesisd::service {

class SettleEndpoint final : public Endpoint {
 public:
  SettleEndpoint(log::StreamStore& store, poller::Poller* poller,
                 delivery::DeliveryRegistry* deliveries, channels::ChannelRegistry* channels,
                 bool loopback_only)
      : store_(store),
        poller_(poller),
        deliveries_(deliveries),
        channels_(channels),
        loopback_only_(loopback_only) {}

  protocol::ApiResponse handle(const protocol::ApiRequest& request) const override;

 private:
  log::StreamStore& store_;
  poller::Poller* poller_;
  delivery::DeliveryRegistry* deliveries_;
  channels::ChannelRegistry* channels_;
  const bool loopback_only_;
};

}  // namespace kinesisd::service
