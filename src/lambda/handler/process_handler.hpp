// A handler that runs a command once per batch: the event JSON on its stdin,
// the response read from its stdout (empty = success). A non-zero exit, a
// timeout or output that is not JSON is a function error. Every stderr line
// goes to kinesisd's log, prefixed with the handler's name.
//
// The child gets kinesisd's environment plus Lambda's own variables
// (AWS_LAMBDA_FUNCTION_NAME, AWS_REGION, ...) and AWS_ENDPOINT_URL_KINESIS
// pointing back at kinesisd, so an AWS SDK inside the handler writes to the
// emulator without code changes. Values in `env` override all of these.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "lambda/handler/environment.hpp"
#include "lambda/handler/handler.hpp"

namespace kinesisd::handler {

struct ProcessSpec {
  std::vector<std::string> command;  // argv; argv[0] is looked up on PATH
  std::chrono::milliseconds timeout{30000};
  std::map<std::string, std::string> env;
  std::string cwd;  // empty = kinesisd's working directory
};

class ProcessHandler final : public Handler {
 public:
  ProcessHandler(std::string name, ProcessSpec spec, const Environment& environment);

  const std::string& name() const override { return name_; }
  Invocation invoke(std::string_view event, const std::atomic<bool>& cancel) override;

 private:
  struct Child;
  bool spawn(Child& child, std::string& error) const;
  std::string exchange(Child& child, std::string_view event, const std::atomic<bool>& cancel,
                       std::string& stdout_text);

  std::string name_;
  ProcessSpec spec_;
  std::vector<std::string> env_;  // NAME=value, built once
};

}  // namespace kinesisd::handler
