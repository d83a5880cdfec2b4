// SigV4 request authentication, parsed but not verified (like every local
// emulator): a request must carry a complete Authorization header or
// query-string signature, and the credential scope names the region.
//
//   Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/kinesis/aws4_request,
//                  SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=<hex>
#pragma once

#include <optional>
#include <string>

#include "protocol/api.hpp"
#include "protocol/error.hpp"

namespace kinesisd::protocol {

struct Credentials {
  std::string access_key;
  std::string region;  // empty when the scope has none
};

// The AWS answer for a request without usable authentication, or the
// credentials it names.
Outcome<Credentials> authenticate(const ApiRequest& request);

}  // namespace kinesisd::protocol
