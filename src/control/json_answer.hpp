// The answer of kinesisd's own JSON endpoints (/_kinesisd/*): a status and a
// JSON document.
#pragma once

#include <nlohmann/json.hpp>

#include "protocol/api.hpp"

namespace kinesisd::service {

inline protocol::ApiResponse json_answer(int status, const nlohmann::json& body) {
  protocol::ApiResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body.dump();
  return r;
}

}  // namespace kinesisd::service
