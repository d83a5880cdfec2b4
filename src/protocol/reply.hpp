// What an AWS JSON-protocol operation answers when it succeeds: a JSON
// document (rendered as JSON, or as CBOR by the output shape), a body the
// operation serialized itself (the hot paths build PutRecords and GetRecords
// responses directly), or a body streamed over time (SubscribeToShard). A
// null document means an empty 200 body (void operations).
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "protocol/streamed_body.hpp"

namespace kinesisd::protocol {

struct Reply {
  Reply(nlohmann::json document) : doc(std::move(document)) {}  // NOLINT: implicit by design
  static Reply serialized(std::string body) {
    Reply r(nullptr);
    r.body = std::move(body);
    r.is_serialized = true;
    return r;
  }
  static Reply streaming(std::shared_ptr<StreamedBody> body) {
    Reply r(nullptr);
    r.streamed = std::move(body);
    return r;
  }
  nlohmann::json doc;
  std::string body;
  bool is_serialized = false;
  std::shared_ptr<StreamedBody> streamed;
  // The answer waits for this (ApiResponse::when_ready).
  std::function<void(std::function<void()> send)> when_ready;
};

}  // namespace kinesisd::protocol
