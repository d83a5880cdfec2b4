// How `kinesisd tail` prints one record: one line of tab-separated fields,
//
//   shardId-000000000001  49654...  PARTITION-KEY  PAYLOAD
//
// the payload as text when it is UTF-8 without control characters (a tab,
// newline or carriage return written as \t, \n, \r, a backslash as \\, so a
// record stays one line), else as base64 after "base64:"; with kJson a JSON
// payload is pretty-printed on the lines after the fields (other payloads as
// in kText); with kBase64 always base64 (without the prefix).
#pragma once

#include <string>
#include <string_view>

namespace kinesisd::cli {

enum class PayloadFormat { kText, kJson, kBase64 };

std::string record_line(std::string_view shard_id, std::string_view sequence_number,
                        std::string_view partition_key, std::string_view data,
                        PayloadFormat format);

}  // namespace kinesisd::cli
