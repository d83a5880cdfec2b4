// SigV4 signature verification (docs.aws.amazon.com/IAM/latest/UserGuide/
// reference_sigv-create-signed-request.html), for --auth sigv4: the
// canonical request (method, URI, query, the signed headers, the payload's
// SHA-256), the string to sign over the credential scope, the signing key
// derived from the secret, and the 5-minute clock skew. Header-signed and
// query-string (presigned) requests alike. Errors are AWS's:
//   InvalidSignatureException  "The request signature we calculated does not
//       match the signature you provided. ..."; "Signature expired: T is now
//       earlier than T' (NOW - 5 min.)"; "Signature not yet current: ..."
// (the caller answers unknown keys and tokens: UnrecognizedClientException).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/mutex.hpp"
#include "protocol/api.hpp"
#include "protocol/error.hpp"

namespace kinesisd::protocol {

// The request's access key and, when it carries one, its session token
// (X-Amz-Security-Token, as a header or a query parameter).
struct SignedBy {
  std::string access_key;
  std::optional<std::string> session_token;
};
SignedBy signed_by(const ApiRequest& request);

// nullopt when the request is signed with `secret` within 5 minutes of now.
// REQUIRES: authenticate(request) accepted it.
std::optional<Error> verify_signature(const ApiRequest& request, std::string_view secret,
                                      int64_t now_ms);

// For tests and clients: the payload hash of a canonical request (SHA-256 in
// lower-case hex), the X-Amz-Date form of a time (20261202T101500Z), and the
// signature of a request.
std::string sha256_hex(std::string_view data);
// SigV4's UriEncode: unreserved characters stay, everything else %XX (upper
// case); '/' too unless `keep_slash` (a path's segments).
std::string uri_encode(std::string_view s, bool keep_slash);
std::string amz_format(int64_t epoch_ms);
std::string sigv4_signature(std::string_view secret, std::string_view amz_date,
                            std::string_view scope, std::string_view canonical_request);

}  // namespace kinesisd::protocol
