// GetRecords: up to Limit records (default and at most 10000) and 10 MiB from
// the iterator's position, a fresh NextShardIterator, and MillisBehindLatest.
// A closed shard read to its end answers without NextShardIterator and names
// its ChildShards, which is how consumers know to move on.
#include <ctime>

#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/shard_description.hpp"
#include "operations/stream_lookup.hpp"
#include "protocol/base64.hpp"
#include "protocol/shard_iterator.hpp"

namespace kinesisd::operations {
namespace {

constexpr uint64_t kMaxResponseBytes = 10ull * 1024 * 1024;

// "Thu Jan 22 01:22:02 UTC 2015", the date format of AWS's expiry message.
std::string java_date(int64_t ms) {
  const std::time_t t = ms / 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a %b %d %H:%M:%S UTC %Y", &tm);
  return buf;
}

}  // namespace

Output get_records(Context& ctx, const json& in) {
  const auto token = *opt_string(in, "ShardIterator");
  auto state = protocol::decode_shard_iterator(ctx.signer, token);
  if (!state) return errors::invalid_argument("Invalid ShardIterator.");
  if (ctx.now_ms - state->issued_ms > protocol::kShardIteratorLifetimeMs)
    return errors::expired_iterator(
        "Iterator expired. The iterator was created at time " + java_date(state->issued_ms) +
        " while right now it is " + java_date(ctx.now_ms) +
        " which is further in the future than the tolerated delay of 300000 milliseconds.");
  if (auto arn = opt_string(in, "StreamARN")) {
    auto ref = parse_stream_arn(*arn);
    if (!ref || ref->name != state->stream_name || ref->region != state->region)
      return errors::invalid_argument("Invalid ShardIterator.");
  }

  auto stream = ctx.store.find(state->region, state->stream_name);
  const auto shard_id = log::shard_id_for(state->shard_index);
  if (!stream || stream->created_ms() != state->stream_created_ms)
    return errors::resource_not_found("Shard " + shard_id + " in stream " + state->stream_name +
                                      " under account " + ctx.account() + " does not exist");
  auto shard = stream->find_shard(shard_id);
  if (!shard) return errors::resource_not_found(shard_not_found_message(shard_id, *stream));

  const auto limit = static_cast<uint64_t>(opt_int(in, "Limit").value_or(10000));
  const bool closed =
      shard->closed();  // read before the records: a close after this is seen next time
  json records = json::array();
  uint64_t bytes = 0;
  const auto read = shard->read(
      state->position, stream->visible_from_ms(ctx.now_ms), limit, kMaxResponseBytes,
      [&](const log::RecordView& r) {
        json rec{{"SequenceNumber", shard->sequence_at(r.position, r.arrival_ms).to_string()},
                 {"ApproximateArrivalTimestamp", epoch_seconds(r.arrival_ms)},
                 {"Data", protocol::base64_encode(r.data)},
                 {"PartitionKey", r.partition_key}};
        if (r.encrypted) rec["EncryptionType"] = "KMS";
        bytes += r.partition_key.size() + r.data.size();
        records.push_back(std::move(rec));
        return true;
      });

  auto& counters = shard->counters();
  counters.outgoing_records.fetch_add(records.size(), std::memory_order_relaxed);
  counters.outgoing_bytes.fetch_add(bytes, std::memory_order_relaxed);
  json out{{"Records", std::move(records)}};
  const bool at_end = read.next_position >= read.end_position;
  const int64_t behind = at_end ? 0 : std::max<int64_t>(0, ctx.now_ms - read.next_arrival_ms);
  counters.iterator_age_ms.store(behind, std::memory_order_relaxed);
  out["MillisBehindLatest"] = behind;
  if (closed && at_end) {
    out["ChildShards"] = child_shards(*stream, *shard);
  } else {
    protocol::ShardIteratorState next = *state;
    next.issued_ms = ctx.now_ms;
    next.position = read.next_position;
    out["NextShardIterator"] = protocol::encode_shard_iterator(ctx.signer, next);
  }
  return out;
}

}  // namespace kinesisd::operations
