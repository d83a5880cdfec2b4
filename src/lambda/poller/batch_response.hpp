// Reading a handler's answer to a batch, with Lambda's partial batch response
// rules (ReportBatchItemFailures):
//  - full success: no payload, null, an object without batchItemFailures, a
//    null or empty batchItemFailures list;
//  - partial: every item has an itemIdentifier naming a record of the batch;
//    processing resumes at the LOWEST one reported;
//  - whole failure: an item without itemIdentifier, with an empty or null one,
//    or with one that is not in the batch.
// Without ReportBatchItemFailures any returned payload is a success.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "lambda/poller/polled_record.hpp"

namespace kinesisd::poller {

struct BatchVerdict {
  enum class Kind { kSuccess, kPartial, kFailure } kind = Kind::kSuccess;
  size_t first_failed = 0;  // kPartial: index in the batch of the lowest failed record
};

BatchVerdict read_batch_response(std::string_view payload, bool report_item_failures,
                                 std::span<const PolledRecord> batch);

}  // namespace kinesisd::poller
