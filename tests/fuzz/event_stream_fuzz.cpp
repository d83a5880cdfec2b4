// The event-stream decoder (protocol/event_stream), message after message.
#include "fuzz_input.hpp"
#include "protocol/event_stream.hpp"

KINESISD_FUZZ_TARGET(event_stream) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  while (!bytes.empty()) {
    const auto decoded = kinesisd::protocol::decode_event(bytes);
    if (decoded.status != kinesisd::protocol::DecodeStatus::kOk) break;
    if (decoded.consumed == 0 || decoded.consumed > bytes.size()) __builtin_trap();
    bytes.remove_prefix(decoded.consumed);
  }
  return 0;
}
