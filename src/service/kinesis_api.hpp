// Kinesis Data Streams (Kinesis_20131202) as a JsonApi: the model embedded in
// the binary and the operations of src/operations/.
#pragma once

#include "log/stream_store.hpp"
#include "protocol/signed_token.hpp"
#include "service/aws_json_endpoint.hpp"

namespace kinesisd::service {

class KinesisApi final : public JsonApi {
 public:
  KinesisApi(log::StreamStore& store, const protocol::SignedToken& signer)
      : store_(store), signer_(signer) {}

  const protocol::Model& model() const override;
  bool implements(std::string_view operation) const override;
  bool reads_fast(std::string_view operation) const override;
  std::optional<Outcome> fast(std::string_view operation, const Caller& caller,
                              std::string_view body) const override;
  Outcome call(std::string_view operation, const Caller& caller,
               const nlohmann::json& input) const override;

 private:
  log::StreamStore& store_;
  const protocol::SignedToken& signer_;
};

}  // namespace kinesisd::service
