#include <algorithm>
#include <array>
#include <utility>

#include "operations/catalog.hpp"

namespace kinesisd::operations {
namespace {

constexpr std::pair<std::string_view, OperationFn> kOperations[] = {
    {"CreateStream", create_stream},
    {"DeleteStream", delete_stream},
    {"DescribeStream", describe_stream},
    {"DescribeStreamSummary", describe_stream_summary},
    {"GetRecords", get_records},
    {"GetShardIterator", get_shard_iterator},
    {"ListShards", list_shards},
    {"ListStreams", list_streams},
    {"PutRecord", put_record},
    {"PutRecords", put_records},
    {"IncreaseStreamRetentionPeriod", increase_stream_retention_period},
    {"DecreaseStreamRetentionPeriod", decrease_stream_retention_period},
    {"AddTagsToStream", add_tags_to_stream},
    {"RemoveTagsFromStream", remove_tags_from_stream},
    {"ListTagsForStream", list_tags_for_stream},
    {"TagResource", tag_resource},
    {"UntagResource", untag_resource},
    {"ListTagsForResource", list_tags_for_resource},
    {"StartStreamEncryption", start_stream_encryption},
    {"StopStreamEncryption", stop_stream_encryption},
    {"EnableEnhancedMonitoring", enable_enhanced_monitoring},
    {"DisableEnhancedMonitoring", disable_enhanced_monitoring},
    {"DescribeLimits", describe_limits},
    {"UpdateMaxRecordSize", update_max_record_size},
    {"PutResourcePolicy", put_resource_policy},
    {"GetResourcePolicy", get_resource_policy},
    {"DeleteResourcePolicy", delete_resource_policy},
    {"UpdateStreamMode", update_stream_mode},
    {"SplitShard", split_shard},
    {"MergeShards", merge_shards},
    {"UpdateShardCount", update_shard_count},
    {"UpdateStreamWarmThroughput", update_stream_warm_throughput},
    {"DescribeAccountSettings", describe_account_settings},
    {"UpdateAccountSettings", update_account_settings},
    {"RegisterStreamConsumer", register_stream_consumer},
    {"DescribeStreamConsumer", describe_stream_consumer},
    {"ListStreamConsumers", list_stream_consumers},
    {"DeregisterStreamConsumer", deregister_stream_consumer},
};

constexpr std::pair<std::string_view, StreamingFn> kStreamingOperations[] = {
    {"SubscribeToShard", subscribe_to_shard},
};

constexpr std::pair<std::string_view, FastFn> kFastOperations[] = {
    {"PutRecord", put_record_fast},
    {"PutRecords", put_records_fast},
};

}  // namespace

FastFn find_fast_operation(std::string_view name) {
  for (const auto& [op, fn] : kFastOperations)
    if (op == name) return fn;
  return nullptr;
}

OperationFn find_operation(std::string_view name) {
  for (const auto& [op, fn] : kOperations)
    if (op == name) return fn;
  return nullptr;
}

StreamingFn find_streaming_operation(std::string_view name) {
  for (const auto& [op, fn] : kStreamingOperations)
    if (op == name) return fn;
  return nullptr;
}

}  // namespace kinesisd::operations
