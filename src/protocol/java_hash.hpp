// Java's hashCode() of a request value as Coral's generated classes compute
// it, for the object references Coral prints in validation messages
// ("Value '[com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310,
// ...]' at 'records' ..."). A structure's is Arrays.hashCode of its class
// name's Arrays.hashCode, then its members' hashes in name order (absent: 0);
// strings are String.hashCode (UTF-16), blobs ByteBuffer.hashCode (signed
// bytes, last to first), lists List.hashCode, maps the sum of key ^ value,
// integers their value, longs, doubles and timestamps (java.util.Date) the
// high and low words XORed, booleans 1231/1237. Checked against AWS's
// recorded @c965e310 for {"PartitionKey": "", "Data": ""} (kinesalite's
// putRecords test, recorded from AWS).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "protocol/model.hpp"

namespace kinesisd::protocol {

// String.hashCode of UTF-8 text, over its UTF-16 code units.
int32_t java_string_hash(std::string_view utf8);

// hashCode() of `value` (valid for `shape`) as Coral's class for it computes it.
int32_t java_hash(const Shape& shape, const nlohmann::json& value);

// "com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310": the
// structure as Object.toString prints it.
std::string java_object_reference(const Shape& shape, const nlohmann::json& value);

}  // namespace kinesisd::protocol
