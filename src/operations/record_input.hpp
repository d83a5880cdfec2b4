// What PutRecord and PutRecords do to each record before it is appended:
// decode the blob, pick the hash key (ExplicitHashKey or MD5 of the partition
// key), and enforce the stream's maximum record size.
#pragma once

#include <string>

#include "log/hash_key.hpp"
#include "log/stream.hpp"
#include "operations/operation.hpp"

namespace kinesisd::operations {

struct RecordInput {
  std::string data;  // decoded
  std::string partition_key;
  log::HashKey hash_key = 0;
};

// `path` is the member path for messages: "data" or "records.3.member.data".
protocol::Outcome<RecordInput> read_record(const json& entry, int max_record_size_kib,
                                           const std::string& data_path);

// Puts are accepted while ACTIVE or UPDATING; AWS answers ResourceNotFound
// while CREATING or DELETING.
std::optional<Error> check_writable(const log::Stream& stream, int64_t now_ms);

}  // namespace kinesisd::operations
