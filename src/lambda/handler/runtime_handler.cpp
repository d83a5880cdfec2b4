#include "lambda/handler/runtime_handler.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <random>

#include "lambda/handler/child_process.hpp"
#include "network/listener.hpp"
#include "protocol/api.hpp"

namespace kinesisd::handler {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// A GET /next waiting for an invocation: its answer, once known, and the
// function that lets its session send it (protocol::ApiResponse::when_ready).
struct ParkedNext {
  std::shared_ptr<protocol::ApiResponse> answer;
  std::function<void()> send;
};

// One execution environment: the process, its Runtime API (served by
// network/'s listener and sessions), and the invocation it serves. The asio
// members are used on the I/O thread only (after start_io); the rest under mu.
struct RuntimeInstance {
  explicit RuntimeInstance(asio::io_context& ioc)
      : out(ioc), err(ioc), exited(ioc), idle_timer(ioc) {}

  uint64_t number = 0;
  pid_t pid = -1;
  Clock::time_point spawned;
  std::unique_ptr<protocol::Service> api;           // its Runtime API
  std::shared_ptr<network::Listener> listener;      // serving `api` on 127.0.0.1
  asio::posix::stream_descriptor out, err, exited;  // stdout, stderr, pidfd
  asio::steady_timer idle_timer;                    // armed while idle
  std::vector<ParkedNext> parked;                   // under mu

  base::Mutex mu;
  std::condition_variable cv;
  std::string request_id;  // the invocation being served; "" between invocations
  std::string event;
  int64_t deadline_epoch_ms = 0;
  bool handed = false;  // /next has given the invocation out
  Clock::time_point handed_at;
  std::optional<Invocation> outcome;
  bool initialized = false;  // its first /next came
  double init_ms = 0;
  bool dead = false;
  std::string death;
  bool reaped = false;
};

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
constexpr size_t kMaxPayloadBytes = 6 * 1024 * 1024;   // Lambda's synchronous payload limit
constexpr auto kInitLimit = std::chrono::seconds(10);  // Lambda's init phase limit
constexpr std::string_view kInvocation = "/2018-06-01/runtime/invocation/";
constexpr std::string_view kInitError = "/2018-06-01/runtime/init/error";

std::string uuid4() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  const uint64_t a = rng(), b = rng();
  char out[40];
  std::snprintf(out, sizeof out, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffull));
  return out;
}

int64_t epoch_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// The peak resident memory of a process in MB (Lambda's "Max Memory Used").
long max_memory_mb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10) / 1024;
  return 0;
}

protocol::ApiResponse answer(int status, std::string body) {
  protocol::ApiResponse res;
  res.status = status;
  res.content_type = "application/json";
  res.body = std::move(body);
  return res;
}

protocol::ApiResponse invalid_request_id() {
  return answer(400, R"({"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"})");
}

// "Runtime exited with error: exit status 1", as Lambda reports a runtime
// that dies during an invocation.
std::string exit_reason(int status) {
  if (WIFSIGNALED(status))
    return "Runtime exited with error: signal: " + std::string(strsignal(WTERMSIG(status)));
  return "Runtime exited with error: exit status " + std::to_string(WEXITSTATUS(status));
}

