// Lambda's EventSourceMappingConfiguration for a mapping, as Create, Get,
// Update, Delete and List answer it, plus "KinesisdShards": per shard
// checkpoint, lag and counters (SDKs ignore members they do not know).
#pragma once

#include <nlohmann/json.hpp>

#include "lambda/poller/event_source_mapping.hpp"

namespace kinesisd::lambda {

// `state` overrides the State a mapping at rest reports ("Creating",
// "Updating", "Deleting" right after those calls).
nlohmann::json describe_mapping(const poller::EventSourceMapping& mapping,
                                const char* state = nullptr);

}  // namespace kinesisd::lambda
