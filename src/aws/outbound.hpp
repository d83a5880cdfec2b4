// What kinesisd's own calls to other AWS services go with: where each
// service is (endpoints.hpp) and whose credentials sign them
// (credentials.hpp). Resolved once at start-up.
#pragma once

#include "aws/credentials.hpp"
#include "aws/endpoints.hpp"

namespace kinesisd::aws {

struct Outbound {
  Endpoints endpoints;
  Credentials credentials;
};

}  // namespace kinesisd::aws
