#include <algorithm>
#include <array>
#include <utility>

#include "operations/catalog.hpp"

namespace kinesisd::operations {
namespace {

constexpr std::pair<std::string_view, OperationFn> kOperations[] = {
    {"CreateStream", create_stream},     {"DeleteStream", delete_stream},
    {"DescribeStream", describe_stream}, {"DescribeStreamSummary", describe_stream_summary},
    {"GetRecords", get_records},         {"GetShardIterator", get_shard_iterator},
    {"ListShards", list_shards},         {"ListStreams", list_streams},
    {"PutRecord", put_record},           {"PutRecords", put_records},
};

}  // namespace

OperationFn find_operation(std::string_view name) {
  for (const auto& [op, fn] : kOperations)
    if (op == name) return fn;
  return nullptr;
}

}  // namespace kinesisd::operations
