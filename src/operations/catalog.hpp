// Every implemented operation, one file each (src/operations/<name>.cpp).
#pragma once

#include "operations/operation.hpp"

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

}  // namespace kinesisd::operations
