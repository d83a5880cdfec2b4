// A store, a signer and a Context for tests of Kinesis operation functions.
#pragma once

#include <gtest/gtest.h>

#include "kinesis/operations/catalog.hpp"

namespace kinesisd::operations::testing {

struct Operations {
  log::OffsetClock clock;
  log::StreamStore store;
  protocol::SignedToken signer;
  Context ctx{store, signer, "us-east-1"};
  explicit Operations(log::StoreOptions options = {}) : store(options, clock) {}
  // The operation at kinesisd's present time.
  Output call(Output (*op)(Context&, const json&), const json& in) {
    ctx.now_ms = clock.now_ms();
    return op(ctx, in);
  }
  // Its error type, "" when it succeeded.
  std::string error(Output (*op)(Context&, const json&), const json& in) {
    const auto out = call(op, in);
    return out.ok() ? "" : out.error().type;
  }
  std::string message(Output (*op)(Context&, const json&), const json& in) {
    const auto out = call(op, in);
    return out.ok() ? "" : out.error().message;
  }
  // A successful answer's JSON document (null, and a failed expectation, on an error).
  json body(const Output& out) {
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().message);
    if (!out.ok()) return nullptr;
    return out.value().is_serialized ? json::parse(out.value().body) : out.value().doc;
  }
  json answer(Output (*op)(Context&, const json&), const json& in) { return body(call(op, in)); }
  // A stream made straight in the store (not through CreateStream).
  std::shared_ptr<log::Stream> stream(const std::string& name, int shards = 1) {
    return store.create(log::StreamSpec{"us-east-1", name, static_cast<uint32_t>(shards), {}, true})
        .stream;
  }
};

}  // namespace kinesisd::operations::testing
