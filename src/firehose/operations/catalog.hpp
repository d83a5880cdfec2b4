// Every Firehose operation (src/firehose/, a family per file).
#pragma once

#include "firehose/operations/operation.hpp"

namespace kinesisd::firehose {

Output create_delivery_stream(Context&, const json&);
Output delete_delivery_stream(Context&, const json&);
Output describe_delivery_stream(Context&, const json&);
Output list_delivery_streams(Context&, const json&);
Output update_destination(Context&, const json&);
Output put_record(Context&, const json&);
Output put_record_batch(Context&, const json&);
Output tag_delivery_stream(Context&, const json&);
Output untag_delivery_stream(Context&, const json&);
Output list_tags_for_delivery_stream(Context&, const json&);
Output start_delivery_stream_encryption(Context&, const json&);
Output stop_delivery_stream_encryption(Context&, const json&);

}  // namespace kinesisd::firehose
