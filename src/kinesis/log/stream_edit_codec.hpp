// StreamEdit and StreamIdentity as JSON, the form a durable store records
// them in (kinesis/log/edit_journal.hpp). Every part of an edit has a member of its
// own name; hash keys are decimal strings (128 bits do not fit a JSON
// number). decode_* throw std::runtime_error for a document encode_* would
// not have written.
#pragma once

#include <nlohmann/json.hpp>

#include "kinesis/log/stream.hpp"
#include "kinesis/log/stream_edit.hpp"

namespace kinesisd::log {

nlohmann::json encode_edit(const StreamEdit& edit);
StreamEdit decode_edit(const nlohmann::json& doc);

nlohmann::json encode_identity(const StreamIdentity& identity);
StreamIdentity decode_identity(const nlohmann::json& doc);

}  // namespace kinesisd::log
