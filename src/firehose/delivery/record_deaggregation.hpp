// The RecordDeAggregation processor: one record holding many is split before
// the Lambda transform and the partitioning keys, in that order ("Apply
// dynamic partitioning to aggregated data", the Firehose developer guide).
// SubRecordType JSON splits JSON objects that follow one another, alone or a
// line each ({"a":1}{"a":2} or {"a":1}\n{"a":2}; an array is not one);
// DELIMITED splits at the base64 Delimiter. At most 500 sub-records a record.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firehose/delivery/delivery_config.hpp"

namespace kinesisd::delivery {

struct SubRecordSplit {
  enum class Type { kJson, kDelimited };
  Type type = Type::kJson;
  std::string delimiter;  // DELIMITED's, decoded
};

inline constexpr size_t kMaxSubRecords = 500;

// The processor's parameters read, or nullopt with `error` (AWS's
// InvalidArgumentException text) when they are missing or wrong.
std::optional<SubRecordSplit> sub_record_split(const Processor& p, std::string& error);

// The sub-records of `data`, in order. A record that is not such JSON, or
// that would split into more than kMaxSubRecords, comes back whole: nothing
// is dropped here, and the partitioning keys then say what it is. Empty
// pieces between delimiters are no records.
std::vector<std::string> split_sub_records(std::string_view data, const SubRecordSplit& how);

}  // namespace kinesisd::delivery
