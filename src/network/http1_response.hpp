// An answer's HTTP/1.x status line and header, byte for byte what Beast's
// response<string_body> with set() for each header, keep_alive() and
// prepare_payload() writes: a later header of a name replaces an earlier one
// (at the end), Connection as HTTP/1.0 and 1.1 need it, then Content-Length
// (Boost 1.81's Beast sets it on every answer, 204 included; the unit test
// compares the two). Written by hand, then sent with the body in one
// write: Beast's serializer was a quarter of a PutRecord's instructions
// (bench/README.md).
#pragma once

#include <string>

#include "protocol/api.hpp"

namespace kinesisd::network {

std::string response_head(const protocol::ApiResponse& api, unsigned version, bool keep_alive);

}  // namespace kinesisd::network
