// Handlers by name, built from their specs in the config file:
//   {"type": "shared_library", "path": "...", "config": {...}}
//   {"type": "process", "command": ["python3", "run.py", "mod:fn"], "timeout_ms": 30000,
//    "env": {"K": "V"}, "cwd": "..."}
//   {"type": "runtime", "command": ["python3", "run.py"], "handler": "mod.fn",
//    "timeout_ms": 3000, "idle_ms": 60000, "memory_mb": 128, "env": {...}, "cwd": "..."}
//   {"type": "http", "url": "http://127.0.0.1:9000/...", "timeout_ms": 30000}
// Every handler may also set "role" (the invokeIdentityArn in its events).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "lambda/handler/environment.hpp"
#include "lambda/handler/handler.hpp"

namespace kinesisd::handler {

// A spec that cannot be used: `key` names the offending member ("type",
// "command", ...), `what()` says why.
struct SpecError : std::runtime_error {
  SpecError(std::string k, const std::string& why) : std::runtime_error(why), key(std::move(k)) {}
  std::string key;
};

struct Registered {
  std::shared_ptr<Handler> handler;
  std::string role_arn;  // invokeIdentityArn
};

class HandlerRegistry {
 public:
  explicit HandlerRegistry(Environment environment) : environment_(std::move(environment)) {}

  // Builds and registers a handler. Throws SpecError.
  void add(const std::string& name, const nlohmann::json& spec);
  // Registers an already built handler (embedding, tests).
  void add(std::shared_ptr<Handler> handler, std::string role_arn = {});

  const Registered* find(std::string_view name) const;
  // Every handler, by name.
  std::vector<std::shared_ptr<Handler>> list() const;
  const Environment& environment() const { return environment_; }

 private:
  Environment environment_;
  std::map<std::string, Registered, std::less<>> handlers_;
};

}  // namespace kinesisd::handler
