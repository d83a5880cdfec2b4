// SigV4 for kinesisd's own outbound calls ("Create a signed AWS API request",
// the IAM User Guide): the canonical request (method, the URL's path as
// given, which the caller has URI-encoded, its sorted query, the signed
// headers host, x-amz-content-sha256, x-amz-date and x-amz-security-token,
// the payload's SHA-256), the string to sign over the credential scope
// DATE/REGION/SERVICE/aws4_request, the key derived from the secret; the same
// functions protocol/sigv4 verifies kinesisd's incoming calls with.
#pragma once

#include <cstdint>
#include <string_view>

#include "aws/credentials.hpp"
#include "base/mutex.hpp"
#include "network/http_client.hpp"

namespace kinesisd::aws {

// Adds X-Amz-Date, X-Amz-Content-Sha256, X-Amz-Security-Token (with a
// session token) and Authorization to `request`, signed at `now_ms` (the wall
// clock: the receiver checks the skew). REQUIRES: request.url parses.
void sign(network::HttpRequest& request, std::string_view service, std::string_view region,
          const Credentials& credentials, int64_t now_ms);
// The same at the wall clock's now.
void sign(network::HttpRequest& request, std::string_view service, std::string_view region,
          const Credentials& credentials);

}  // namespace kinesisd::aws
