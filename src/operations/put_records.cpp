// PutRecords: up to 500 records. Records bound for the same shard are
// appended under one lock acquisition, in request order, so per-key order
// holds; results come back in request order. The response is written
// directly, without a JSON document.
#include <unordered_map>

#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/record_input.hpp"
#include "operations/stream_lookup.hpp"
#include "protocol/json_text.hpp"

namespace kinesisd::operations {

namespace {

constexpr uint64_t kMaxRequestBytes = 10ull * 1024 * 1024;

Output put_records_request(Context& ctx, const PutRequest& request) {
  auto found = find_stream(ctx, request.stream_name, request.stream_arn);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (auto e = check_writable(stream, ctx.now_ms)) return *e;
  const auto settings = stream.write_settings();

  const auto& records = request.records;
  std::vector<log::HashKey> keys(records.size());
  uint64_t total = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (auto e = check_record_size(records[i], settings.max_record_size_kib, i)) return *e;
    auto key = hash_key_of(records[i]);
    if (!key.ok()) return key.error();
    keys[i] = key.value();
    total += records[i].data.size() + records[i].partition_key.size();
  }
  if (total > kMaxRequestBytes) return errors::invalid_argument("Records size exceeds 10 MB limit");

  // Group by shard, preserving request order inside each group.
  std::vector<log::SequenceNumber> seqs(records.size());
  std::vector<log::Shard*> shard_of(records.size());
  std::vector<size_t> pending(records.size());
  for (size_t i = 0; i < records.size(); ++i) pending[i] = i;
  std::vector<log::ShardRecord> batch;
  std::vector<log::SequenceNumber> out;
  std::vector<log::HashKey> pending_keys;
  std::vector<log::Shard*> routed;
  while (!pending.empty()) {
    pending_keys.clear();
    for (size_t i : pending) pending_keys.push_back(keys[i]);
    routed.resize(pending.size());
    stream.route_all(pending_keys.data(), pending_keys.size(), routed.data());
    std::vector<std::pair<log::Shard*, std::vector<size_t>>> groups;  // few shards: linear
    for (size_t p = 0; p < pending.size(); ++p) {
      log::Shard* shard = routed[p];
      if (!shard) return errors::internal_failure();
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const auto& g) { return g.first == shard; });
      if (it == groups.end()) {
        groups.emplace_back(shard, std::vector<size_t>{});
        it = groups.end() - 1;
      }
      it->second.push_back(pending[p]);
      shard_of[pending[p]] = shard;
    }
    std::vector<size_t> retry;
    for (const auto& [shard, idx] : groups) {
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

  std::string body;
  body.reserve(64 + records.size() * 110);
  body += R"({"EncryptionType":")";
  body += settings.encrypted ? "KMS" : "NONE";
  body += R"(","FailedRecordCount":0,"Records":[)";
  // One writer per shard, so each shard's consecutive numbers take the shortcut.
  std::vector<std::pair<const log::Shard*, log::SequenceNumberWriter>> writers;
  for (size_t i = 0; i < records.size(); ++i) {
    if (i) body += ',';
    body += R"({"SequenceNumber":")";
    auto w = std::find_if(writers.begin(), writers.end(),
                          [&](const auto& e) { return e.first == shard_of[i]; });
    if (w == writers.end()) w = writers.insert(writers.end(), {shard_of[i], {}});
    w->second.append(seqs[i], body);
    body += R"(","ShardId":")";
    body += shard_of[i]->id();
    body += "\"}";
  }
  body += "]}";
  return Reply::serialized(std::move(body));
}

}  // namespace

Output put_records(Context& ctx, const json& in) {
  return put_records_request(ctx, put_request_from(in, /*batch=*/true));
}

std::optional<Output> put_records_fast(Context& ctx, std::string_view body) {
  auto request = scan_put_request(body, /*batch=*/true);
  if (!request) return std::nullopt;
  return put_records_request(ctx, *request);
}

}  // namespace kinesisd::operations
