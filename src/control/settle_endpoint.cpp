#include "control/settle_endpoint.hpp"

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "control/json_answer.hpp"
#include "control/settling.hpp"

namespace kinesisd::service {
namespace {

using nlohmann::json;
using protocol::ApiRequest;
using protocol::ApiResponse;

constexpr int64_t kDefaultTimeoutMs = 30'000;
constexpr int64_t kMaxTimeoutMs = 15 * 60'000;

bool from_loopback(std::string_view ip) {
  return ip.starts_with("127.") || ip == "::1" || ip.starts_with("::ffff:127.");
}

bool json_body(const ApiRequest& request) {
  const auto type = request.header("content-type");
  return type.substr(0, type.find(';')) == "application/json";
}

}  // namespace

ApiResponse SettleEndpoint::handle(const ApiRequest& request) const {
  const bool flush = request.path == "/_kinesisd/flush";
  if (request.method != "POST")
    return json_answer(405, json{{"message", "POST /_kinesisd/wait or /_kinesisd/flush"}});
  if (loopback_only_ && !from_loopback(request.source_ip))
    return json_answer(403, json{{"message",
                                  "with --auth sigv4, /_kinesisd/ answers only callers on this "
                                  "machine (loopback)"}});
  int64_t timeout_ms = kDefaultTimeoutMs;
  if (!request.body.empty()) {
    if (!json_body(request))
      return json_answer(415, json{{"message", "the body must be application/json"}});
    const auto body = json::parse(request.body, nullptr, false);
    if (!body.is_object())
      return json_answer(400, json{{"message", "the body is not a JSON object"}});
    if (body.contains("timeout_ms")) {
      if (!body["timeout_ms"].is_number_integer() || body["timeout_ms"].get<int64_t>() < 0 ||
          body["timeout_ms"].get<int64_t>() > kMaxTimeoutMs)
        return json_answer(400, json{{"message", "timeout_ms is milliseconds, 0 to 900000"}});
      timeout_ms = body["timeout_ms"].get<int64_t>();
    }
  }
  // Taken now: what is appended after this moment is not waited for.
  auto snap = std::make_shared<control::Snapshot>(control::snapshot(poller_, deliveries_, store_));
  if (flush)
    for (const auto& d : snap->deliveries) d.stream->flush();

  struct Outcome {
    json pending;
    int64_t waited_ms = 0;
  };
  auto outcome = std::make_shared<Outcome>();
  ApiResponse response;
  response.when_ready = [snap, outcome, timeout_ms](std::function<void()> send) {
    std::thread([snap, outcome, timeout_ms, send = std::move(send)] {
      const auto started = std::chrono::steady_clock::now();
      const auto deadline = started + std::chrono::milliseconds(timeout_ms);
      for (;;) {
        outcome->pending = control::pending(*snap);
        if (control::settled(outcome->pending) || std::chrono::steady_clock::now() >= deadline)
          break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      outcome->waited_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - started)
                               .count();
      send();
    }).detach();
  };
  response.finish = [outcome](ApiResponse& r) {
    const bool idle = control::settled(outcome->pending);
    json body{{"idle", idle}, {"waited_ms", outcome->waited_ms}};
    if (!idle) body["pending"] = outcome->pending;
    r = json_answer(idle ? 200 : 408, body);
  };
  return response;
}

}  // namespace kinesisd::service
