// PutRecord: one record, routed by hash key to the open shard covering it.
#include "log/sequence_number.hpp"
#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/record_input.hpp"
#include "operations/stream_lookup.hpp"

namespace kinesisd::operations {

Output put_record(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& stream = *found.value();
  if (auto e = check_writable(stream, ctx.now_ms)) return *e;
  const auto settings = stream.write_settings();

  auto record = read_record(in, settings.max_record_size_kib, "data");
  if (!record.ok()) return record.error();

  if (auto ordering = opt_string(in, "SequenceNumberForOrdering");
      ordering && *ordering != "0" && !log::SequenceNumber::parse(*ordering)) {
    return errors::invalid_argument("ExclusiveMinimumSequenceNumber " + *ordering +
                                    " used in PutRecord on stream " + stream.name() +
                                    " under account " + stream.account() + " is invalid.");
  }

  for (;;) {
    auto shard = stream.route(record.value().hash_key);
    if (!shard) return errors::internal_failure();
    log::ShardRecord r{record.value().partition_key, record.value().data, settings.encrypted};
    log::SequenceNumber seq;
    // A shard closed by a concurrent reshard refuses the append: route again.
    if (!shard->append(ctx.now_ms, &r, 1, &seq)) continue;
    return json{{"ShardId", shard->id()},
                {"SequenceNumber", seq.to_string()},
                {"EncryptionType", settings.encrypted ? "KMS" : "NONE"}};
  }
}

}  // namespace kinesisd::operations
