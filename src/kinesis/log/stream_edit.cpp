#include "kinesis/log/stream_edit.hpp"

#include <algorithm>

namespace kinesisd::log {

std::string StreamEdit::summary() const {
  std::string out;
  auto add = [&out](bool present, const char* name) {
    if (!present) return;
    if (!out.empty()) out += ", ";
    out += name;
  };
  add(created.has_value(), "created");
  add(deletion.has_value(), "deletion");
  add(retention_hours.has_value(), "retention");
  add(mode.has_value(), "mode");
  add(encryption.has_value(), "encryption");
  add(max_record_size_kib.has_value(), "max record size");
  add(distribution.has_value(), "record distribution");
  add(shard_level_metrics.has_value(), "enhanced monitoring");
  add(resource_policy.has_value(), "resource policy");
  add(warm_throughput.has_value(), "warm throughput");
  add(scaling_at_ms.has_value(), "scaling");
  add(!tags_added.empty(), "tags added");
  add(!tags_removed.empty(), "tags removed");
  add(reshard.has_value(), "reshard");
  add(planned_reshard.has_value(), "planned_reshard");
  add(planned_reshard_done, "planned_reshard_done");
  add(consumer_registered.has_value(), "consumer registered");
  add(consumer_deregistered.has_value(), "consumer deregistered");
  add(consumer_tags.has_value(), "consumer tags");
  add(consumer_policy.has_value(), "consumer policy");
  add(pending.has_value(), "pending");
  return out;
}

void apply_to_meta(const StreamEdit& e, StreamMeta& meta) {
  if (e.created) meta = e.created->meta;
  if (e.deletion && !meta.deleting_at_ms) {
    meta.deleting_at_ms = e.deletion->at_ms;
    meta.gone_at_ms = e.deletion->gone_at_ms;
  }
  if (e.retention_hours) meta.retention_hours = *e.retention_hours;
  if (e.mode) meta.mode = *e.mode;
  if (e.encryption) {
    meta.encryption_type = e.encryption->type;
    meta.key_id = e.encryption->key_id;
  }
  if (e.max_record_size_kib) meta.max_record_size_kib = *e.max_record_size_kib;
  if (e.distribution) meta.distribution = *e.distribution;
  if (e.shard_level_metrics) meta.shard_level_metrics = *e.shard_level_metrics;
  if (e.resource_policy) meta.resource_policy = *e.resource_policy;
  if (e.warm_throughput) {
    meta.warm_throughput_mibps = e.warm_throughput->target_mibps;
    meta.warm_throughput_previous_mibps = e.warm_throughput->previous_mibps;
  }
  if (e.scaling_at_ms) {
    constexpr int64_t kDayMs = 24 * 3'600'000;
    while (!meta.scalings_ms.empty() && meta.scalings_ms.front() <= *e.scaling_at_ms - kDayMs)
      meta.scalings_ms.pop_front();
    meta.scalings_ms.push_back(*e.scaling_at_ms);
  }
  for (const auto& [k, v] : e.tags_added) meta.tags[k] = v;
  for (const auto& k : e.tags_removed) meta.tags.erase(k);
  if (e.planned_reshard) meta.planned_reshard = e.planned_reshard;
  if (e.planned_reshard_done) meta.planned_reshard.reset();
  if (e.pending) {
    meta.ready_at_ms = e.pending->ready_at_ms;
    meta.updating = e.pending->updating;
  }
}

}  // namespace kinesisd::log
