#include "lambda/handler/child_process.hpp"

#include <signal.h>
#include <spawn.h>

#include <cstring>
#include <ctime>
#include <random>

extern char** environ;

namespace kinesisd::handler {

std::vector<std::string> lambda_environment(const std::string& function,
                                            std::chrono::milliseconds timeout, int memory_mb,
                                            const Environment& environment,
                                            const std::map<std::string, std::string>& extra,
                                            const std::map<std::string, std::string>& env) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    const size_t eq = kv.find('=');
    if (eq != std::string_view::npos) vars[std::string(kv.substr(0, eq))] = kv.substr(eq + 1);
  }
  vars["AWS_LAMBDA_FUNCTION_NAME"] = function;
  vars["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
  vars["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = std::to_string(memory_mb);
  vars["AWS_LAMBDA_FUNCTION_TIMEOUT"] = std::to_string((timeout.count() + 999) / 1000);
  // "/aws/lambda/NAME" and "YYYY/MM/DD/[$LATEST]<32 hex>", as Lambda names them.
  vars["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + function;
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%Y/%m/%d/[$LATEST]", &tm);
  std::mt19937_64 rng(std::random_device{}());
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng()));
  vars["AWS_LAMBDA_LOG_STREAM_NAME"] = std::string(date) + hex;
  vars["KINESISD_ACCOUNT_ID"] = environment.account_id;
  vars["AWS_REGION"] = environment.region;
  vars["AWS_DEFAULT_REGION"] = environment.region;
  vars["KINESISD_ENDPOINT"] = environment.endpoint;
  vars["AWS_ENDPOINT_URL_KINESIS"] = environment.endpoint;
  vars.try_emplace("AWS_ACCESS_KEY_ID", "kinesisd");
  vars.try_emplace("AWS_SECRET_ACCESS_KEY", "kinesisd");
  for (const auto& [k, v] : extra) vars[k] = v;
  for (const auto& [k, v] : env) vars[k] = v;
  std::vector<std::string> out;
  out.reserve(vars.size());
  for (const auto& [k, v] : vars) out.push_back(k + "=" + v);
  return out;
}

pid_t spawn_child(const std::vector<std::string>& command, const std::vector<std::string>& env,
                  const std::string& cwd, int stdin_fd, int stdout_fd, int stderr_fd,
                  std::string& error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
  // kinesisd's sockets (the listener among them) stay out of the child.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> argv, envp;
  for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    error = "cannot run " + command[0] + ": " + strerror(rc);
    return -1;
  }
  return pid;
}

}  // namespace kinesisd::handler
