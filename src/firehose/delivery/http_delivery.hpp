// Delivery to a destination reached over HTTP (the Firehose developer guide):
//   - an HTTP endpoint ("HTTP endpoint delivery request and response
//     specifications"): a POST of {requestId, timestamp, records: [{data:
//     base64}]} with the X-Amz-Firehose-Protocol-Version, -Request-Id,
//     -Source-Arn, -Access-Key and -Common-Attributes headers (optionally
//     GZIP-encoded); it succeeded when the endpoint answers 200 with a JSON
//     body naming the same requestId;
//   - an OpenSearch Service or Elasticsearch domain: a _bulk request indexing
//     each record (a JSON document) into IndexName, rotated by
//     IndexRotationPeriod; a document the domain refuses is retried alone.
// Both are retried until they succeed or RetryOptions.DurationInSeconds has
// passed since the first attempt (on kinesisd's clock); what still failed is
// the caller's to back up to S3.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include <chrono>
#include <functional>

#include "firehose/delivery/delivery_config.hpp"
#include "kinesis/log/clock.hpp"

namespace kinesisd::delivery {

struct HttpRecord {
  std::string id;    // Firehose's record id (an OpenSearch document's _id)
  std::string data;  // as transformed
  int64_t arrival_ms = 0;
};

struct HttpFailure {
  size_t record;  // index into the records given
  std::string error_code, error_message;
  std::string index_name;  // OpenSearch: where it was to go
};

struct HttpOutcome {
  std::vector<HttpFailure> failed;  // after the last attempt
  int attempts = 0;
};

// Waits before attempt number `attempt` (1, 2, ...) for at most `backoff`;
// false when no further attempt is to be made (the delivery stream stops or
// is discarded). It waits on the delivery stream's condition, so a shutdown
// wakes it at once; no thread sleeps through a retry.
using RetryWait = std::function<bool(int attempt, std::chrono::milliseconds backoff)>;

HttpOutcome deliver_over_http(const HttpDestination& destination,
                              const std::string& delivery_stream_arn,
                              const std::vector<HttpRecord>& records, const log::Clock& clock,
                              const std::atomic<bool>& cancel, const RetryWait& wait);

// IndexName with the rotation's part of `ms` (UTC): OneHour -YYYY-MM-DD-HH,
// OneDay -YYYY-MM-DD, OneWeek -YYYY-ww (ISO week), OneMonth -YYYY-MM.
std::string rotated_index(const std::string& index, const std::string& rotation, int64_t ms);

}  // namespace kinesisd::delivery
