// The one place a request body (CreateEventSourceMapping,
// UpdateEventSourceMapping, or a mapping of the config file) becomes a
// poller::MappingConfig:
//   1. the Lambda model's constraints (ranges, enums, patterns), checked by the
//      shared validator -> ValidationException in Coral's words;
//   2. the rules the model cannot say (a Kinesis stream ARN, StartingPosition
//      for streams, record age -1 or >= 60 s, filter syntax, destinations)
//      -> InvalidParameterValueException.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "lambda/poller/mapping_config.hpp"
#include "protocol/error.hpp"

namespace kinesisd::lambda {

enum class RequestKind { kCreate, kUpdate };

// Applies `body` onto `config` (a default MappingConfig for a create, the
// current one for an update). On error `config` may be partly changed:
// callers apply to a copy.
std::optional<protocol::Error> read_mapping_request(const nlohmann::json& body, RequestKind kind,
                                                    poller::MappingConfig& config, int64_t now_ms);

// The CreateEventSourceMapping body that reads back into `config`
// (read_mapping_request(request_of(c)) == c): how a data directory keeps a
// mapping.
nlohmann::json request_of(const poller::MappingConfig& config);

protocol::Error invalid_parameter(std::string message);

}  // namespace kinesisd::lambda
