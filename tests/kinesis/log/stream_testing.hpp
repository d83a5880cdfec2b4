// Streams for log tests: made as the store makes them, by a creation edit.
#pragma once

#include <memory>
#include <string>

#include "kinesis/log/memory_shard_log.hpp"
#include "kinesis/log/stream.hpp"

namespace kinesisd::log::testing {

inline LogFactory memory_logs() {
  return [](const ShardLogId&) { return std::make_unique<MemoryShardLog>(); };
}

inline std::shared_ptr<Stream> make_stream(uint32_t shards, StreamMeta meta = {},
                                           std::string region = "us-east-1",
                                           std::string account = "000000000000",
                                           std::string name = "s", int64_t created_ms = 0) {
  auto stream = std::make_shared<Stream>(
      StreamIdentity{1, std::move(region), std::move(account), std::move(name), created_ms},
      memory_logs());
  StreamEdit edit;
  edit.created = StreamEdit::Creation{std::move(meta), {}};
  const auto ranges = split_key_space(shards);
  for (uint32_t i = 0; i < shards; ++i)
    edit.created->shards.push_back(ShardSpec{i, ranges[i], created_ms, {}, {}});
  stream->apply(edit);
  return stream;
}

}  // namespace kinesisd::log::testing
