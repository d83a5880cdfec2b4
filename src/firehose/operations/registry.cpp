// Every Firehose operation by name.
#include <algorithm>
#include <iterator>

#include "firehose/operations/catalog.hpp"

namespace kinesisd::firehose {
namespace {

struct Entry {
  std::string_view name;
  OperationFn run;
};

constexpr Entry kOperations[] = {
    {"CreateDeliveryStream", create_delivery_stream},
    {"DeleteDeliveryStream", delete_delivery_stream},
    {"DescribeDeliveryStream", describe_delivery_stream},
    {"ListDeliveryStreams", list_delivery_streams},
    {"ListTagsForDeliveryStream", list_tags_for_delivery_stream},
    {"PutRecord", put_record},
    {"PutRecordBatch", put_record_batch},
    {"StartDeliveryStreamEncryption", start_delivery_stream_encryption},
    {"StopDeliveryStreamEncryption", stop_delivery_stream_encryption},
    {"TagDeliveryStream", tag_delivery_stream},
    {"UntagDeliveryStream", untag_delivery_stream},
    {"UpdateDestination", update_destination},
};

}  // namespace

OperationFn find_operation(std::string_view name) {
  const auto* it = std::find_if(std::begin(kOperations), std::end(kOperations),
                                [&](const Entry& e) { return e.name == name; });
  return it == std::end(kOperations) ? nullptr : it->run;
}

}  // namespace kinesisd::firehose
