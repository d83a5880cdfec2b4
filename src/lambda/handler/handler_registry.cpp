#include "lambda/handler/handler_registry.hpp"

#include "lambda/handler/http_handler.hpp"
#include "lambda/handler/process_handler.hpp"
#include "lambda/handler/runtime_handler.hpp"
#include "lambda/handler/shared_library_handler.hpp"

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

std::chrono::milliseconds timeout(const nlohmann::json& spec, int64_t fallback_ms = 30000) {
  const auto* v = member(spec, "timeout_ms");
  if (!v) return std::chrono::milliseconds(fallback_ms);
  if (!v->is_number_integer() || v->get<int64_t>() < 1 || v->get<int64_t>() > 900000)
    throw SpecError("timeout_ms", "must be an integer between 1 and 900000 (Lambda's 15 minutes)");
  return std::chrono::milliseconds(v->get<int64_t>());
}

std::vector<std::string> command_of(const nlohmann::json& spec) {
  const auto* command = member(spec, "command");
  if (!command) throw SpecError("command", "is required");
  if (!command->is_array() || command->empty())
    throw SpecError("command", "must be a non-empty array of strings");
  std::vector<std::string> out;
  for (const auto& arg : *command) {
    if (!arg.is_string()) throw SpecError("command", "must be a non-empty array of strings");
    out.push_back(arg.get<std::string>());
  }
  return out;
}

std::map<std::string, std::string> env_of(const nlohmann::json& spec) {
  std::map<std::string, std::string> out;
  if (const auto* e = member(spec, "env")) {
    if (!e->is_object()) throw SpecError("env", "must be an object of strings");
    for (const auto& [k, v] : e->items()) {
      if (!v.is_string()) throw SpecError("env." + k, "must be a string");
      out[k] = v.get<std::string>();
    }
  }
  return out;
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
    p.command = command_of(spec);
    p.timeout = timeout(spec);
    p.env = env_of(spec);
    if (member(spec, "cwd")) p.cwd = required_string(spec, "cwd");
    return std::make_shared<ProcessHandler>(name, std::move(p), env);
  }
  if (type == "runtime") {
    RuntimeSpec r;
    r.command = command_of(spec);
    r.timeout = timeout(spec, 3000);  // Lambda's default function timeout
    r.env = env_of(spec);
    if (member(spec, "cwd")) r.cwd = required_string(spec, "cwd");
    if (member(spec, "handler")) r.handler = required_string(spec, "handler");
    if (const auto* v = member(spec, "idle_ms")) {
      if (!v->is_number_integer() || v->get<int64_t>() < 1 || v->get<int64_t>() > 86'400'000)
        throw SpecError("idle_ms", "must be an integer between 1 and 86400000");
      r.idle = std::chrono::milliseconds(v->get<int64_t>());
    }
    if (const auto* v = member(spec, "memory_mb")) {
      // Lambda's memory setting: 128 to 10240 MB.
      if (!v->is_number_integer() || v->get<int64_t>() < 128 || v->get<int64_t>() > 10240)
        throw SpecError("memory_mb", "must be an integer between 128 and 10240");
      r.memory_mb = v->get<int>();
    }
    return std::make_shared<RuntimeHandler>(name, std::move(r), env);
  }
  if (type == "http") {
    HttpSpec h{required_string(spec, "url"), timeout(spec)};
    try {
      return std::make_shared<HttpHandler>(name, std::move(h));
    } catch (const std::runtime_error& e) {
      throw SpecError("url", e.what());
    }
  }
  throw SpecError("type",
                  "must be one of shared_library, process, runtime, http (got \"" + type + "\")");
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

std::vector<std::shared_ptr<Handler>> HandlerRegistry::list() const {
  std::vector<std::shared_ptr<Handler>> out;
  for (const auto& [name, r] : handlers_) out.push_back(r.handler);
  return out;
}

const Registered* HandlerRegistry::find(std::string_view name) const {
  auto it = handlers_.find(name);
  return it == handlers_.end() ? nullptr : &it->second;
}

}  // namespace kinesisd::handler
