#include "kinesis/operations/control_plane_quotas.hpp"

#include <algorithm>

namespace kinesisd::operations {

std::optional<protocol::Error> ControlPlaneQuotas::admit(std::string_view operation,
                                                         std::string_view account,
                                                         std::string_view region,
                                                         std::string_view stream, int64_t now_ms) {
  const auto* quota = std::find_if(std::begin(kControlPlaneQuotas), std::end(kControlPlaneQuotas),
                                   [&](const Quota& q) { return q.operation == operation; });
  if (quota == std::end(kControlPlaneQuotas)) return std::nullopt;
  const bool per_stream = quota->scope == QuotaScope::kStream;
  std::string key;
  key.append(operation).append("|").append(region);
  if (per_stream) key.append("|").append(stream);
  {
    base::MutexLock lock(mu_);
    auto it = buckets_.find(key);
    if (it == buckets_.end())
      it = buckets_.emplace(key, log::TokenBucket(quota->calls_per_s, quota->calls_per_s)).first;
    if (it->second.take(now_ms, 1)) return std::nullopt;
  }
  std::string message = "Rate exceeded for ";
  if (per_stream) message.append("stream ").append(stream).append(" under ");
  message.append("account ").append(account).append(".");
  return protocol::errors::limit_exceeded(std::move(message));
}

void ControlPlaneQuotas::reset() {
  base::MutexLock lock(mu_);
  buckets_.clear();
}

bool ControlPlaneQuotas::admit_dry_run(std::string_view stream_arn, int64_t now_ms) {
  std::string key = "DryRun|";
  key.append(stream_arn);
  base::MutexLock lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) it = buckets_.emplace(key, log::TokenBucket(1, 1)).first;
  return it->second.take(now_ms, 1);
}

}  // namespace kinesisd::operations
