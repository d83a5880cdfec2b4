// What every POST /_kinesisd/{wait,flush,reset} call is checked for before
// it is served: the method (405), the caller (403: with --auth sigv4 only
// loopback callers), and its optional body, which must be an
// application/json object (415, 400), so a cross-site form or text/plain
// POST from a web page never reaches them.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <variant>

#include "protocol/api.hpp"

namespace kinesisd::service {

// The body (an empty object without one), or the refusal to send.
std::variant<nlohmann::json, protocol::ApiResponse> accept_control_call(
    const protocol::ApiRequest& request, bool loopback_only, std::string_view usage);

}  // namespace kinesisd::service
