// PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on a stream:
// the policy is kept as given after checking it is a JSON object. Get answers
// "{}" for a stream without a policy; Delete of an absent policy succeeds.
#include "operations/catalog.hpp"
#include "operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

protocol::Outcome<std::shared_ptr<log::Stream>> resource_stream(const Context& ctx,
                                                                const json& in) {
  return find_stream(ctx, json{{"StreamARN", in.at("ResourceARN")}});
}

}  // namespace

Output put_resource_policy(Context& ctx, const json& in) {
  auto found = resource_stream(ctx, in);
  if (!found.ok()) return found.error();
  const auto policy = in.at("Policy").get<std::string>();
  const auto doc = json::parse(policy, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return errors::invalid_argument("Policy is not a valid JSON policy document.");
  log::StreamEdit edit;
  edit.resource_policy = policy;
  ctx.store.apply(found.value(), edit);
  return json(nullptr);
}

Output get_resource_policy(Context& ctx, const json& in) {
  auto found = resource_stream(ctx, in);
  if (!found.ok()) return found.error();
  const auto policy = found.value()->meta().resource_policy;
  return json{{"Policy", policy.empty() ? std::string("{}") : policy}};
}

Output delete_resource_policy(Context& ctx, const json& in) {
  auto found = resource_stream(ctx, in);
  if (!found.ok()) return found.error();
  log::StreamEdit edit;
  edit.resource_policy = "";
  ctx.store.apply(found.value(), edit);
  return json(nullptr);
}

}  // namespace kinesisd::operations