// The child's output, line by line, with the function and the request id.
asio::awaitable<void> log_output(std::shared_ptr<RuntimeInstance> in,
                                 asio::posix::stream_descriptor& fd, std::string function) {
  std::string buffer;
  for (;;) {
    auto [ec, n] =
        co_await asio::async_read_until(fd, asio::dynamic_buffer(buffer), '\n', use_tuple);
    if (ec) {
      if (!buffer.empty()) spdlog::info("[{}] {}", function, buffer);
      co_return;
    }
    std::string id;
    {
      base::MutexLock lock(in->mu);
      id = in->request_id;
    }
    std::string_view line(buffer.data(), n - 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (id.empty())
      spdlog::info("[{}] {}", function, line);
    else
      spdlog::info("[{}] {}\t{}", function, id, line);
    buffer.erase(0, n);
  }
}

// GET .../invocation/next's answer when the instance is stopping.
protocol::ApiResponse stopping() {
  return answer(403, R"({"errorMessage":"the instance is stopping","errorType":"Stopping"})");
}

// The pending invocation as GET .../invocation/next answers it, marked as
// handed out. REQUIRES in->mu, an invocation pending and not handed out.
protocol::ApiResponse hand_out(RuntimeInstance& in, const std::string& function_arn,
                               std::chrono::milliseconds timeout) {
  in.handed = true;
  in.handed_at = Clock::now();
  in.deadline_epoch_ms = epoch_ms() + timeout.count();
  in.cv.notify_all();
  auto res = answer(200, in.event);
  const std::string& id = in.request_id;
  res.headers = {{"Lambda-Runtime-Aws-Request-Id", id},
                 {"Lambda-Runtime-Deadline-Ms", std::to_string(in.deadline_epoch_ms)},
                 {"Lambda-Runtime-Invoked-Function-Arn", function_arn},
                 {"Lambda-Runtime-Trace-Id", "Root=1-" + id.substr(0, 8) + "-" + id.substr(9, 4) +
                                                 id.substr(14, 4) + id.substr(19, 4) +
                                                 id.substr(24) + ";Sampled=0"}};
  return res;
}

// GET .../invocation/next: the pending invocation, once there is one. The
// answer waits (parked) without holding a thread; an invocation or the
// instance's end lets it go (wake_parked).
protocol::ApiResponse next_invocation(const std::shared_ptr<RuntimeInstance>& in,
                                      const std::string& function_arn,
                                      std::chrono::milliseconds timeout) {
  auto slot = std::make_shared<protocol::ApiResponse>();
  protocol::ApiResponse res;
  res.when_ready = [in, slot, function_arn, timeout](std::function<void()> send) {
    {
      base::MutexLock lock(in->mu);
      if (!in->initialized) {
        in->initialized = true;
        in->init_ms = ms_between(in->spawned, Clock::now());
        in->cv.notify_all();
      }
      if (in->dead) {
        *slot = stopping();
      } else if (!in->request_id.empty() && !in->handed) {
        *slot = hand_out(*in, function_arn, timeout);
      } else {
        in->parked.push_back({slot, std::move(send)});
        return;
      }
    }
    send();
  };
  res.finish = [slot](protocol::ApiResponse& r) { r = std::move(*slot); };
  return res;
}

// POST .../invocation/{id}/response and .../error, and .../init/error.
protocol::ApiResponse report(const std::shared_ptr<RuntimeInstance>& in, std::string_view path,
                             const protocol::ApiRequest& req) {
  if (path == kInitError) {
    base::MutexLock lock(in->mu);
    in->dead = true;
    in->death =
        "Runtime.InitError: " + (req.body.empty() ? std::string("{}") : std::string(req.body));
    in->cv.notify_all();
    return answer(202, R"({"status":"OK"})");
  }
  if (!path.starts_with(kInvocation)) return answer(404, "{}");
  std::string_view rest = path.substr(kInvocation.size());
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return answer(404, "{}");
  const std::string_view id = rest.substr(0, slash), what = rest.substr(slash + 1);
  if (what != "response" && what != "error") return answer(404, "{}");
  base::MutexLock lock(in->mu);
  if (id != in->request_id || !in->handed || in->outcome) return invalid_request_id();
  if (what == "response") {
    in->outcome = Invocation::ok(std::string(req.body));
  } else {
    // Lambda's error shape as the function reported it, or its type from the
    // Lambda-Runtime-Function-Error-Type header.
    std::string body(req.body);
    if (body.empty())
      body = R"({"errorMessage":"","errorType":")" +
             std::string(req.header("Lambda-Runtime-Function-Error-Type")) + "\"}";
    in->outcome = Invocation::function_error(std::move(body));
  }
  in->cv.notify_all();
  return answer(202, R"({"status":"OK"})");
}

// The Runtime API of one instance, as a protocol::Service: network/'s
// listener and HTTP sessions read the requests and write the answers.
class RuntimeApi final : public protocol::Service {
 public:
  RuntimeApi(std::weak_ptr<RuntimeInstance> in, std::string function_arn,
             std::chrono::milliseconds timeout)
      : in_(std::move(in)), function_arn_(std::move(function_arn)), timeout_(timeout) {}

