#include "lambda/handler/process_handler.hpp"

#include "lambda/handler/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

namespace kinesisd::handler {
namespace {

constexpr size_t kMaxResponseBytes = 6 * 1024 * 1024;  // Lambda's synchronous response limit

struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() {
    if (pipe2(fd, O_CLOEXEC) != 0)
      throw std::runtime_error(std::string("pipe: ") + strerror(errno));
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (fd[0] >= 0) close(fd[0]);
    fd[0] = -1;
  }
  void close_write() {
    if (fd[1] >= 0) close(fd[1]);
    fd[1] = -1;
  }
};

void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Logs complete stderr lines as they arrive; the rest waits for more bytes.
void log_lines(const std::string& name, std::string& pending, bool flush) {
  size_t start = 0;
  for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1)
    spdlog::info("[{}] {}", name, std::string_view(pending).substr(start, nl - start));
  pending.erase(0, start);
  if (flush && !pending.empty()) {
    spdlog::info("[{}] {}", name, pending);
    pending.clear();
  }
}

}  // namespace

ProcessHandler::ProcessHandler(std::string name, ProcessSpec spec, const Environment& environment)
    : name_(std::move(name)), spec_(std::move(spec)) {
  if (spec_.command.empty()) throw std::runtime_error("command is empty");
  // A handler that exits before reading its whole event must not kill
  // kinesisd with SIGPIPE; the write just fails with EPIPE.
  signal(SIGPIPE, SIG_IGN);
  env_ = lambda_environment(name_, spec_.timeout, 128, environment, {}, spec_.env);
}

// A running child and our ends of its stdin, stdout and stderr.
struct ProcessHandler::Child {
  pid_t pid = -1;
  Pipe in, out, err;
};

bool ProcessHandler::spawn(Child& child, std::string& error) const {
  child.pid = spawn_child(spec_.command, env_, spec_.cwd, child.in.fd[0], child.out.fd[1],
                          child.err.fd[1], error);
  if (child.pid < 0) return false;
  child.in.close_read();
  child.out.close_write();
  child.err.close_write();
  set_nonblocking(child.in.fd[1]);
  set_nonblocking(child.out.fd[0]);
  set_nonblocking(child.err.fd[0]);
  return true;
}

// Writes the event, collects stdout and logs stderr until the child closes
// both, the timeout passes or `cancel` turns true. "" or why it stopped.
std::string ProcessHandler::exchange(Child& child, std::string_view event,
                                     const std::atomic<bool>& cancel, std::string& stdout_text) {
  std::string stderr_pending;
  size_t written = 0;
  if (event.empty()) child.in.close_write();
  const auto deadline = std::chrono::steady_clock::now() + spec_.timeout;
  char buf[65536];
  std::string failure;
  while (child.out.fd[0] >= 0 || child.err.fd[0] >= 0) {
    if (cancel.load()) {
      failure = "cancelled at shutdown";
      break;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      failure = "timed out after " + std::to_string(spec_.timeout.count()) + " ms";
      break;
    }
    pollfd fds[3];
    nfds_t n = 0;
    if (child.in.fd[1] >= 0) fds[n++] = {child.in.fd[1], POLLOUT, 0};
    if (child.out.fd[0] >= 0) fds[n++] = {child.out.fd[0], POLLIN, 0};
    if (child.err.fd[0] >= 0) fds[n++] = {child.err.fd[0], POLLIN, 0};
    // Wake at least every 50 ms to notice a shutdown.
    const int ready = poll(fds, n, static_cast<int>(std::min<int64_t>(left.count(), 50)));
    if (ready < 0 && errno != EINTR) {
      failure = std::string("poll: ") + strerror(errno);
      break;
    }
    for (nfds_t i = 0; i < n && ready > 0; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == child.in.fd[1]) {
        const ssize_t w = write(child.in.fd[1], event.data() + written, event.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        if ((w < 0 && errno != EAGAIN) || written == event.size()) child.in.close_write();
        continue;
      }
      const bool is_out = fds[i].fd == child.out.fd[0];
      const ssize_t r = read(fds[i].fd, buf, sizeof buf);
      if (r > 0 && is_out) {
        stdout_text.append(buf, static_cast<size_t>(r));
      } else if (r > 0) {
        stderr_pending.append(buf, static_cast<size_t>(r));
        log_lines(name_, stderr_pending, false);
      } else if (r == 0 || errno != EAGAIN) {
        is_out ? child.out.close_read() : child.err.close_read();
      }
    }
    if (stdout_text.size() > kMaxResponseBytes) {
      failure = "response larger than 6 MB";
      break;
    }
  }
  log_lines(name_, stderr_pending, true);
  return failure;
}

Invocation ProcessHandler::invoke(std::string_view event, const std::atomic<bool>& cancel) {
  if (cancel.load()) return Invocation::function_error("cancelled at shutdown");
  Child child;
  std::string failure;
  if (!spawn(child, failure)) return Invocation::function_error(failure);
  std::string stdout_text;
  failure = exchange(child, event, cancel, stdout_text);
  if (!failure.empty()) kill(child.pid, SIGKILL);
  int status = 0;
  while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
  }

  if (!failure.empty()) return Invocation::function_error(failure);
  if (WIFSIGNALED(status))
    return Invocation::function_error("killed by signal " + std::to_string(WTERMSIG(status)));
  if (WEXITSTATUS(status) != 0)
    return Invocation::function_error("exited with status " + std::to_string(WEXITSTATUS(status)));
  auto trimmed = stdout_text.find_first_not_of(" \t\r\n");
  if (trimmed == std::string::npos) return Invocation::ok("");
  if (!nlohmann::json::accept(stdout_text))
    return Invocation::function_error("stdout is not JSON: " + stdout_text.substr(0, 200));
  return Invocation::ok(std::move(stdout_text));
}

}  // namespace kinesisd::handler
