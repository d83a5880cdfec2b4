// Resharding steps as stream edits, and UpdateShardCount's UNIFORM_SCALING as
// AWS performs it: a sequence of splits and merges, so every new shard has
// real parents (ParentShardId and, for a merge, AdjacentParentShardId) and a
// reader that drains parents before children sees each partition key in
// order.
//
// 1. Split: each open shard that straddles a target boundary is split there
//    (repeatedly, for several boundaries). Afterwards every open shard lies
//    inside exactly one target range.
// 2. Merge: within each target range the open shards are merged left to right
//    until one remains.
// Short-lived intermediate shards are part of the lineage, as on AWS. Each
// step is one edit (StreamEdit::reshard), so routing always sees exactly one
// open shard per hash key. The caller holds Stream::edit_mutex().
#pragma once

#include <cstdint>
#include <memory>

#include "base/mutex.hpp"
#include "kinesis/log/stream_store.hpp"

namespace kinesisd::log {

// Splits shard at `new_start` (range.start < new_start <= range.end).
void split(StreamStore& store, const std::shared_ptr<Stream>& stream, const Shard& shard,
           HashKey new_start, int64_t now_ms);
// Merges two adjacent open shards (left.end + 1 == right.start); returns the child.
std::shared_ptr<Shard> merge(StreamStore& store, const std::shared_ptr<Stream>& stream,
                             const Shard& left, const Shard& right, int64_t now_ms);

// Reshapes the open shards into `target` uniform ranges (split_key_space).
// Returns the number of split and merge steps taken.
unsigned scale_uniformly(StreamStore& store, const std::shared_ptr<Stream>& stream, unsigned target,
                         int64_t now_ms) REQUIRES(stream->edit_mutex());

// Makes the stream's planned reshard (StreamMeta::planned_reshard) if it is
// due by now_ms, then clears the plan. A plan that can no longer be made as
// asked (its shard closed, say by a reshard made before a crash cleared the
// plan) is cleared without a step, so making it twice changes nothing.
// Returns whether a plan was made.
bool carry_out_planned_reshard(StreamStore& store, const std::shared_ptr<Stream>& stream,
                               int64_t now_ms) REQUIRES(stream->edit_mutex());

}  // namespace kinesisd::log
