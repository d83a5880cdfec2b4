// The Kinesis Producer Library's aggregated record: many user records in one
// Kinesis record (awslabs/amazon-kinesis-producer, aggregation-format.md):
//   4 bytes magic F3 89 9A C2
//   protobuf AggregatedRecord {
//     repeated string partition_key_table = 1;
//     repeated string explicit_hash_key_table = 2;
//     repeated Record records = 3;  // Record { uint64 partition_key_index = 1;
//   }                               //   uint64 explicit_hash_key_index = 2;
//                                   //   bytes data = 3; repeated Tag tags = 4; }
//   16 bytes MD5 of the protobuf bytes
// Consumers that de-aggregate (the KCL, Firehose) treat a record whose magic,
// protobuf or checksum is wrong as an ordinary record and pass it on whole.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kinesisd::log {

struct UserRecord {
  std::string partition_key;
  std::optional<std::string> explicit_hash_key;
  std::string data;
};

// True when `data` starts with the KPL's magic.
bool has_aggregation_magic(std::string_view data);

// The user records of `data`, in order, when it is a well-formed aggregate
// holding at least one; nullopt when it is not one (or is malformed), so the
// caller keeps the record as it is.
std::optional<std::vector<UserRecord>> deaggregate(std::string_view data);

}  // namespace kinesisd::log
