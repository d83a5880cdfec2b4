// A handler reached over HTTP (network/http_client): POSTs the event to a URL
// and reads the response, compatible with the Lambda Runtime Interface Emulator
// (http://host:9000/2015-03-31/functions/function/invocations), so a Lambda
// container image runs as a handler unchanged.
//
// A function error is: a non-2xx status, an X-Amz-Function-Error header (the
// Lambda Invoke API's marker), or a body of the shape the runtimes use to
// report an unhandled exception ({"errorMessage": ..., "errorType": ...}),
// which is how the emulator reports one.
#pragma once

#include <chrono>
#include <string>

#include "lambda/handler/handler.hpp"

namespace kinesisd::handler {

struct HttpSpec {
  std::string url;  // http://host[:port]/path
  std::chrono::milliseconds timeout{30000};
};

class HttpHandler final : public Handler {
 public:
  // Throws std::runtime_error when the URL is not http://host[:port]/path.
  HttpHandler(std::string name, HttpSpec spec);

  const std::string& name() const override { return name_; }
  Invocation invoke(std::string_view event, const std::atomic<bool>& cancel) override;

 private:
  std::string name_;
  HttpSpec spec_;
};

}  // namespace kinesisd::handler
