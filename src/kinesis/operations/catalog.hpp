// Every implemented operation, one file each (src/operations/<name>.cpp).
#pragma once

#include "kinesis/operations/operation.hpp"

namespace kinesisd::operations {

Output create_stream(Context&, const json&);
Output delete_stream(Context&, const json&);
Output describe_stream(Context&, const json&);
Output describe_stream_summary(Context&, const json&);
Output list_streams(Context&, const json&);
Output list_shards(Context&, const json&);
Output put_record(Context&, const json&);
Output put_records(Context&, const json&);
Output get_shard_iterator(Context&, const json&);
Output get_records(Context&, const json&);
Output increase_stream_retention_period(Context&, const json&);
Output decrease_stream_retention_period(Context&, const json&);
Output add_tags_to_stream(Context&, const json&);
Output remove_tags_from_stream(Context&, const json&);
Output list_tags_for_stream(Context&, const json&);
Output tag_resource(Context&, const json&);
Output untag_resource(Context&, const json&);
Output list_tags_for_resource(Context&, const json&);
Output start_stream_encryption(Context&, const json&);
Output stop_stream_encryption(Context&, const json&);
Output enable_enhanced_monitoring(Context&, const json&);
Output disable_enhanced_monitoring(Context&, const json&);
Output describe_limits(Context&, const json&);
Output update_max_record_size(Context&, const json&);
Output put_resource_policy(Context&, const json&);
Output get_resource_policy(Context&, const json&);
Output delete_resource_policy(Context&, const json&);
Output update_stream_mode(Context&, const json&);
Output update_stream_record_distribution_strategy(Context&, const json&);
Output create_channel(Context&, const json&);
Output describe_channel(Context&, const json&);
Output list_channels(Context&, const json&);
Output update_channel(Context&, const json&);
Output delete_channel(Context&, const json&);
Output split_shard(Context&, const json&);
Output merge_shards(Context&, const json&);
Output update_shard_count(Context&, const json&);
Output update_stream_warm_throughput(Context&, const json&);
Output describe_account_settings(Context&, const json&);
Output update_account_settings(Context&, const json&);
Output register_stream_consumer(Context&, const json&);
Output describe_stream_consumer(Context&, const json&);
Output list_stream_consumers(Context&, const json&);
Output deregister_stream_consumer(Context&, const json&);
Output subscribe_to_shard(Context&, const json&);

// Hot paths straight from the body (false: not the simple form, use the
// general path), then run once the endpoint has authorized the request. The
// request views `body` (its keys): the body must outlive the run.
bool read_put_record(std::string_view body, PutRequest& out);
Output run_put_record(Context&, const PutRequest&);
bool read_put_records(std::string_view body, PutRequest& out);
Output run_put_records(Context&, const PutRequest&);

}  // namespace kinesisd::operations
