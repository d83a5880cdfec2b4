// GetRecords: up to Limit records (default and at most 10000) and 10 MiB from
// the iterator's position, a fresh NextShardIterator, and MillisBehindLatest.
// The response is written as text directly, without a JSON document.
// A closed shard read to its end answers without NextShardIterator and names
// its ChildShards, which is how consumers know to move on.
#include <ctime>

#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/dry_run.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/key_use.hpp"
#include "kinesis/operations/shard_description.hpp"
#include "kinesis/operations/stream_lookup.hpp"
#include "protocol/base64.hpp"
#include "protocol/json_text.hpp"
#include "protocol/shard_iterator.hpp"
#include "protocol/text_writer.hpp"
#include "protocol/utc_time.hpp"

namespace kinesisd::operations {
namespace {

constexpr uint64_t kMaxResponseBytes = 10ull * 1024 * 1024;

// "Thu Jan 22 01:22:02 UTC 2015", the date format of AWS's expiry message.
std::string java_date(int64_t ms) { return protocol::utc_format(ms, "%a %b %d %H:%M:%S UTC %Y"); }

}  // namespace

Output get_records(Context& ctx, const json& in) {
  std::string_view token = in.at("ShardIterator").get_ref<const std::string&>();
  // Wrapped in double quotes, as shell scripts pass it, it is still the
  // iterator (localstack's test_get_records_shard_iterator_with_surrounding_quotes,
  // validated against AWS).
  if (token.size() >= 2 && token.front() == '"' && token.back() == '"')
    token = token.substr(1, token.size() - 2);
  auto state = protocol::decode_shard_iterator(ctx.signer, token);
  if (!state) return errors::invalid_argument("Invalid ShardIterator.");
  if (ctx.now_ms - state->issued_ms > protocol::kShardIteratorLifetimeMs)
    return errors::expired_iterator(
        "Iterator expired. The iterator was created at time " + java_date(state->issued_ms) +
        " while right now it is " + java_date(ctx.now_ms) +
        " which is further in the future than the tolerated delay of 300000 milliseconds.");
  // The stream's account (iterators of version 2 and before: the one account).
  const std::string& account =
      state->account.empty() ? ctx.store.options().account_id : state->account;
  if (auto arn = opt_string(in, "StreamARN")) {
    auto ref = parse_stream_arn(*arn);
    if (!ref || ref->name != state->stream_name || ref->region != state->region ||
        ref->account != account)
      return errors::invalid_argument("Invalid ShardIterator.");
  }

  auto stream = ctx.store.find(account, state->region, state->stream_name);
  const auto shard_id = log::shard_id_for(state->shard_index);
  if (!stream || stream->created_ms() != state->stream_created_ms)
    return errors::resource_not_found("Shard " + shard_id + " in stream " + state->stream_name +
                                      " under account " + account + " does not exist");
  settle_reshard(ctx, stream);
  auto shard = stream->find_shard(shard_id);
  if (!shard) return errors::resource_not_found(shard_not_found_message(shard_id, *stream));
  if (dry_run(in)) return dry_run_answer(ctx, *stream);  // no KMS check, nothing read
  if (auto denied = use_stream_key(ctx, *stream, kReadKeyAction)) return *denied;
  // Over the shard's 5 calls/s or 2 MiB/s (--limits aws). AWS's text for
  // GetRecords, as its answers were recorded in risingwavelabs/risingwave#7453
  // and awslabs/amazon-kinesis-client#1521.
  const bool limited = stream->limited();
  if (limited && !shard->throughput().admit_read(ctx.now_ms)) {
    ctx.store.throttles().add("GetRecords", stream->name(), shard_id);
    return errors::make(
        "ProvisionedThroughputExceededException",
        "Rate exceeded for Shard - " + ctx.account() + "/" + stream->name() + "/" + shard_id);
  }

  const auto limit = static_cast<uint64_t>(opt_int(in, "Limit").value_or(10000));
  const bool closed =
      shard->closed();  // read before the records: a close after this is seen next time

  // The response is written directly: records are the bulk of it. Its size
  // is reserved once, from the records there are to read (no regrowth while
  // records are alike in size), and each record is written in place, in one
  // room() of its largest size.
  using namespace std::string_view_literals;
  constexpr auto kOpen = R"(,{"SequenceNumber":")"sv;
  constexpr auto kStamp = R"(","ApproximateArrivalTimestamp":)"sv;
  constexpr auto kData = R"(,"Data":")"sv;
  constexpr auto kKey = R"(","PartitionKey":)"sv;
  constexpr auto kKms = R"(,"EncryptionType":"KMS")"sv;
  constexpr size_t kMaxSequence = 64;  // digits, as many as SequenceNumberWriter holds
  constexpr size_t kMaxSeconds = 24;   // "-9223372036854775.808"
  const auto largest = [&](const log::RecordView& r) -> uint64_t {
    return kOpen.size() + kMaxSequence + kStamp.size() + kMaxSeconds + kData.size() +
           protocol::base64_encoded_size(r.data.size()) + kKey.size() +
           protocol::json_string_max_size(r.partition_key.size()) + kKms.size() + 1;
  };
  const uint64_t waiting =
      std::min<uint64_t>(limit, shard->latest() - std::min(shard->latest(), state->position));
  std::string body;
  body.reserve(256);
  body += R"({"Records":[)"sv;
  protocol::TextWriter writer(body);
  uint64_t bytes = 0, count = 0;
  log::SequenceNumberWriter sequences;
  // Records of one millisecond share the text between their sequence number
  // and their data: `","ApproximateArrivalTimestamp":<seconds>,"Data":"`.
  int64_t stamp_ms = INT64_MIN;
  std::string stamp;
  const auto read = shard->read(
      state->position, stream->visible_from_ms(ctx.now_ms), limit, kMaxResponseBytes,
      [&](const log::RecordView& r) {
        if (count == 0)
          body.reserve(std::min<uint64_t>(256 + largest(r) * waiting, kMaxResponseBytes * 3 / 2));
        if (r.arrival_ms != stamp_ms) {
          stamp = kStamp;
          protocol::append_epoch_seconds(stamp, r.arrival_ms);
          stamp += kData;
          stamp_ms = r.arrival_ms;
        }
        const auto sequence = sequences.next(shard->sequence_at(r.position, r.arrival_ms));
        char* at = writer.room(largest(r));
        at = protocol::TextWriter::put(at, count++ ? kOpen : kOpen.substr(1));
        at = protocol::TextWriter::put(at, sequence);
        at = protocol::TextWriter::put(at, stamp);
        at = protocol::base64_encode_to(r.data, at);
        // A record an AUTO stream took without a key comes back without one.
        if (!r.partition_key.empty()) {
          at = protocol::TextWriter::put(at, kKey);
          at = protocol::write_json_string(at, r.partition_key);
        } else {
          *at++ = '"';
        }
        if (r.encrypted) at = protocol::TextWriter::put(at, kKms);
        *at++ = '}';
        writer.commit(at);
        bytes += r.partition_key.size() + r.data.size();
        return true;
      });
  writer.finish();
  body += ']';

  if (limited) shard->throughput().charge_read(ctx.now_ms, bytes);
  auto& counters = shard->counters();
  counters.outgoing_records.fetch_add(count, std::memory_order_relaxed);
  counters.outgoing_bytes.fetch_add(bytes, std::memory_order_relaxed);
  const bool at_end = read.next_position >= read.end_position;
  const int64_t behind = at_end ? 0 : std::max<int64_t>(0, ctx.now_ms - read.next_arrival_ms);
  counters.iterator_age_ms.store(behind, std::memory_order_relaxed);
  body += R"(,"MillisBehindLatest":)";
  body += std::to_string(behind);
  if (closed && at_end) {
    body += R"(,"ChildShards":)";
    body += child_shards(*stream, *shard).dump();
  } else {
    protocol::ShardIteratorState next = *state;
    next.issued_ms = ctx.now_ms;
    next.position = read.next_position;
    body += R"(,"NextShardIterator":")";
    body += protocol::encode_shard_iterator(ctx.signer, next);
    body += '"';
  }
  body += '}';
  return Reply::serialized(std::move(body));
}

}  // namespace kinesisd::operations
