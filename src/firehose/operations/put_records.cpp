// PutRecord and PutRecordBatch (DirectPut delivery streams): records go into
// the stream's buffer; each gets a RecordId.
#include "firehose/delivery/delivery_journal.hpp"
#include "firehose/operations/catalog.hpp"
#include "protocol/base64.hpp"

namespace kinesisd::firehose {
namespace {

constexpr uint64_t kMaxBatchBytes = 4ull << 20;  // PutRecordBatch: 4 MiB per call

protocol::Outcome<std::shared_ptr<delivery::DeliveryStream>> writable(const Context& ctx,
                                                                      const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& s = *found.value();
  if (s.status(ctx.now_ms) != "ACTIVE")
    return errors::resource_not_found("Firehose " + s.identity().name + " under account " +
                                      ctx.account() + " is not ACTIVE.");
  if (s.config().type != "DirectPut")
    return errors::invalid_argument(
        "This operation is not permitted on KinesisStreamAsSource delivery stream type.");
  return found;
}

// --durability fsync: the answer waits for the group commit of the log.
std::function<void(std::function<void()>)> when_synced(const Context& ctx, uint64_t generation) {
  const auto* journal = ctx.registry.world().journal;
  return journal ? journal->when_synced(generation) : nullptr;
}

std::string data_of(const json& record) {
  return *protocol::base64_decode(record.at("Data").get<std::string>());
}

bool encrypted(const delivery::DeliveryStream& s) {
  return s.encryption().value("Status", "") == "ENABLED";
}

// Records a delivery stream could not keep (its log failed, or memory is at
// --max-memory-mb): the fault the Firehose API reference gives PutRecord and
// PutRecordBatch for it, in its words, and what kinesisd ran out of.
Error unavailable(log::AppendStatus status) {
  std::string message =
      "The service is unavailable. Back off and retry the operation. If you continue to see the "
      "exception, throughput limits for the Firehose stream may have been exceeded.";
  if (status == log::AppendStatus::kFull)
    message +=
        " (kinesisd: the records it holds in memory reached --max-memory-mb; they are taken "
        "again as buffers are delivered, and --data-dir keeps them on disk instead.)";
  return errors::make("ServiceUnavailableException", std::move(message), 500);
}

}  // namespace

Output put_record(Context& ctx, const json& in) {
  auto found = writable(ctx, in);
  if (!found.ok()) return found.error();
  auto& s = *found.value();
  auto put = s.put({data_of(in.at("Record"))}, ctx.now_ms);
  if (put.status != log::AppendStatus::kOk) return unavailable(put.status);
  Reply reply = json{{"RecordId", put.ids[0]}, {"Encrypted", encrypted(s)}};
  reply.when_ready = when_synced(ctx, put.sync_generation);
  return reply;
}

Output put_record_batch(Context& ctx, const json& in) {
  auto found = writable(ctx, in);
  if (!found.ok()) return found.error();
  auto& s = *found.value();
  std::vector<std::string> records;
  uint64_t bytes = 0;
  for (const auto& r : in.at("Records")) {
    records.push_back(data_of(r));
    bytes += records.back().size();
  }
  if (bytes > kMaxBatchBytes) return errors::invalid_argument("Records size exceeds 4 MiB limit");
  auto put = s.put(records, ctx.now_ms);
  if (put.status != log::AppendStatus::kOk) return unavailable(put.status);
  json responses = json::array();
  for (const auto& id : put.ids) responses.push_back({{"RecordId", id}});
  Reply reply =
      json{{"FailedPutCount", 0}, {"Encrypted", encrypted(s)}, {"RequestResponses", responses}};
  reply.when_ready = when_synced(ctx, put.sync_generation);
  return reply;
}

}  // namespace kinesisd::firehose
