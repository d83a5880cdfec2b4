// Resolving the consumer a request names: ConsumerARN, or StreamARN plus
// ConsumerName (DescribeStreamConsumer, DeregisterStreamConsumer,
// SubscribeToShard, the *Resource tag operations).
#pragma once

#include <memory>

#include "kinesis/log/stream.hpp"
#include "kinesis/operations/operation.hpp"

namespace kinesisd::operations {

struct FoundConsumer {
  std::shared_ptr<log::Stream> stream;
  log::Consumer consumer;
};

// By ConsumerARN alone.
protocol::Outcome<FoundConsumer> find_consumer_by_arn(const Context& ctx, std::string_view arn);
// By ConsumerARN, or StreamARN + ConsumerName.
protocol::Outcome<FoundConsumer> find_consumer(const Context& ctx, const json& input);

Error consumer_not_found(std::string_view what, std::string_view account);

}  // namespace kinesisd::operations
