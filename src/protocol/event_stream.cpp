#include "protocol/event_stream.hpp"

#include "protocol/cbor.hpp"

#include <boost/crc.hpp>

#include "protocol/byte_io.hpp"

namespace kinesisd::protocol {
namespace {

constexpr size_t kPreludeBytes = 12;
constexpr size_t kMinMessageBytes = 16;
constexpr size_t kMaxMessageBytes = 16 * 1024 * 1024;
constexpr uint8_t kStringType = 7;

uint32_t read_u32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(b[at])) << 24 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 2])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3]));
}

// Bytes of a header value of each type, after the type byte; 0 for variable
// (length-prefixed) types, -1 for unknown types.
int fixed_value_size(uint8_t type) {
  switch (type) {
    case 0:  // bool true
    case 1:  // bool false
      return 0;
    case 2:  // byte
      return 1;
    case 3:  // short
      return 2;
    case 4:  // int
      return 4;
    case 5:  // long
    case 8:  // timestamp
      return 8;
    case 9:  // uuid
      return 16;
    default:
      return -1;
  }
}

}  // namespace

std::string_view EventMessage::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

uint32_t crc32(std::string_view bytes) {
  boost::crc_32_type c;  // CRC-32/ISO-HDLC, as zlib's crc32()
  c.process_bytes(bytes.data(), bytes.size());
  return c.checksum();
}

std::string encode_event(const EventMessage& message) {
  std::string headers;
  for (const auto& [name, value] : message.headers) {
    put_be(headers, name.size(), 1);
    headers += name;
    put_be(headers, kStringType, 1);
    put_be(headers, value.size(), 2);
    headers += value;
  }
  const size_t total = kMinMessageBytes + headers.size() + message.payload.size();
  std::string out;
  out.reserve(total);
  put_be(out, total, 4);
  put_be(out, headers.size(), 4);
  put_be(out, crc32(out), 4);
  out += headers;
  out += message.payload;
  put_be(out, crc32(out), 4);
  return out;
}

std::string encode_event(std::string_view event_type, std::string_view content_type,
                         std::string_view payload) {
  EventMessage m;
  m.headers = {{":event-type", std::string(event_type)},
               {":content-type", std::string(content_type)},
               {":message-type", "event"}};
  m.payload = payload;
  return encode_event(m);
}

std::string encode_exception(std::string_view exception_type, std::string_view message,
                             std::string_view content_type) {
  EventMessage m;
  m.headers = {{":exception-type", std::string(exception_type)},
               {":content-type", std::string(content_type)},
               {":message-type", "exception"}};
  if (content_type == kAmzCbor) {
    m.payload = cbor_encode(nlohmann::json{{"message", message}});
    return encode_event(m);
  }
  std::string payload = "{\"message\":\"";
  for (char c : message) {
    if (c == '"' || c == '\\') payload += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    payload += c;
  }
  payload += "\"}";
  m.payload = std::move(payload);
  return encode_event(m);
}

Decoded decode_event(std::string_view input) {
  Decoded d;
  if (input.size() < kPreludeBytes) return d;
  const uint32_t total = read_u32(input, 0);
  const uint32_t headers_len = read_u32(input, 4);
  if (crc32(input.substr(0, 8)) != read_u32(input, 8)) {
    d.status = DecodeStatus::kBadPreludeCrc;
    return d;
  }
  if (total < kMinMessageBytes || total > kMaxMessageBytes ||
      headers_len > total - kMinMessageBytes) {
    d.status = DecodeStatus::kMalformed;
    return d;
  }
  if (input.size() < total) return d;
  if (crc32(input.substr(0, total - 4)) != read_u32(input, total - 4)) {
    d.status = DecodeStatus::kBadMessageCrc;
    return d;
  }
  std::string_view headers = input.substr(kPreludeBytes, headers_len);
  while (!headers.empty()) {
    const size_t name_len = static_cast<uint8_t>(headers[0]);
    if (headers.size() < 2 + name_len) {
      d.status = DecodeStatus::kMalformed;
      return d;
    }
    std::string name(headers.substr(1, name_len));
    const auto type = static_cast<uint8_t>(headers[1 + name_len]);
    headers.remove_prefix(2 + name_len);
    if (type == 6 || type == kStringType) {  // byte array or string: u16 length
      if (headers.size() < 2) {
        d.status = DecodeStatus::kMalformed;
        return d;
      }
      const size_t len = static_cast<size_t>(static_cast<uint8_t>(headers[0])) << 8 |
                         static_cast<uint8_t>(headers[1]);
      if (headers.size() < 2 + len) {
        d.status = DecodeStatus::kMalformed;
        return d;
      }
      d.message.headers.emplace_back(std::move(name), std::string(headers.substr(2, len)));
      headers.remove_prefix(2 + len);
      continue;
    }
    const int size = fixed_value_size(type);
    if (size < 0 || headers.size() < static_cast<size_t>(size)) {
      d.status = DecodeStatus::kMalformed;
      return d;
    }
    headers.remove_prefix(static_cast<size_t>(size));  // non-string values are skipped
  }
  d.message.payload = std::string(
      input.substr(kPreludeBytes + headers_len, total - headers_len - kMinMessageBytes));
  d.consumed = total;
  d.status = DecodeStatus::kOk;
  return d;
}

}  // namespace kinesisd::protocol
