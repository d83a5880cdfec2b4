// Amazon Data Firehose (Firehose_20150804) as a JsonApi on the same port as
// Kinesis: the model embedded in the binary and the operations of src/firehose/.
#pragma once

#include "endpoint/aws_json_endpoint.hpp"
#include "firehose/delivery/delivery_registry.hpp"
#include "firehose/operations/operation.hpp"

namespace kinesisd::service {

class FirehoseApi final : public JsonApi {
 public:
  FirehoseApi(delivery::DeliveryRegistry& registry, firehose::Settings settings)
      : registry_(registry), settings_(std::move(settings)) {}

  const protocol::Model& model() const override { return protocol::Model::firehose(); }
  bool implements(std::string_view operation) const override {
    return firehose::find_operation(operation) != nullptr;
  }
  Outcome call(std::string_view operation, const Caller& caller, const nlohmann::json& input,
               const Resolved& resolved, Delivery& delivery) const override;
  // The delivery stream's ARN (in the caller's account), or "*".
  Resolved resolve(std::string_view, const Caller& caller,
                   const nlohmann::json& input) const override;
  // A delivery stream's tags, for aws:ResourceTag/.
  std::map<std::string, std::string> resource_tags(const std::string& arn) const override;

 private:
  delivery::DeliveryRegistry& registry_;
  const firehose::Settings settings_;
};

}  // namespace kinesisd::service
