// The stream and the shard a Kinesis call names, read from its validated
// input without running it: what per-stream quotas (control_plane_quotas)
// and fault rules (src/faults/) match on. The stream comes from StreamName,
// StreamARN, ConsumerARN or the shard iterator; the shard from ShardId,
// ShardToSplit, ShardToMerge, the iterator, or where PutRecord's key routes.
// Shard ids in AWS's canonical form ("shardId-000000000007").
#pragma once

#include <string>

#include "kinesis/operations/operation.hpp"

namespace kinesisd::operations {

struct CallTarget {
  std::string stream;  // "" when the call names none
  std::string shard;   // "" when the call names none
  // The stream's account and region when an iterator names them (GetRecords),
  // else "" (the caller's).
  std::string account;
  std::string region;
};

// `route`: find the shard a PutRecord's key routes to (a lookup and a hash;
// only quotas and fault rules need it).
CallTarget call_target(const Context& ctx, std::string_view operation, const json& input,
                       bool route = true);

}  // namespace kinesisd::operations
