// The input of PutRecord and PutRecords, read two ways into one form:
//   - from the validated JSON document (the general path), or
//   - straight from the request body when it has the simple form the SDKs
//     send (scan_put_request), skipping the JSON DOM; anything else there
//     answers nullopt and the request takes the general path, so errors are
//     always the general path's.
// Either way every record's blob is decoded once into the request's arena.
// The limits both readers apply are the embedded AWS model's (PutLimits).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinesis/log/hash_key.hpp"
#include "kinesis/log/stream.hpp"
#include "kinesis/operations/operation.hpp"

namespace kinesisd::operations {

struct PutEntry {
  std::string_view partition_key;
  std::string_view data;  // decoded, in PutRequest::arena
  std::optional<std::string_view> explicit_hash_key;
  bool keyed = true;  // false: the request gave no PartitionKey
};

struct PutRequest {
  std::optional<std::string> stream_name;
  std::optional<std::string> stream_arn;
  std::vector<PutEntry> records;  // PutRecord: exactly one
  // The decoded blobs, back to back. On the heap, never in a small-string
  // buffer, so the views in `records` survive moving the request.
  std::unique_ptr<char[]> arena;
};

// The model's constraints on a put, read once from the embedded model.
struct PutLimits {
  size_t max_records;        // PutRecordsRequestEntryList max
  size_t max_partition_key;  // PartitionKey max (characters)
  size_t max_blob;           // Data max (bytes)
  size_t max_stream_name;    // StreamName max
  static const PutLimits& model();
};

// From the validated document: `batch` reads Records[], else the single record.
PutRequest put_request_from(const json& in, bool batch);

// The simple form only: members StreamName and Records (or Data, PartitionKey,
// ExplicitHashKey), strings without escapes, everything within the model's
// constraints and canonical base64. nullopt for anything else.
std::optional<PutRequest> scan_put_request(std::string_view body, bool batch);

// The stream's record distribution against the request: under
// USER_PARTITION_KEY every record needs a PartitionKey (ValidationException
// as Coral words a missing member); under AUTO keys are optional and
// ignored, and SequenceNumberForOrdering (`ordered`) is refused.
std::optional<protocol::Error> check_keys(const log::Stream& stream, const PutRequest& request,
                                          bool batch, bool ordered);

// The stream a put names, as IAM sees it: its StreamARN, else the ARN of
// StreamName in the caller's region and account (as the general path's
// resolve names it).
std::string put_resource(const std::string& region, const std::string& account,
                         const PutRequest& request);

// The hash key of a record, or AWS's InvalidArgumentException for an
// ExplicitHashKey past 2^128-1.
protocol::Outcome<log::HashKey> hash_key_of(const PutEntry& entry);

// The records as Stream::append takes them (explicit hash keys parsed), or
// the InvalidArgumentException of the first bad ExplicitHashKey.
protocol::Outcome<std::vector<log::Stream::Entry>> stream_entries(const PutRequest& request);

}  // namespace kinesisd::operations
