// What calls to kinesisd's control endpoints (/_kinesisd/*) are checked for
// before they are served. A body must be application/json (415 otherwise),
// so a cross-site form or text/plain POST from a web page, which a browser
// sends without asking first, never reaches them; one that is
// application/json needs a preflight, which only allowed origins pass
// (server/request_guard).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <variant>

#include "protocol/api.hpp"

namespace kinesisd::service {

// 415 unless the request's body, when it has one, is application/json.
std::optional<protocol::ApiResponse> refuse_non_json(const protocol::ApiRequest& request);

// POST /_kinesisd/{wait,flush,reset}: the method (405), the caller (403:
// with --auth sigv4 only loopback callers), and the optional body, which must
// be an application/json object (415, 400). The body (an empty object without
// one), or the refusal to send.
std::variant<nlohmann::json, protocol::ApiResponse> accept_control_call(
    const protocol::ApiRequest& request, bool loopback_only, std::string_view usage);

}  // namespace kinesisd::service
