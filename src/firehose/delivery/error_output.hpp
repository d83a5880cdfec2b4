// Records a delivery stream could not deliver, as Firehose writes them to
// its S3 error output (the Firehose developer guide, "Handle data delivery
// failure" and "Data transformation failure handling"): one JSON document a
// line, under the error output prefix by error type (processing-failed,
// partitioning-failed, http-endpoint-failed, ...), in one object.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "firehose/delivery/object_writer.hpp"

namespace kinesisd::delivery {

// One failed record's document.
struct FailureDocument {
  int attempts = 1;
  int64_t arrival_ms = 0;
  std::string error_code, error_message;
  std::string raw_data;  // the record's bytes (base64 in the document)
  // The destination's own fields (lambdaArn; EndpointUrl; esDocumentId,
  // esIndexName, esTypeName).
  nlohmann::json detail = nlohmann::json::object();
};

// Failed records of one error type, and the prefix their object goes under.
struct FailureGroup {
  std::string error_type;
  std::string error_prefix;
  std::vector<FailureDocument> documents;
};

// The document as its line: attemptsMade, arrivalTimestamp, errorCode,
// errorMessage, attemptEndingTimestamp (`ending_ms`), rawData, then the
// destination's fields.
std::string failure_line(const FailureDocument& document, int64_t ending_ms);

// Writes the group's object (nothing for an empty group); false when it
// could not be written.
bool write_failures(const ObjectWriter& objects, const FailureGroup& group,
                    const std::string& stream_name, int version, int64_t oldest_ms, int64_t now_ms);

}  // namespace kinesisd::delivery
