// The CBOR body format (`application/x-amz-cbor-1.1`, the Java SDK's default),
// written down once, as the AWS SDK for Java v2's CBOR protocol writes and
// reads it:
//
//   request   any well-formed CBOR (RFC 8949): definite or indefinite-length
//             maps, arrays, byte and text strings; tags are read and dropped.
//             Map keys must be text strings. Nesting deeper than 64 and
//             trailing bytes are refused.
//   blobs     CBOR byte strings (major type 2), not base64 text
//   times     tag 1 + an integer of epoch MILLISECONDS (what the Java SDK
//             writes and reads); a floating-point value is epoch seconds
//   response  indefinite-length maps and arrays (0xbf/0x9f ... 0xff), as
//             Jackson's CBOR generator behind AWS writes them (the bytes of
//             AWS's answers in kinesalite's test/connection.js); definite
//             strings; blobs as byte strings; timestamps as tag 1 + integer
//             milliseconds
//   errors    a CBOR map {"__type": ..., "message": ...}
//
// The operations speak the JSON form only. A CBOR request is decoded and then
// rewritten, guided by the operation's input shape, into the exact JSON the
// JSON protocol would carry (blobs as base64, timestamps as epoch seconds),
// and a JSON reply is rewritten the other way by the output shape. Only the
// body format differs: the validator and the operations are shared.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/model.hpp"

namespace kinesisd::protocol {

inline constexpr std::string_view kAmzCbor = "application/x-amz-cbor-1.1";

// The generic decoding: byte strings become nlohmann binary values. nullopt
// when `bytes` is not exactly one well-formed CBOR item within the limits.
std::optional<nlohmann::json> cbor_decode(std::string_view bytes);

// The generic encoding: binary values become byte strings.
std::string cbor_encode(const nlohmann::json& value);

// Rewrites a decoded request into its JSON-protocol form, following `shape`:
// blob members held as byte strings become base64 text; timestamp members
// held as integers (ms) become epoch seconds. Values of an unexpected type
// are left for the validator to refuse.
void cbor_request_to_json(nlohmann::json& value, const Shape& shape);

// Encodes a JSON-protocol reply following `shape`: base64 blob members are
// sent as byte strings and timestamp members (epoch seconds) as tag 1 +
// integer milliseconds. `shape` may be null (no output shape): generic.
std::string json_reply_to_cbor(const nlohmann::json& value, const Shape* shape);

}  // namespace kinesisd::protocol
