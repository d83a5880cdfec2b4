// PutRecords: up to 500 records and 10 MiB. Records bound for the same shard
// are appended under one lock acquisition, in request order, so per-key
// order holds; results come back in request order, a record its shard could
// not take with its own ErrorCode and ErrorMessage (FailedRecordCount counts
// them). The response is written directly, without a JSON document.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <string_view>

#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/dry_run.hpp"
#include "kinesis/operations/key_use.hpp"
#include "kinesis/operations/put_errors.hpp"
#include "kinesis/operations/record_input.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "protocol/json_text.hpp"
#include "protocol/text_writer.hpp"

namespace kinesisd::operations {
namespace {

constexpr uint64_t kMaxRequestBytes = 10ull * 1024 * 1024;

// {["EncryptionType":"KMS",]"FailedRecordCount":N,"Records":[{"SequenceNumber":..,"ShardId":..}
// or {"ErrorCode":..,"ErrorMessage":..}, ...]}. EncryptionType NONE is left
// out, as AWS does for PutRecord (put_record.cpp) and in the API reference's
// PutRecords examples.
std::string response_body(const Context& ctx, const log::Stream& stream,
                          const log::Stream::AppendResult& result,
                          std::span<const log::Stream::Placed> placed) {
  using namespace std::string_view_literals;
  static constexpr auto kRecord = R"({"SequenceNumber":")"sv;
  static constexpr auto kShard = R"(","ShardId":")"sv;
  std::string body;
  // Each record is written in place (protocol/text_writer.hpp), the body
  // reserved once for accepted records at their longest.
  constexpr size_t kMaxRecord = 1 + kRecord.size() + 64 + kShard.size() + 32 + 2;
  body.reserve(80 + placed.size() * kMaxRecord);
  protocol::TextWriter writer(body);
  char* out = writer.room(80);
  auto put = [&out](std::string_view text) { out = protocol::TextWriter::put(out, text); };
  put(result.encrypted ? R"({"EncryptionType":"KMS",)"sv : "{"sv);
  put(R"("FailedRecordCount":)"sv);
  put(std::to_string(result.failed));
  put(R"(,"Records":[)"sv);
  writer.commit(out);
  // One writer per shard, so each shard's consecutive numbers take the shortcut.
  std::vector<std::pair<const log::Shard*, log::SequenceNumberWriter>> writers;
  for (size_t i = 0; i < placed.size(); ++i) {
    const auto& p = placed[i];
    if (p.status != log::AppendStatus::kOk) {
      const Error e = record_error(p, stream, ctx.store.options().memory_limit_bytes);
      std::string text = R"({"ErrorCode":)";
      protocol::append_json_string(text, e.type);
      text += R"(,"ErrorMessage":)";
      protocol::append_json_string(text, e.message);
      text += '}';
      out = writer.room(1 + text.size());
      if (i) *out++ = ',';
      put(text);
      writer.commit(out);
      continue;
    }
    out = writer.room(kMaxRecord);
    if (i) *out++ = ',';
    put(kRecord);
    auto w = std::find_if(writers.begin(), writers.end(),
                          [&](const auto& e) { return e.first == p.shard; });
    if (w == writers.end()) w = writers.insert(writers.end(), {p.shard, {}});
    put(w->second.next(p.sequence));
    put(kShard);
    put(p.shard->id());
    *out++ = '"';
    *out++ = '}';
    writer.commit(out);
  }
  out = writer.room(2);
  put("]}"sv);
  writer.commit(out);
  writer.finish();
  return body;
}

// The 10 MiB bound on the whole request, checked before anything is appended.
std::optional<Error> over_request_size(const PutRequest& request) {
  uint64_t total = 0;
  for (const auto& r : request.records) total += r.data.size() + r.partition_key.size();
  if (total > kMaxRequestBytes) return errors::invalid_argument("Records size exceeds 10 MB limit");
  return std::nullopt;
}

// An injected partial failure: ceil(share x n) of the records, picked by the
// rule's generator (the same picks for the same seed), fail with its error.
void refuse_share(const faults::Fired& fault, std::vector<log::Stream::Entry>& entries) {
  std::vector<size_t> order(entries.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(fault.draw);
  std::shuffle(order.begin(), order.end(), rng);
  const auto n = std::min(entries.size(),
                          static_cast<size_t>(std::ceil(fault.partial * double(entries.size()))));
  const auto status =
      fault.error == "InternalFailure" ? log::AppendStatus::kFailed : log::AppendStatus::kThrottled;
  for (size_t k = 0; k < n; ++k) entries[order[k]].refuse = status;
}

Output put_records_request(Context& ctx, const PutRequest& request, bool dry = false) {
  auto found = find_stream(ctx, request.stream_name, request.stream_arn);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (auto e = check_keys(stream, request, /*batch=*/true, /*ordered=*/false)) return *e;
  auto entries = stream_entries(request);
  if (!entries.ok()) return entries.error();
  if (auto e = over_request_size(request)) return *e;
  if (dry) return dry_run_answer(ctx, stream);  // no KMS check, nothing appended
  if (auto denied = use_stream_key(ctx, stream, kPutKeyAction)) return *denied;

  if (ctx.partial_fault) refuse_share(*ctx.partial_fault, entries.value());
  std::vector<log::Stream::Placed> placed(request.records.size());
  const auto result = stream.append(entries.value(), ctx.now_ms, placed);
  if (auto e = refusal_error(result, request.records, stream, /*batch=*/true)) return *e;
  if (result.failed && stream.limited()) {  // counted once per call and throttled shard
    std::vector<const log::Shard*> throttled;
    for (size_t i = 0; i < placed.size(); ++i)
      if (placed[i].status == log::AppendStatus::kThrottled &&
          entries.value()[i].refuse == log::AppendStatus::kOk &&
          std::find(throttled.begin(), throttled.end(), placed[i].shard) == throttled.end())
        throttled.push_back(placed[i].shard);
    for (const auto* shard : throttled)
      ctx.store.throttles().add("PutRecords", stream.name(), shard->id());
  }
  auto reply = Reply::serialized(response_body(ctx, stream, result, placed));
  reply.when_ready = ctx.store.when_synced(result.sync_generation);
  return reply;
}

}  // namespace

Output put_records(Context& ctx, const json& in) {
  return put_records_request(ctx, put_request_from(in, /*batch=*/true), dry_run(in));
}

bool read_put_records(std::string_view body, PutRequest& out) {
  auto request = scan_put_request(body, /*batch=*/true);
  if (!request) return false;
  out = std::move(*request);
  return true;
}

Output run_put_records(Context& ctx, const PutRequest& request) {
  return put_records_request(ctx, request);
}

}  // namespace kinesisd::operations
