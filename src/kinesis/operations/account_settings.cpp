// DescribeAccountSettings and UpdateAccountSettings: the region's minimum
// throughput billing commitment (kinesis/log/account_settings.hpp has its rules).
#include "kinesis/log/account_settings.hpp"

#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/input.hpp"

namespace kinesisd::operations {
namespace {

json commitment_json(const log::BillingCommitment& c) {
  json j{{"Status", log::to_string(c.status)}};
  if (c.started_ms) j["StartedAt"] = epoch_seconds(*c.started_ms);
  if (c.ended_ms) j["EndedAt"] = epoch_seconds(*c.ended_ms);
  if (c.earliest_allowed_end_ms)
    j["EarliestAllowedEndAt"] = epoch_seconds(*c.earliest_allowed_end_ms);
  return j;
}

}  // namespace

Output describe_account_settings(Context& ctx, const json&) {
  const auto c = ctx.store.account_settings().commitment(ctx.region, ctx.now_ms);
  return json{{"MinimumThroughputBillingCommitment", commitment_json(c)}};
}

Output update_account_settings(Context& ctx, const json& in) {
  const auto status = in.at("MinimumThroughputBillingCommitment").at("Status").get<std::string>();
  const auto c =
      ctx.store.account_settings().set_commitment(ctx.region, status == "ENABLED", ctx.now_ms);
  return json{{"MinimumThroughputBillingCommitment", commitment_json(c)}};
}

}  // namespace kinesisd::operations
