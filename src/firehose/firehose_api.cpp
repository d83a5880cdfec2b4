#include "firehose/firehose_api.hpp"

#include "protocol/arn.hpp"

namespace kinesisd::service {

Outcome FirehoseApi::call(std::string_view operation, const Caller& caller,
                          const nlohmann::json& input, const Resolved&, Delivery&) const {
  firehose::Context ctx{registry_, settings_, caller.region, registry_.world().clock.now_ms(),
                        caller.account};
  return firehose::find_operation(operation)(ctx, input);
}

Resolved FirehoseApi::resolve(std::string_view, const Caller& caller,
                              const nlohmann::json& input) const {
  auto name = input.find("DeliveryStreamName");
  if (name == input.end() || !name->is_string()) return {};
  return {protocol::delivery_stream_arn(
              caller.region, caller.account.empty() ? settings_.account_id : caller.account,
              name->get_ref<const std::string&>()),
          {}};
}

std::map<std::string, std::string> FirehoseApi::resource_tags(const std::string& arn) const {
  std::map<std::string, std::string> tags;
  if (auto ref = protocol::parse_delivery_stream_arn(arn))
    if (auto stream = registry_.find(ref->account, ref->region, ref->name))
      for (auto& [key, value] : stream->tags()) tags.emplace(std::move(key), std::move(value));
  return tags;
}

}  // namespace kinesisd::service
