// PutRecord and PutRecordBatch (DirectPut delivery streams): records go into
// the stream's buffer; each gets a RecordId.
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

std::string data_of(const json& record) {
  return *protocol::base64_decode(record.at("Data").get<std::string>());
}

bool encrypted(const delivery::DeliveryStream& s) {
  return s.encryption().value("Status", "") == "ENABLED";
}

}  // namespace

Output put_record(Context& ctx, const json& in) {
  auto found = writable(ctx, in);
  if (!found.ok()) return found.error();
  auto& s = *found.value();
  const auto ids = s.put({data_of(in.at("Record"))}, ctx.now_ms);
  return json{{"RecordId", ids[0]}, {"Encrypted", encrypted(s)}};
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
  json responses = json::array();
  for (const auto& id : s.put(records, ctx.now_ms)) responses.push_back({{"RecordId", id}});
  return json{{"FailedPutCount", 0}, {"Encrypted", encrypted(s)}, {"RequestResponses", responses}};
}

}  // namespace kinesisd::firehose
