#include "service/firehose_api.hpp"

namespace kinesisd::service {

Outcome FirehoseApi::call(std::string_view operation, const Caller& caller,
                          const nlohmann::json& input, Delivery&) const {
  firehose::Context ctx{registry_, settings_, caller.region, registry_.world().clock.now_ms()};
  return firehose::find_operation(operation)(ctx, input);
}

}  // namespace kinesisd::service
