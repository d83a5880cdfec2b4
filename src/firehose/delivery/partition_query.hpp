// A dynamic-partitioning query (the MetadataExtraction processor's
// MetadataExtractionQuery with JsonParsingEngine JQ-1.6; the Firehose
// developer guide, "Partitioning keys": inline parsing). The query is a jq
// program such as {customer_id: .customer_id, device: .type.device} run on
// each JSON record; its result is an object whose members are the
// partitioning keys, each a string, number or boolean (the prefix's
// !{partitionKeyFromQuery:NAME} takes it as text).
//
// jq is Debian's libjq1 (jq 1.6, the engine the parameter names), loaded when
// the first query is compiled, so a kinesisd that runs no query never needs it.
// A query is not thread-safe: each delivery stream runs its own.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/error.hpp"

namespace kinesisd::delivery {

using PartitionKeys = std::map<std::string, std::string>;

class PartitionQuery {
 public:
  // The compiled query, or InvalidArgumentException naming what is wrong
  // (the program does not compile, or libjq cannot be loaded).
  static protocol::Outcome<std::unique_ptr<PartitionQuery>> compile(const std::string& program);
  ~PartitionQuery();
  PartitionQuery(const PartitionQuery&) = delete;
  PartitionQuery& operator=(const PartitionQuery&) = delete;

  // The keys of one record, or why they cannot be had (`error`): the record
  // is not JSON, the query fails or yields no object, a key's value is null,
  // an array or an object.
  std::optional<PartitionKeys> keys(std::string_view record, std::string& error);

 private:
  struct State;
  explicit PartitionQuery(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace kinesisd::delivery
