// The one validator: checks a request body against its model shape the way
// Coral (the AWS front end) does.
//
// Pass 1, types: the first value of the wrong JSON type gives
// SerializationException with Coral's Java-flavoured text.
// Between them, numbers where integers belong are truncated as Coral's
// TruncatingBigNumber does: the fraction dropped, the value held to the
// type's range (truncate_integers, which needs a document it may change).
// Pass 2, constraints: required members, lengths, ranges, patterns and enums,
// at most 10 violations, reported as one ValidationException:
//   "2 validation errors detected: Value null at 'streamName' failed to
//    satisfy constraint: Member must not be null; Value ..."
// Paths are lowerCamel, list items 1-based: records.1.member.partitionKey.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "protocol/error.hpp"
#include "protocol/model.hpp"

namespace kinesisd::protocol {

std::optional<Error> validate_input(const Shape& shape, const nlohmann::json& input);

// Pass 1, then the truncation, then pass 2: what a request body goes through.
std::optional<Error> validate_and_truncate(const Shape& shape, nlohmann::json& input);

}  // namespace kinesisd::protocol
