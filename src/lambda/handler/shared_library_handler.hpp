// A handler plugin loaded with dlopen, speaking include/kinesisd/handler.h.
#pragma once

#include <memory>
#include <string>

#include "lambda/handler/handler.hpp"
#include "kinesisd/handler.h"

namespace kinesisd::handler {

class SharedLibraryHandler final : public Handler {
 public:
  // Loads `path`, checks the ABI version and calls init(config_json).
  // Throws std::runtime_error with the reason on any failure.
  SharedLibraryHandler(std::string name, const std::string& path, const std::string& config_json);
  ~SharedLibraryHandler() override;

  const std::string& name() const override { return name_; }
  Invocation invoke(std::string_view event, const std::atomic<bool>& cancel) override;

 private:
  std::string name_;
  void* library_ = nullptr;
  const kinesisd_handler_v1* table_ = nullptr;
  void* instance_ = nullptr;
};

}  // namespace kinesisd::handler
