#include "service/kinesis_api.hpp"

#include "operations/operation.hpp"

namespace kinesisd::service {
namespace {

operations::Context context(log::StreamStore& store, const protocol::SignedToken& signer,
                            const Caller& caller) {
  operations::Context ctx{store, signer, caller.region, store.clock().now_ms()};
  ctx.content_type = caller.content_type;
  return ctx;
}

}  // namespace

const protocol::Model& KinesisApi::model() const { return protocol::Model::kinesis(); }

bool KinesisApi::implements(std::string_view operation) const {
  return operations::find_operation(operation) != nullptr;
}

bool KinesisApi::reads_fast(std::string_view operation) const {
  const auto* op = operations::find_operation(operation);
  return op && op->fast;
}

std::optional<Outcome> KinesisApi::fast(std::string_view operation, const Caller& caller,
                                        std::string_view body) const {
  const auto* op = operations::find_operation(operation);
  if (!op || !op->fast) return std::nullopt;
  auto ctx = context(store_, signer_, caller);
  return op->fast(ctx, body);
}

Outcome KinesisApi::call(std::string_view operation, const Caller& caller,
                         const nlohmann::json& input) const {
  auto ctx = context(store_, signer_, caller);
  return operations::find_operation(operation)->run(ctx, input);
}

}  // namespace kinesisd::service
