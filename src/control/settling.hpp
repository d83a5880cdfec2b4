// Whether what was put before a moment has been worked through: every record
// appended to a stream before it settled by every enabled event source
// mapping that reads the stream (handled, or sent to its on-failure
// destination, or dropped as Lambda drops it), and every record a Firehose
// delivery stream took (put, or in its source stream) delivered or written
// to its error output, and every record a channel reads written to its
// bucket (or its dead-letter location). For /_kinesisd/wait and
// /_kinesisd/flush.
//
// A Snapshot is taken at the call; pending() compares the present with it,
// so records appended later are not waited for.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "firehose/delivery/delivery_registry.hpp"
#include "kinesis/channels/channel_registry.hpp"
#include "lambda/poller/poller.hpp"

namespace kinesisd::control {

struct Snapshot {
  struct Mapping {
    std::shared_ptr<poller::EventSourceMapping> mapping;
    std::shared_ptr<log::Stream> stream;
    std::map<std::string, uint64_t> tips;  // shard id -> end position at the call
  };
  struct Delivery {
    std::shared_ptr<delivery::DeliveryStream> stream;
    uint64_t accepted = 0;                 // records it had taken at the call
    std::map<std::string, uint64_t> tips;  // its source stream's shards at the call
  };
  struct Channel {
    std::shared_ptr<channels::Channel> channel;
    std::map<std::string, uint64_t> tips;  // its stream's shards at the call
  };
  std::vector<Mapping> mappings;
  std::vector<Delivery> deliveries;
  std::vector<Channel> channels;
};

Snapshot snapshot(poller::Poller* poller, delivery::DeliveryRegistry* deliveries,
                  channels::ChannelRegistry* channels, log::StreamStore& store);

// What is still pending: {"mappings": [{"uuid", "shards": {id: records behind}}],
// "delivery_streams": [{"name", "records": N}], "channels": [{"name", "records": N}]};
// all empty when settled.
nlohmann::json pending(const Snapshot& snapshot);
bool settled(const nlohmann::json& pending);

}  // namespace kinesisd::control
