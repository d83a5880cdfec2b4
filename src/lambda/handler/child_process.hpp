// Starting a handler's process, shared by the `process` (one per batch) and
// `runtime` (warm, Lambda Runtime API) handlers: argv[0] looked up on PATH,
// Lambda's environment (lambda_environment), the working directory, the
// given descriptors as stdin, stdout and stderr, none of kinesisd's other
// descriptors, and no blocked or ignored signals whatever kinesisd's threads
// block for sigwait.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "lambda/handler/environment.hpp"

namespace kinesisd::handler {

// kinesisd's environment, then what Lambda sets for a function
// (AWS_LAMBDA_FUNCTION_NAME, _VERSION, _MEMORY_SIZE, _TIMEOUT, AWS_REGION,
// the log group and stream names) and AWS_ENDPOINT_URL_KINESIS pointing back
// at kinesisd, then `extra` (the handler kind's own, e.g.
// AWS_LAMBDA_RUNTIME_API), then the spec's `env`, which wins. NAME=value.
std::vector<std::string> lambda_environment(const std::string& function,
                                            std::chrono::milliseconds timeout, int memory_mb,
                                            const Environment& environment,
                                            const std::map<std::string, std::string>& extra,
                                            const std::map<std::string, std::string>& env);

// The child's pid, or -1 with `error` set.
pid_t spawn_child(const std::vector<std::string>& command, const std::vector<std::string>& env,
                  const std::string& cwd, int stdin_fd, int stdout_fd, int stderr_fd,
                  std::string& error);

}  // namespace kinesisd::handler