  protocol::ApiResponse handle(const protocol::ApiRequest& req) const override {
    const auto in = in_.lock();
    if (!in) return stopping();
    if (req.method == "GET" && req.path == std::string(kInvocation) + "next")
      return next_invocation(in, function_arn_, timeout_);
    if (req.method != "POST") return answer(404, "{}");
    if (req.body.size() > kMaxPayloadBytes) {
      // Lambda's answer to a response over its payload limit, and the
      // invocation's outcome.
      base::MutexLock lock(in->mu);
      if (!in->outcome && in->handed)
        in->outcome = Invocation::function_error(
            R"({"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"})");
      in->cv.notify_all();
      return answer(
          413,
          R"({"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"})");
    }
    return report(in, req.path, req);
  }

 private:
  std::weak_ptr<RuntimeInstance> in_;
  std::string function_arn_;
  std::chrono::milliseconds timeout_;
};

// Lets the parked GET /next calls go: one gets the pending invocation (when
// there is one), all of them when the instance is stopping.
void wake_parked(RuntimeInstance& in, const std::string& function_arn,
                 std::chrono::milliseconds timeout) {
  std::vector<std::function<void()>> sends;
  {
    base::MutexLock lock(in.mu);
    if (in.dead) {
      for (auto& p : in.parked) {
        *p.answer = stopping();
        sends.push_back(std::move(p.send));
      }
      in.parked.clear();
    } else if (!in.parked.empty() && !in.request_id.empty() && !in.handed) {
      auto p = std::move(in.parked.front());
      in.parked.erase(in.parked.begin());
      *p.answer = hand_out(in, function_arn, timeout);
      sends.push_back(std::move(p.send));
    }
  }
  for (auto& send : sends) send();
}

}  // namespace

struct RuntimeHandler::Io {
  asio::io_context ioc{1};
  asio::executor_work_guard<asio::io_context::executor_type> work{asio::make_work_guard(ioc)};
  std::thread thread{[this] { ioc.run(); }};

  void stop() {
    work.reset();
    ioc.stop();
    if (thread.joinable()) thread.join();
  }
  ~Io() { stop(); }
};

RuntimeHandler::RuntimeHandler(std::string name, RuntimeSpec spec, const Environment& environment)
    : name_(std::move(name)),
      spec_(std::move(spec)),
      environment_(environment),
      function_arn_("arn:aws:lambda:" + environment.region + ":" + environment.account_id +
                    ":function:" + name_),
      io_(std::make_unique<Io>()) {
  if (spec_.command.empty()) throw std::runtime_error("command is empty");
  signal(SIGPIPE, SIG_IGN);
}

RuntimeHandler::~RuntimeHandler() {
  std::vector<InstancePtr> all;
  {
    base::MutexLock lock(mu_);
    all = all_;
  }
  for (auto& in : all) {
    base::MutexLock lock(in->mu);
    if (!in->reaped) kill(in->pid, SIGKILL);
  }
  io_->stop();
  for (auto& in : all) {
    base::MutexLock lock(in->mu);
    if (!in->reaped) {
      while (waitpid(in->pid, nullptr, 0) < 0 && errno == EINTR) {
      }
      in->reaped = true;
    }
  }
  {
    base::MutexLock lock(mu_);
    idle_.clear();
    all_.clear();
  }
  all.clear();
  io_.reset();  // the coroutines' frames, and the last references to instances, go here
}

size_t RuntimeHandler::instances() const {
  base::MutexLock lock(mu_);
  return all_.size();
}

std::optional<InstanceStats> RuntimeHandler::instance_stats() const {
  base::MutexLock lock(mu_);
  return stats_;
}

