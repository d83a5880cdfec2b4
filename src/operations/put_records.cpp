// PutRecords: up to 500 records. Records bound for the same shard are
// appended under one lock acquisition, in request order, so per-key order
// holds; results come back in request order.
#include <unordered_map>

#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/record_input.hpp"
#include "operations/stream_lookup.hpp"

namespace kinesisd::operations {

namespace {
constexpr uint64_t kMaxRequestBytes = 10ull * 1024 * 1024;
}

Output put_records(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (auto e = check_writable(stream, ctx.now_ms)) return *e;
  const auto settings = stream.write_settings();

  const auto& entries = in.at("Records");
  std::vector<RecordInput> records;
  records.reserve(entries.size());
  uint64_t total = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    auto r = read_record(entries[i], settings.max_record_size_kib,
                         "records." + std::to_string(i + 1) + ".member.data");
    if (!r.ok()) return r.error();
    total += r.value().data.size() + r.value().partition_key.size();
    records.push_back(std::move(r.value()));
  }
  if (total > kMaxRequestBytes) return errors::invalid_argument("Records size exceeds 10 MB limit");

  // Group by shard, preserving request order inside each group.
  std::vector<log::SequenceNumber> seqs(records.size());
  std::vector<std::shared_ptr<log::Shard>> shard_of(records.size());
  std::vector<size_t> pending(records.size());
  for (size_t i = 0; i < records.size(); ++i) pending[i] = i;
  while (!pending.empty()) {
    std::unordered_map<log::Shard*, std::vector<size_t>> groups;
    std::vector<std::shared_ptr<log::Shard>> order;
    for (size_t i : pending) {
      auto shard = stream.route(records[i].hash_key);
      if (!shard) return errors::internal_failure();
      auto& g = groups[shard.get()];
      if (g.empty()) order.push_back(shard);
      g.push_back(i);
      shard_of[i] = std::move(shard);
    }
    std::vector<size_t> retry;
    std::vector<log::ShardRecord> batch;
    std::vector<log::SequenceNumber> out;
    for (const auto& shard : order) {
      const auto& idx = groups[shard.get()];
      batch.clear();
      for (size_t i : idx)
        batch.push_back({records[i].partition_key, records[i].data, settings.encrypted});
      out.resize(idx.size());
      // A shard closed by a concurrent reshard refuses the batch: route again.
      if (!shard->append(ctx.now_ms, batch.data(), batch.size(), out.data())) {
        retry.insert(retry.end(), idx.begin(), idx.end());
        continue;
      }
      for (size_t k = 0; k < idx.size(); ++k) seqs[idx[k]] = out[k];
    }
    pending = std::move(retry);
  }

  json results = json::array();
  for (size_t i = 0; i < records.size(); ++i)
    results.push_back({{"SequenceNumber", seqs[i].to_string()}, {"ShardId", shard_of[i]->id()}});
  return json{{"FailedRecordCount", 0},
              {"Records", std::move(results)},
              {"EncryptionType", settings.encrypted ? "KMS" : "NONE"}};
}

}  // namespace kinesisd::operations
