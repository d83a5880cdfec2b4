// PutRecord: one record, routed by hash key to the open shard covering it.
#include <string_view>

#include "kinesis/log/sequence_number.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/dry_run.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/key_use.hpp"
#include "kinesis/operations/put_errors.hpp"
#include "kinesis/operations/record_input.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

Output put_record_request(Context& ctx, const PutRequest& request,
                          const std::optional<std::string>& ordering, bool dry = false) {
  auto found = find_stream(ctx, request.stream_name, request.stream_arn);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (auto e = check_keys(stream, request, /*batch=*/false, ordering.has_value())) return *e;
  auto entries = stream_entries(request);
  if (!entries.ok()) return entries.error();
  if (!dry)
    if (auto denied = use_stream_key(ctx, stream, kPutKeyAction)) return *denied;
  // The numbers AWS takes (log::valid_ordering_number); a first-layout one
  // is printed as AWS reads it.
  if (ordering && !log::valid_ordering_number(*ordering, ctx.now_ms)) {
    const auto first = log::parse_first_layout(*ordering);
    return errors::invalid_argument("ExclusiveMinimumSequenceNumber " +
                                    (first ? first->decimal : *ordering) +
                                    " used in PutRecord on stream " + stream.name() +
                                    " under account " + stream.account() + " is invalid.");
  }
  if (dry) return dry_run_answer(ctx, stream);  // nothing is appended

  log::Stream::Placed placed;
  const auto result = stream.append(entries.value(), ctx.now_ms, {&placed, 1});
  if (auto e = refusal_error(result, request.records, stream, /*batch=*/false)) return *e;
  if (result.failed) {
    if (placed.status == log::AppendStatus::kThrottled)
      ctx.store.throttles().add("PutRecord", stream.name(), placed.shard->id());
    return record_error(placed, stream, ctx.store.options().memory_limit_bytes);
  }
  // EncryptionType only on an encrypted stream: AWS leaves NONE out (its
  // answer recorded in localstack's tests/aws/services/apigateway/
  // test_apigateway_kinesis.snapshot.json, 2024).
  using namespace std::string_view_literals;
  std::string body;
  body.reserve(160);
  body += result.encrypted ? R"({"EncryptionType":"KMS",)"sv : "{"sv;
  body += R"("SequenceNumber":")"sv;
  placed.sequence.append_to(body);
  body += R"(","ShardId":")"sv;
  body += placed.shard->id();
  body += "\"}"sv;
  auto reply = Reply::serialized(std::move(body));
  reply.when_ready = ctx.store.when_synced(result.sync_generation);
  return reply;
}

}  // namespace

Output put_record(Context& ctx, const json& in) {
  return put_record_request(ctx, put_request_from(in, /*batch=*/false),
                            opt_string(in, "SequenceNumberForOrdering"), dry_run(in));
}

bool read_put_record(std::string_view body, PutRequest& out) {
  auto request = scan_put_request(body, /*batch=*/false);
  if (!request) return false;
  out = std::move(*request);
  return true;
}

Output run_put_record(Context& ctx, const PutRequest& request) {
  return put_record_request(ctx, request, std::nullopt);
}

}  // namespace kinesisd::operations
