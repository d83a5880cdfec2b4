#include "handler/handler_registry.hpp"

#include "handler/http_handler.hpp"
#include "handler/process_handler.hpp"
#include "handler/shared_library_handler.hpp"

namespace kinesisd::handler {
namespace {

const nlohmann::json* member(const nlohmann::json& spec, const char* key) {
  auto it = spec.find(key);
  return it == spec.end() || it->is_null() ? nullptr : &*it;
}

std::string required_string(const nlohmann::json& spec, const char* key) {
  const auto* v = member(spec, key);
  if (!v) throw SpecError(key, "is required");
  if (!v->is_string() || v->get_ref<const std::string&>().empty())
    throw SpecError(key, "must be a non-empty string");
  return v->get<std::string>();
}

std::chrono::milliseconds timeout(const nlohmann::json& spec) {
  const auto* v = member(spec, "timeout_ms");
  if (!v) return std::chrono::milliseconds(30000);
  if (!v->is_number_integer() || v->get<int64_t>() < 1 || v->get<int64_t>() > 900000)
    throw SpecError("timeout_ms", "must be an integer between 1 and 900000 (Lambda's 15 minutes)");
  return std::chrono::milliseconds(v->get<int64_t>());
}

std::shared_ptr<Handler> build(const std::string& name, const nlohmann::json& spec,
                               const Environment& env) {
  const std::string type = required_string(spec, "type");
  if (type == "shared_library") {
    const std::string path = required_string(spec, "path");
    const auto* config = member(spec, "config");
    if (config && !config->is_object()) throw SpecError("config", "must be an object");
    try {
      return std::make_shared<SharedLibraryHandler>(name, path,
                                                    config ? config->dump() : std::string("{}"));
    } catch (const std::runtime_error& e) {
      throw SpecError("path", e.what());
    }
  }
  if (type == "process") {
    ProcessSpec p;
    const auto* command = member(spec, "command");
    if (!command) throw SpecError("command", "is required");
    if (!command->is_array() || command->empty())
      throw SpecError("command", "must be a non-empty array of strings");
    for (const auto& arg : *command) {
      if (!arg.is_string()) throw SpecError("command", "must be a non-empty array of strings");
      p.command.push_back(arg.get<std::string>());
    }
    p.timeout = timeout(spec);
    if (const auto* e = member(spec, "env")) {
      if (!e->is_object()) throw SpecError("env", "must be an object of strings");
      for (const auto& [k, v] : e->items()) {
        if (!v.is_string()) throw SpecError("env." + k, "must be a string");
        p.env[k] = v.get<std::string>();
      }
    }
    if (member(spec, "cwd")) p.cwd = required_string(spec, "cwd");
    return std::make_shared<ProcessHandler>(name, std::move(p), env);
  }
  if (type == "http") {
    HttpSpec h{required_string(spec, "url"), timeout(spec)};
    try {
      return std::make_shared<HttpHandler>(name, std::move(h));
    } catch (const std::runtime_error& e) {
      throw SpecError("url", e.what());
    }
  }
  throw SpecError("type", "must be one of shared_library, process, http (got \"" + type + "\")");
}

}  // namespace

void HandlerRegistry::add(const std::string& name, const nlohmann::json& spec) {
  if (!spec.is_object()) throw SpecError("", "must be an object");
  std::string role = member(spec, "role") ? required_string(spec, "role") : std::string();
  add(build(name, spec, environment_), std::move(role));
}

void HandlerRegistry::add(std::shared_ptr<Handler> handler, std::string role_arn) {
  if (role_arn.empty())  // the invokeIdentityArn when the spec names no role
    role_arn = "arn:aws:iam::" + environment_.account_id + ":role/kinesisd-handler";
  const std::string name = handler->name();
  handlers_[name] = Registered{std::move(handler), std::move(role_arn)};
}

const Registered* HandlerRegistry::find(std::string_view name) const {
  auto it = handlers_.find(name);
  return it == handlers_.end() ? nullptr : &it->second;
}

}  // namespace kinesisd::handler