RuntimeHandler::InstancePtr RuntimeHandler::spawn(std::string& error) {
  auto in = std::make_shared<RuntimeInstance>(io_->ioc);
  in->api = std::make_unique<RuntimeApi>(in, function_arn_, spec_.timeout);
  try {
    // A GET /next may wait as long as the instance lives idle; a response
    // may be up to Lambda's 6 MB (RuntimeApi answers past it).
    network::SessionLimits limits;
    limits.idle_timeout = std::chrono::hours(24 * 365);
    limits.body_limit = 2 * kMaxPayloadBytes;
    in->listener = std::make_shared<network::Listener>(
        io_->ioc, tcp::endpoint{asio::ip::address_v4::loopback(), 0}, limits,
        [this] { return asio::any_io_executor(io_->ioc.get_executor()); });
  } catch (const boost::system::system_error& e) {
    error = std::string("cannot open the Runtime API port: ") + e.what();
    return nullptr;
  }
  const uint16_t port = in->listener->port();
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + strerror(errno);
    return nullptr;
  }
  const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  char cwd[4096];
  const std::string task_root =
      !spec_.cwd.empty() ? spec_.cwd : (getcwd(cwd, sizeof cwd) ? std::string(cwd) : ".");
  const auto env =
      lambda_environment(name_, spec_.timeout, spec_.memory_mb, environment_,
                         {{"AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + std::to_string(port)},
                          {"_HANDLER", spec_.handler},
                          {"LAMBDA_TASK_ROOT", task_root},
                          {"AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"},
                          {"AWS_EXECUTION_ENV", "kinesisd"}},
                         spec_.env);
  in->spawned = Clock::now();
  in->pid = spawn_child(spec_.command, env, spec_.cwd, devnull, out[1], err[1], error);
  close(devnull);
  close(out[1]);
  close(err[1]);
  if (in->pid < 0) {
    close(out[0]);
    close(err[0]);
    return nullptr;
  }
  in->out.assign(out[0]);
  in->err.assign(err[0]);
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, in->pid, 0));
  if (pidfd >= 0) in->exited.assign(pidfd);
  {
    base::MutexLock lock(mu_);
    in->number = next_instance_++;
    all_.push_back(in);
  }
  start_io(in);
  return in;
}

// The instance's coroutines: its Runtime API, its output, and its exit.
void RuntimeHandler::start_io(const InstancePtr& in) {
  auto& ioc = io_->ioc;
  in->listener->start(*in->api);
  asio::co_spawn(ioc, log_output(in, in->out, name_), asio::detached);
  asio::co_spawn(ioc, log_output(in, in->err, name_), asio::detached);
  asio::co_spawn(
      ioc,
      [this, in]() -> asio::awaitable<void> {
        // Woken when the process exits (its pidfd turns readable); without
        // pidfds (kernels before 5.3), checked every 50 ms.
        asio::steady_timer poll(co_await asio::this_coro::executor);
        int status = 0;
        for (;;) {
          if (in->exited.is_open())
            co_await in->exited.async_wait(asio::posix::stream_descriptor::wait_read, use_tuple);
          else {
            poll.expires_after(std::chrono::milliseconds(50));
            co_await poll.async_wait(use_tuple);
          }
          const pid_t r = waitpid(in->pid, &status, WNOHANG);
          if (r == in->pid || (r < 0 && errno == ECHILD)) break;
          if (r < 0 && errno != EINTR) break;
        }
        {
          base::MutexLock lock(in->mu);
          in->reaped = true;
          if (!in->dead) {
            in->dead = true;
            in->death = exit_reason(status);
          }
          in->cv.notify_all();
        }
        in->listener->stop();
        wake_parked(*in, function_arn_, spec_.timeout);
        in->idle_timer.cancel();
        forget(in);
      },
      asio::detached);
}

void RuntimeHandler::forget(const InstancePtr& in) {
  base::MutexLock lock(mu_);
  std::erase(idle_, in);
  std::erase(all_, in);
}

RuntimeHandler::InstancePtr RuntimeHandler::acquire(bool& cold, std::string& error) {
  {
    base::MutexLock lock(mu_);
    while (!idle_.empty()) {
      auto in = idle_.back();
      idle_.pop_back();
      base::MutexLock instance(in->mu);
      if (in->dead) continue;
      asio::post(io_->ioc, [in] { in->idle_timer.cancel(); });
      cold = false;
      return in;
    }
  }
  cold = true;
  auto in = spawn(error);
  if (in) {
    base::MutexLock lock(mu_);
    ++stats_.cold_starts;
    spdlog::info("[{}] cold start: instance {} (pid {})", name_, in->number, in->pid);
  }
  return in;
}

void RuntimeHandler::release(const InstancePtr& in) {
  {
    base::MutexLock lock(mu_);
    idle_.push_back(in);
  }
  asio::post(io_->ioc, [this, in, idle = spec_.idle] {
    in->idle_timer.expires_after(idle);
    in->idle_timer.async_wait([this, in](boost::system::error_code ec) {
      if (!ec) stop_if_idle(in);
    });
  });
}

