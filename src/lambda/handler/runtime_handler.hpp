// A handler whose function processes stay warm across invocations, as Lambda
// keeps an execution environment: each instance is a process started with
// Lambda's environment and AWS_LAMBDA_RUNTIME_API naming a loopback port of
// its own, where kinesisd serves it the Lambda Runtime API
// (docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html):
//
//   GET  /2018-06-01/runtime/invocation/next            the next event, with
//        Lambda-Runtime-Aws-Request-Id, -Deadline-Ms, -Invoked-Function-Arn,
//        -Trace-Id headers (waits until there is one)
//   POST /2018-06-01/runtime/invocation/{id}/response   the function's result
//   POST /2018-06-01/runtime/invocation/{id}/error      a function error
//                                                       (errorMessage, errorType)
//   POST /2018-06-01/runtime/init/error                 initialization failed
//
// One instance per invocation in flight (the poller's shard lanes), reused
// while warm, stopped after `idle` without work, started again on demand
// (a cold start, logged with its Init Duration). A crash, an init error or a
// timeout is a function error and the instance is replaced; an error the
// function reports keeps it. Its stdout and stderr go to kinesisd's log with
// the function's name and the request id, between START, END and REPORT
// lines as CloudWatch Logs has them.
//
// Thread-safe: invoke() blocks its caller; the instances' I/O runs on one
// thread of the handler's own.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.hpp"
#include "lambda/handler/environment.hpp"
#include "lambda/handler/handler.hpp"

namespace kinesisd::handler {

struct RuntimeInstance;  // one execution environment (runtime_handler.cpp)

struct RuntimeSpec {
  std::vector<std::string> command;         // argv; argv[0] is looked up on PATH
  std::string handler;                      // _HANDLER, e.g. "add_name.handler"
  std::chrono::milliseconds timeout{3000};  // Lambda's default function timeout
  std::chrono::milliseconds idle{60000};    // a warm instance is stopped after this
  int memory_mb = 128;
  std::map<std::string, std::string> env;
  std::string cwd;  // empty = kinesisd's working directory
};

class RuntimeHandler final : public Handler {
 public:
  RuntimeHandler(std::string name, RuntimeSpec spec, const Environment& environment);
  ~RuntimeHandler() override;
  RuntimeHandler(const RuntimeHandler&) = delete;
  RuntimeHandler& operator=(const RuntimeHandler&) = delete;

  const std::string& name() const override { return name_; }
  Invocation invoke(std::string_view event, const std::atomic<bool>& cancel) override;
  std::optional<InstanceStats> instance_stats() const override;

  // Instances alive now (idle or busy).
  size_t instances() const;

 private:
  struct Io;
  using InstancePtr = std::shared_ptr<RuntimeInstance>;
  InstancePtr acquire(bool& cold, std::string& error);
  InstancePtr spawn(std::string& error);
  void release(const InstancePtr& instance);
  // Kills the instance's process; the I/O thread reaps it and forgets it.
  void retire(const InstancePtr& instance);
  void forget(const InstancePtr& instance);  // on the I/O thread, once reaped
  void stop_if_idle(const InstancePtr& instance);
  void start_io(const InstancePtr& instance);

  const std::string name_;
  const RuntimeSpec spec_;
  const Environment environment_;
  const std::string function_arn_;
  std::unique_ptr<Io> io_;

  mutable base::Mutex mu_;
  std::vector<InstancePtr> idle_ GUARDED_BY(mu_);  // most recent last
  std::vector<InstancePtr> all_ GUARDED_BY(mu_);   // alive, idle or busy
  uint64_t next_instance_ GUARDED_BY(mu_) = 1;
  InstanceStats stats_ GUARDED_BY(mu_);
};

}  // namespace kinesisd::handler
