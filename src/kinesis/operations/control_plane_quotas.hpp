// AWS's rate quotas for the control plane, per account (and region) or per
// stream, as the Kinesis developer guide's "Quotas and limits" (API limits)
// and each operation's API reference state them; enforced with --limits aws.
// Over a quota a call gets LimitExceededException with AWS's message:
//   per stream   "Rate exceeded for stream NAME under account ACCOUNT."
//                (AWS's answer to DescribeStream recorded in boto/botocore#821)
//   per account  "Rate exceeded for account ACCOUNT."
//                (recorded in Graylog2/graylog-plugin-integrations#341)
// The data plane's per-shard limits are log/shard_throughput's.
//
// Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/mutex.hpp"
#include "kinesis/log/token_bucket.hpp"
#include "protocol/error.hpp"

namespace kinesisd::operations {

enum class QuotaScope { kAccount, kStream };

struct Quota {
  std::string_view operation;
  QuotaScope scope;
  double calls_per_s;
};

// Every operation with a rate quota of its own.
inline constexpr Quota kControlPlaneQuotas[] = {
    {"AddTagsToStream", QuotaScope::kAccount, 5},
    // Channels: 5 TPS per account and Region ("Delivery quotas and limits").
    {"CreateChannel", QuotaScope::kAccount, 5},
    {"CreateStream", QuotaScope::kAccount, 5},
    {"DeleteChannel", QuotaScope::kAccount, 5},
    {"DeleteStream", QuotaScope::kAccount, 5},
    {"DeregisterStreamConsumer", QuotaScope::kStream, 5},
    {"DescribeAccountSettings", QuotaScope::kAccount, 5},
    {"DescribeChannel", QuotaScope::kAccount, 5},
    {"DescribeLimits", QuotaScope::kAccount, 1},
    {"DescribeStream", QuotaScope::kAccount, 10},
    {"DescribeStreamConsumer", QuotaScope::kStream, 20},
    {"DescribeStreamSummary", QuotaScope::kAccount, 20},
    {"ListChannels", QuotaScope::kAccount, 5},
    {"ListShards", QuotaScope::kStream, 1000},
    {"ListStreamConsumers", QuotaScope::kStream, 5},
    {"ListStreams", QuotaScope::kAccount, 5},
    {"ListTagsForStream", QuotaScope::kAccount, 5},
    {"MergeShards", QuotaScope::kAccount, 5},
    {"RegisterStreamConsumer", QuotaScope::kAccount, 5},
    {"RemoveTagsFromStream", QuotaScope::kAccount, 5},
    {"SplitShard", QuotaScope::kAccount, 5},
    {"UpdateAccountSettings", QuotaScope::kAccount, 5},
    {"UpdateChannel", QuotaScope::kAccount, 5},
    {"UpdateShardCount", QuotaScope::kAccount, 10},
    {"UpdateStreamWarmThroughput", QuotaScope::kAccount, 5},
};

class ControlPlaneQuotas {
 public:
  // nullopt when the call is within its quota (or the operation has none),
  // else the error. `stream` is the stream the call names ("" for none).
  std::optional<protocol::Error> admit(std::string_view operation, std::string_view account,
                                       std::string_view region, std::string_view stream,
                                       int64_t now_ms);
  // DryRun calls: 1 per second per stream, shared by the five operations that
  // take it ("Test your permissions and request inputs with dry run", the
  // Kinesis developer guide); false past it.
  bool admit_dry_run(std::string_view stream_arn, int64_t now_ms);
  // Every bucket full again, as at start-up (/_kinesisd/reset).
  void reset();

 private:
  base::Mutex mu_;
  std::map<std::string, log::TokenBucket, std::less<>> buckets_ GUARDED_BY(mu_);
};

}  // namespace kinesisd::operations