void RuntimeHandler::stop_if_idle(const InstancePtr& in) {
  {
    base::MutexLock lock(mu_);
    const auto it = std::find(idle_.begin(), idle_.end(), in);
    if (it == idle_.end()) return;  // taken meanwhile
    idle_.erase(it);
  }
  spdlog::info("[{}] instance {} stopped after {} ms idle", name_, in->number, spec_.idle.count());
  retire(in);
}

void RuntimeHandler::retire(const InstancePtr& in) {
  base::MutexLock lock(in->mu);
  in->dead = true;
  if (!in->reaped) kill(in->pid, SIGKILL);
}

Invocation RuntimeHandler::invoke(std::string_view event, const std::atomic<bool>& cancel) {
  if (cancel.load()) return Invocation::function_error("cancelled at shutdown");
  bool cold = false;
  std::string error;
  const auto in = acquire(cold, error);
  if (!in) return Invocation::function_error(error);
  const std::string id = uuid4();
  const auto started = Clock::now();
  {
    base::MutexLock lock(in->mu);
    in->request_id = id;
    in->event.assign(event);
    in->handed = false;
    in->outcome.reset();
  }
  wake_parked(*in, function_arn_, spec_.timeout);
  spdlog::info("[{}] START RequestId: {} Version: $LATEST", name_, id);

  // Until the function answers, its process ends, its time is up, or kinesisd stops.
  base::UniqueLock lock(in->mu);
  std::optional<Invocation> result;
  bool replace = false;
  for (;;) {
    if (in->outcome) {
      result = std::move(in->outcome);
      break;
    }
    if (in->dead) {
      result = Invocation::function_error(in->death);
      replace = true;
      break;
    }
    const auto now = Clock::now();
    if (in->handed && now - in->handed_at > spec_.timeout) {
      char text[128];
      std::snprintf(text, sizeof text, "Task timed out after %.2f seconds",
                    static_cast<double>(spec_.timeout.count()) / 1000.0);
      result = Invocation::function_error(R"({"errorMessage":")" + id + " " + text +
                                          R"(","errorType":"Sandbox.Timedout"})");
      replace = true;
      break;
    }
    if (!in->handed && now - started > (in->initialized ? spec_.timeout : kInitLimit)) {
      result = Invocation::function_error(
          R"({"errorMessage":"the runtime did not ask for the invocation in time","errorType":"Runtime.Unavailable"})");
      replace = true;
      break;
    }
    if (cancel.load()) {
      result = Invocation::function_error("cancelled at shutdown");
      replace = true;
      break;
    }
    in->cv.wait_for(lock.native(), std::chrono::milliseconds(50));
  }
  const auto ended = Clock::now();
  const double duration =
      in->handed ? ms_between(in->handed_at, ended) : ms_between(started, ended);
  const double init_ms = in->init_ms;
  in->request_id.clear();
  in->event.clear();
  lock.unlock();

  spdlog::info("[{}] END RequestId: {}", name_, id);
  const long memory = max_memory_mb(in->pid);
  if (cold)
    spdlog::info(
        "[{}] REPORT RequestId: {}\tDuration: {:.2f} ms\tBilled Duration: {} ms\tMemory Size: {} "
        "MB\tMax Memory Used: {} MB\tInit Duration: {:.2f} ms",
        name_, id, duration, static_cast<long>(duration) + 1, spec_.memory_mb, memory, init_ms);
  else
    spdlog::info(
        "[{}] REPORT RequestId: {}\tDuration: {:.2f} ms\tBilled Duration: {} ms\tMemory Size: {} "
        "MB\tMax Memory Used: {} MB",
        name_, id, duration, static_cast<long>(duration) + 1, spec_.memory_mb, memory);
  {
    base::MutexLock stats(mu_);
    ++stats_.invocations;
    if (!cold) ++stats_.warm_invocations;
    stats_.duration_us += static_cast<uint64_t>(duration * 1000);
  }
  if (replace)
    retire(in);
  else
    release(in);
  return std::move(*result);
}

}  // namespace kinesisd::handler
