// Building wire responses: request ids, error bodies.
#pragma once

#include <string>

#include "protocol/api.hpp"
#include "protocol/error.hpp"

namespace kinesisd::protocol {

inline constexpr std::string_view kAmzJson = "application/x-amz-json-1.1";

std::string new_request_id();           // UUID v4
std::string new_extended_request_id();  // x-amz-id-2: base64 of 72 random bytes

// Adds x-amzn-RequestId and, when `extended`, x-amz-id-2.
void add_request_ids(ApiResponse& response, bool extended = true);
// {"__type": ..., "message": ...} with the x-amzn-ErrorType header.
ApiResponse error_response(const Error& error, std::string_view content_type);
// AWS's XML answer for a request it cannot attribute to an operation, with
// no Content-Type: "<Type>\n  <Message>text</Message>\n</Type>\n", or
// "<Type/>\n" when the error has no message.
ApiResponse xml_error_response(const Error& error, int status);

}  // namespace kinesisd::protocol
