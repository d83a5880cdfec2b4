#include "firehose/delivery/http_destination.hpp"

#include "firehose/delivery/http_delivery.hpp"
#include "firehose/delivery/object_key.hpp"

namespace kinesisd::delivery {

DestinationOutcome HttpRequestDestination::put(const DeliveryBatch& batch) {
  DestinationOutcome out;
  std::vector<HttpRecord> sent;
  sent.reserve(batch.records.size());
  for (const auto& r : batch.records)
    sent.push_back({r.record->record_id, r.data, r.record->arrival_ms});
  if (sent.empty()) return out;
  const HttpOutcome outcome = deliver_over_http(http_, stream_arn_, sent, clock_, cancel_, wait_);
  out.delivered = sent.size() - outcome.failed.size();
  if (http_.backup_all) {  // AllData / AllDocuments: every record to S3 too
    std::string body;
    for (const auto& r : sent) body += r.data;
    if (objects_.write(object_key(backup_.prefix, stream_name_, batch.version, batch.oldest_ms),
                       body))
      out.objects += 1;
  }
  out.failed.error_type = http_.error_type();
  out.failed.error_prefix = backup_.error_output_prefix.empty()
                                ? backup_.prefix + http_.error_type() + "/"
                                : backup_.error_output_prefix;
  for (const auto& f : outcome.failed) {
    const HttpRecord& r = sent[f.record];
    FailureDocument d{outcome.attempts, r.arrival_ms, f.error_code, f.error_message, r.data};
    if (http_.kind == HttpDestination::Kind::kHttpEndpoint) {
      d.detail["EndpointUrl"] = http_.url;
    } else {
      d.detail["esDocumentId"] = r.id;
      d.detail["esIndexName"] = f.index_name;
      d.detail["esTypeName"] = http_.type_name;
    }
    out.failed.documents.push_back(std::move(d));
  }
  return out;
}

}  // namespace kinesisd::delivery
