// CreateStream: PROVISIONED with ShardCount, or ON_DEMAND (4 shards, as AWS
// starts them). The stream is CREATING for --create-stream-ms, then ACTIVE.
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/record_distribution.hpp"
#include "kinesis/operations/warm_throughput.hpp"

namespace kinesisd::operations {

namespace {
constexpr uint32_t kOnDemandShards = 4;
}

Output create_stream(Context& ctx, const json& in) {
  const auto name = *opt_string(in, "StreamName");
  const auto shard_count = opt_int(in, "ShardCount");
  std::optional<std::string> mode;
  if (const auto* details = member(in, "StreamModeDetails"))
    mode = opt_string(*details, "StreamMode");

  log::StreamSpec spec;
  spec.account = ctx.account();
  spec.region = ctx.region;
  spec.name = name;
  if (mode == std::nullopt) mode = shard_count ? "PROVISIONED" : "ON_DEMAND";
  if (*mode == "PROVISIONED") {
    if (!shard_count)
      return errors::invalid_argument("ShardCount is required for streams in PROVISIONED mode.");
    spec.meta.mode = log::StreamMode::kProvisioned;
    spec.shard_count = static_cast<uint32_t>(std::min<int64_t>(*shard_count, 1'000'000));
  } else {
    if (shard_count)
      return errors::invalid_argument("ShardCount is not expected when StreamMode=ON_DEMAND");
    spec.meta.mode = log::StreamMode::kOnDemand;
    spec.shard_count = kOnDemandShards;
  }
  if (auto mibps = opt_int(in, "WarmThroughputMiBps")) {
    if (auto e = check_warm_throughput(ctx, spec.meta.mode, *mibps)) return *e;
    spec.meta.warm_throughput_mibps = static_cast<int>(*mibps);
  }
  if (auto strategy = opt_string(in, "RecordDistributionStrategy")) {
    spec.meta.distribution = *log::record_distribution_of(*strategy);
    if (auto e = check_distribution(name, spec.meta.mode, spec.meta.distribution)) return *e;
  }
  if (auto kib = opt_int(in, "MaxRecordSizeInKiB"))
    spec.meta.max_record_size_kib = static_cast<int>(*kib);
  if (const auto* tags = member(in, "Tags")) {
    if (tags->size() > 50)
      return errors::invalid_argument("Failed to create stream " + name + " under account " +
                                      ctx.account() + " because a given tag exceeded the limit " +
                                      "of 50 tags per stream.");
    for (const auto& [k, v] : tags->items())
      spec.meta.tags[k] = v.is_null() ? "" : v.get<std::string>();
  }

  const uint32_t requested = spec.shard_count;
  const auto result = ctx.store.create(std::move(spec));
  switch (result.outcome) {
    case log::CreateOutcome::kCreated:
      return json(nullptr);
    case log::CreateOutcome::kAlreadyExists:
      return errors::resource_in_use("Stream " + name + " under account " + ctx.account() +
                                     " already exists.");
    case log::CreateOutcome::kShardLimitExceeded:
      return errors::limit_exceeded(
          "This request would exceed the shard limit for the account " + ctx.account() + " in " +
          ctx.region +
          ". Current shard count for the account: " + std::to_string(result.open_shards_in_region) +
          ". Limit: " + std::to_string(ctx.store.options().shard_limit) +
          ". Number of additional shards that would have resulted from this request: " +
          std::to_string(requested) +
          ". Refer to the AWS Service Limits page "
          "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current "
          "limits and how to request higher limits.");
  }
  return errors::internal_failure();
}

}  // namespace kinesisd::operations
