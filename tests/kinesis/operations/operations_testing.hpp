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
};

}  // namespace kinesisd::operations::testing
