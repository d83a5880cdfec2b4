#include "control/settle_endpoint.hpp"

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "control/control_call.hpp"
#include "control/json_answer.hpp"
#include "control/settling.hpp"

namespace kinesisd::service {
namespace {

using nlohmann::json;
using protocol::ApiRequest;
using protocol::ApiResponse;

constexpr int64_t kDefaultTimeoutMs = 30'000;
constexpr int64_t kMaxTimeoutMs = 15 * 60'000;

}  // namespace

ApiResponse SettleEndpoint::handle(const ApiRequest& request) const {
  const bool flush = request.path == "/_kinesisd/flush";
  auto call =
      accept_control_call(request, loopback_only_, "POST /_kinesisd/wait or /_kinesisd/flush");
  if (auto* refused = std::get_if<ApiResponse>(&call)) return std::move(*refused);
  const json& body = std::get<json>(call);
  int64_t timeout_ms = kDefaultTimeoutMs;
  if (body.contains("timeout_ms")) {
    if (!body["timeout_ms"].is_number_integer() || body["timeout_ms"].get<int64_t>() < 0 ||
        body["timeout_ms"].get<int64_t>() > kMaxTimeoutMs)
      return json_answer(400, json{{"message", "timeout_ms is milliseconds, 0 to 900000"}});
    timeout_ms = body["timeout_ms"].get<int64_t>();
  }
  // Taken now: what is appended after this moment is not waited for.
  auto snap = std::make_shared<control::Snapshot>(
      control::snapshot(poller_, deliveries_, channels_, store_));
  if (flush) {
    for (const auto& d : snap->deliveries) d.stream->flush();
    for (const auto& c : snap->channels) c.channel->flush();
  }

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
