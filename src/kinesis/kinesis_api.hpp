// Kinesis Data Streams (Kinesis_20131202) as a JsonApi: the model embedded in
// the binary and the operations of src/kinesis/operations/. With --limits aws the
// control plane's rate quotas are checked before an operation runs; with
// fault rules (src/faults/) each call is asked about first, and a rule that
// fires answers with its error, holds the answer back, drops the connection
// or fails a share of a PutRecords call's records.
#pragma once

#include "endpoint/aws_json_endpoint.hpp"
#include "faults/delay_queue.hpp"
#include "faults/fault_engine.hpp"
#include "kinesis/log/stream_store.hpp"
#include "kinesis/operations/control_plane_quotas.hpp"
#include "protocol/signed_token.hpp"

namespace kinesisd::channels {
class ChannelRegistry;
}

namespace kinesisd::service {

class KinesisApi final : public JsonApi {
 public:
  // `quotas` (--limits aws) and `faults` (--faults) may be null: off.
  KinesisApi(log::StreamStore& store, const protocol::SignedToken& signer,
             operations::ControlPlaneQuotas* quotas = nullptr,
             faults::FaultEngine* faults = nullptr, faults::DelayQueue* delays = nullptr)
      : store_(store), signer_(signer), quotas_(quotas), faults_(faults), delays_(delays) {}

  const protocol::Model& model() const override;
  bool implements(std::string_view operation) const override;
  bool reads_fast(std::string_view operation) const override;
  // PutRecord and PutRecords: the request scanned from the body, named by
  // its stream's ARN.
  std::optional<Resolved> read_fast(std::string_view operation, const Caller& caller,
                                    std::string_view body) const override;
  Outcome call_fast(std::string_view operation, const Caller& caller,
                    const Resolved& read) const override;
  Outcome call(std::string_view operation, const Caller& caller, const nlohmann::json& input,
               const Resolved& resolved, Delivery& delivery) const override;
  // The consumer's ARN for consumer calls, else the stream's, else "*"; and
  // the stream and shard the call names, with the stream found (quotas,
  // fault rules and the operation use them: nothing looks the stream up again).
  Resolved resolve(std::string_view operation, const Caller& caller,
                   const nlohmann::json& input) const override;
  // A stream's or a consumer's tags.
  std::map<std::string, std::string> resource_tags(const std::string& arn) const override;
  std::string resource_policy(const std::string& arn) const override;

  // Where channels live; without it (no S3 to deliver to) CreateChannel is
  // refused. Set once, before the first call.
  void set_channels(channels::ChannelRegistry* channels) { channels_ = channels; }

  // What fault rules may name: Kinesis's operations and error types.
  static faults::Vocabulary vocabulary();

 private:
  log::StreamStore& store_;
  const protocol::SignedToken& signer_;
  operations::ControlPlaneQuotas* quotas_;
  faults::FaultEngine* faults_;
  faults::DelayQueue* delays_;
  channels::ChannelRegistry* channels_ = nullptr;
};

}  // namespace kinesisd::service
