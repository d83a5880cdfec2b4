// AWS's answers when Stream::append refuses a put, shared by PutRecord and
// PutRecords:
//   - not writable (CREATING or DELETING): ResourceNotFoundException, as AWS
//     answers puts to a stream that is not ready;
//   - a record over the stream's MaxRecordSizeInKiB: ValidationException
//     naming the member, "data" for PutRecord or
//     "records.<n>.member.data" for PutRecords;
//   - a record its shard could not store, or over its shard's throughput
//     (--limits aws): a per-record error (PutRecords) or the call's error
//     (PutRecord).
#pragma once

#include <optional>
#include <span>

#include "kinesis/log/stream.hpp"
#include "kinesis/operations/operation.hpp"
#include "kinesis/operations/record_input.hpp"

namespace kinesisd::operations {

// The error of a refused append, or nullopt when it was not refused.
std::optional<Error> refusal_error(const log::Stream::AppendResult& result,
                                   std::span<const PutEntry> records, const log::Stream& stream,
                                   bool batch);

// The error of one record its shard's log did not take (kFull: the store's
// --max-memory-mb, named in the message).
Error record_error(const log::Stream::Placed& placed, const log::Stream& stream,
                   uint64_t memory_limit_bytes);

}  // namespace kinesisd::operations
