// Lambda's REST-JSON framing for the event source mapping API, served on the
// Kinesis port: routes by method and path under /2015-03-31/event-source-mappings,
// reads the JSON body or query string, and answers in Lambda's shape (status
// 200/202, errors as x-amzn-ErrorType plus {"Type","message"}).
#pragma once

#include <string>

#include "poller/poller.hpp"
#include "protocol/api.hpp"

namespace kinesisd::protocol {

class LambdaApi {
 public:
  LambdaApi(poller::Poller& poller, std::string default_region);

  static bool handles(std::string_view path);
  // The Lambda operation a request names ("CreateEventSourceMapping", ...), "" if none.
  static std::string_view operation(std::string_view method, std::string_view path);
  ApiResponse handle(const ApiRequest& request) const;

 private:
  poller::Poller& poller_;
  std::string default_region_;
};

}  // namespace kinesisd::protocol
