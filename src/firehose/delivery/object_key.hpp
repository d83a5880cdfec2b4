// S3 object keys as Firehose makes them (the Firehose developer guide,
// "Amazon S3 object name format" and "Custom prefixes for Amazon S3 objects"):
//
//   <prefix><YYYY/MM/DD/HH/><stream>-<version>-<YYYY-MM-DD-HH-MM-SS>-<uuid>
//
// The time is the UTC arrival of the object's oldest record. A prefix may hold
// !{timestamp:<Java date pattern>}, !{firehose:random-string} and
// !{firehose:error-output-type}; a prefix without a timestamp expression gets
// the default YYYY/MM/DD/HH/ after it. Failed records go under the error
// output prefix, "processing-failed/" (with the time) by default.
//
// With dynamic partitioning the prefix's !{partitionKeyFromQuery:KEY} and
// !{partitionKeyFromLambda:KEY} take each record's keys, records of the same
// evaluated prefix share an object, and no default time part is added
// ("Amazon S3 bucket prefix for dynamic partitioning").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "firehose/delivery/partition_query.hpp"

namespace kinesisd::delivery {

// The key of an object of delivered records.
std::string object_key(const std::string& prefix, const std::string& stream, int version,
                       int64_t oldest_arrival_ms);
// The key of an object of records that failed, e.g. error_type "processing-failed".
std::string error_object_key(const std::string& error_prefix, const std::string& error_type,
                             const std::string& stream, int version, int64_t oldest_arrival_ms);
// A prefix with its expressions evaluated (no default time part added).
std::string evaluate_prefix(const std::string& prefix, int64_t ms, const std::string& error_type);
// A prefix with its partitioning-key expressions replaced by a record's keys;
// nullopt when the record lacks one (`missing` names it).
std::optional<std::string> partition_prefix(const std::string& prefix,
                                            const PartitionKeys& from_query,
                                            const PartitionKeys& from_lambda, std::string& missing);
// The key of an object of a partition: its evaluated prefix, then the name.
std::string partitioned_object_key(const std::string& partition_prefix, const std::string& stream,
                                   int version, int64_t oldest_arrival_ms);

}  // namespace kinesisd::delivery
