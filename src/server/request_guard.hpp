// Keeps web pages out. A browser on the user's machine can reach kinesisd's
// loopback port from any site it visits; two rules stop that without
// touching SDKs, the CLI or curl (which send no Origin and name the host they
// dial):
// - Host: a request is served only when its Host names this server as a
//   local client would: an IP literal, localhost or *.localhost, a name
//   without a dot (a Docker or compose service), host.docker.internal, the
//   --host value, or a name --allowed-hosts adds ("*" allows all). A page
//   that reached the port through DNS rebinding carries its own domain, which
//   always has a dot.
// - Origin: a request with an Origin (a browser's cross-origin call, or any
//   non-GET one) is served only from a loopback origin (localhost,
//   127.0.0.0/8, [::1], any port), from the server's own origin (the console),
//   or from an origin --cors-origins adds ("*" allows every origin and
//   answers Access-Control-Allow-Origin: *, as AWS does).
// Refusals are 403 with a JSON message naming the flag that lets it in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/api.hpp"

namespace kinesisd::service {

struct GuardSettings {
  std::string host;                        // --host
  std::vector<std::string> allowed_hosts;  // --allowed-hosts
  std::vector<std::string> cors_origins;   // --cors-origins
};

class RequestGuard {
 public:
  explicit RequestGuard(GuardSettings settings);

  // nullopt when the request may be served, else its 403.
  std::optional<protocol::ApiResponse> refuse(const protocol::ApiRequest& request) const;
  // The Access-Control-Allow-Origin for an allowed request's Origin: the
  // origin itself, or "*" when --cors-origins allows all.
  std::string allow_origin(std::string_view origin) const;

  bool host_allowed(std::string_view host_header) const;
  bool any_origin() const { return any_origin_; }
  bool origin_allowed(std::string_view origin, std::string_view host_header) const;

 private:
  GuardSettings settings_;
  bool any_host_ = false;
  bool any_origin_ = false;
};

// "a, b" -> {"a", "b"}.
std::vector<std::string> split_list(std::string_view text);

}  // namespace kinesisd::service
