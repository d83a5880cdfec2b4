#include "lambda/handler/shared_library_handler.hpp"

#include <dlfcn.h>

#include <stdexcept>

namespace kinesisd::handler {

SharedLibraryHandler::SharedLibraryHandler(std::string name, const std::string& path,
                                           const std::string& config_json)
    : name_(std::move(name)) {
  library_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library_) throw std::runtime_error(std::string("cannot load: ") + dlerror());
  auto entry =
      reinterpret_cast<kinesisd_handler_entry_fn>(dlsym(library_, KINESISD_HANDLER_ENTRY_SYMBOL));
  if (!entry) {
    dlclose(library_);
    throw std::runtime_error(path + " does not export " KINESISD_HANDLER_ENTRY_SYMBOL);
  }
  table_ = entry();
  if (!table_ || table_->abi_version != KINESISD_HANDLER_ABI_VERSION) {
    const unsigned got = table_ ? table_->abi_version : 0;
    dlclose(library_);
    throw std::runtime_error(path + " speaks handler ABI version " + std::to_string(got) +
                             "; this kinesisd speaks version " +
                             std::to_string(KINESISD_HANDLER_ABI_VERSION));
  }
  if (!table_->init || !table_->invoke) {
    dlclose(library_);
    throw std::runtime_error(path + " leaves init or invoke unset");
  }
  const char* error = nullptr;
  instance_ = table_->init(config_json.c_str(), &error);
  if (!instance_) {
    std::string why = error ? error : "init returned NULL";
    dlclose(library_);
    throw std::runtime_error(why);
  }
}

SharedLibraryHandler::~SharedLibraryHandler() {
  if (table_->destroy) table_->destroy(instance_);
  dlclose(library_);
}

Invocation SharedLibraryHandler::invoke(std::string_view event, const std::atomic<bool>&) {
  char* response = nullptr;
  size_t response_len = 0;
  const int status =
      table_->invoke(instance_, event.data(), event.size(), &response, &response_len);
  std::string payload = response ? std::string(response, response_len) : std::string();
  if (response && table_->free_response) table_->free_response(instance_, response);
  if (status == KINESISD_HANDLER_OK) return Invocation::ok(std::move(payload));
  Invocation failed = Invocation::function_error(
      payload.empty() ? "the plugin returned status " + std::to_string(status) : payload);
  return failed;
}

}  // namespace kinesisd::handler
