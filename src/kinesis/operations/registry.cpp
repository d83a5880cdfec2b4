#include "kinesis/operations/catalog.hpp"

namespace kinesisd::operations {
namespace {

constexpr Operation kOperations[] = {
    {"CreateStream", create_stream},
    {"DeleteStream", delete_stream},
    {"DescribeStream", describe_stream},
    {"DescribeStreamSummary", describe_stream_summary},
    {"GetRecords", get_records},
    {"GetShardIterator", get_shard_iterator},
    {"ListShards", list_shards},
    {"ListStreams", list_streams},
    {"PutRecord", put_record, read_put_record, run_put_record},
    {"PutRecords", put_records, read_put_records, run_put_records},
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
    {"UpdateStreamRecordDistributionStrategy", update_stream_record_distribution_strategy},
    {"CreateChannel", create_channel},
    {"DescribeChannel", describe_channel},
    {"ListChannels", list_channels},
    {"UpdateChannel", update_channel},
    {"DeleteChannel", delete_channel},
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
    {"SubscribeToShard", subscribe_to_shard},
};

}  // namespace

const Operation* find_operation(std::string_view name) {
  for (const auto& op : kOperations)
    if (op.name == name) return &op;
  return nullptr;
}

}  // namespace kinesisd::operations
