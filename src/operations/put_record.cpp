// PutRecord: one record, routed by hash key to the open shard covering it.
#include "log/sequence_number.hpp"
#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/record_input.hpp"
#include "operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

Output put_record_request(Context& ctx, const PutRequest& request,
                          const std::optional<std::string>& ordering) {
  auto found = find_stream(ctx, request.stream_name, request.stream_arn);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (auto e = check_writable(stream, ctx.now_ms)) return *e;
  const auto settings = stream.write_settings();

  const auto& record = request.records.front();
  if (auto e = check_record_size(record, settings.max_record_size_kib, std::nullopt)) return *e;
  auto key = hash_key_of(record);
  if (!key.ok()) return key.error();

  if (ordering && *ordering != "0" && !log::SequenceNumber::parse(*ordering)) {
    return errors::invalid_argument("ExclusiveMinimumSequenceNumber " + *ordering +
                                    " used in PutRecord on stream " + stream.name() +
                                    " under account " + stream.account() + " is invalid.");
  }

  for (;;) {
    auto shard = stream.route(key.value());
    if (!shard) return errors::internal_failure();
    log::ShardRecord r{record.partition_key, record.data, settings.encrypted};
    log::SequenceNumber seq;
    // A shard closed by a concurrent reshard refuses the append: route again.
    if (!shard->append(ctx.now_ms, &r, 1, &seq)) continue;
    std::string body = R"({"EncryptionType":")";
    body += settings.encrypted ? "KMS" : "NONE";
    body += R"(","SequenceNumber":")";
    body += seq.to_string();
    body += R"(","ShardId":")";
    body += shard->id();
    body += "\"}";
    return Reply::serialized(std::move(body));
  }
}

}  // namespace

Output put_record(Context& ctx, const json& in) {
  return put_record_request(ctx, put_request_from(in, /*batch=*/false),
                            opt_string(in, "SequenceNumberForOrdering"));
}

std::optional<Output> put_record_fast(Context& ctx, std::string_view body) {
  auto request = scan_put_request(body, /*batch=*/false);
  if (!request) return std::nullopt;
  return put_record_request(ctx, *request, std::nullopt);
}

}  // namespace kinesisd::operations
