// The AWS event-stream message format (vnd.amazon.eventstream, as the AWS
// SDKs' event stream decoders read it), used by
// SubscribeToShard responses. Every message is:
//
//   total_length  u32 BE   (the whole message, prelude and CRCs included)
//   headers_length u32 BE
//   prelude_crc   u32 BE   CRC-32 of the 8 bytes above
//   headers       headers_length bytes
//   payload       total_length - headers_length - 16 bytes
//   message_crc   u32 BE   CRC-32 of everything before it
//
// A header is: name length u8, name, value type u8, value. We write string
// values only (type 7: length u16 BE, bytes); the decoder accepts every type
// of the format so it can read what others send.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kinesisd::protocol {

struct EventMessage {
  std::vector<std::pair<std::string, std::string>> headers;  // string-valued headers
  std::string payload;

  std::string_view header(std::string_view name) const;
};

uint32_t crc32(std::string_view bytes);

std::string encode_event(const EventMessage& message);

// ":message-type event", ":event-type <type>", ":content-type <ct>".
std::string encode_event(std::string_view event_type, std::string_view content_type,
                         std::string_view payload);
// ":message-type exception", ":exception-type <type>", payload {"message": ...}
// in JSON, or in CBOR when content_type is application/x-amz-cbor-1.1.
std::string encode_exception(std::string_view exception_type, std::string_view message,
                             std::string_view content_type = "application/json");

enum class DecodeStatus { kOk, kNeedMore, kBadPreludeCrc, kBadMessageCrc, kMalformed };
struct Decoded {
  DecodeStatus status = DecodeStatus::kNeedMore;
  EventMessage message;
  size_t consumed = 0;  // bytes of `input` this message used (kOk only)
};
// Decodes the first message of `input`.
Decoded decode_event(std::string_view input);

}  // namespace kinesisd::protocol
