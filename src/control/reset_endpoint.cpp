#include "control/reset_endpoint.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

#include "control/control_call.hpp"
#include "control/json_answer.hpp"

namespace kinesisd::service {

void ResetEndpoint::close() {
  base::MutexLock lock(gate_->mu);
  gate_->target = nullptr;
}

protocol::ApiResponse ResetEndpoint::handle(const protocol::ApiRequest& request) const {
  using nlohmann::json;
  auto call = accept_control_call(request, loopback_only_, "POST /_kinesisd/reset");
  if (auto* refused = std::get_if<protocol::ApiResponse>(&call)) return std::move(*refused);

  struct Outcome {
    Resettable::Remade remade;
    int64_t took_ms = 0;
    std::string error;
  };
  auto outcome = std::make_shared<Outcome>();
  protocol::ApiResponse response;
  response.when_ready = [gate = gate_, outcome](std::function<void()> send) {
    std::thread([gate, outcome, send = std::move(send)] {
      // One reset at a time: a second waits for the first, then resets too.
      base::MutexLock lock(gate->mu);
      const auto started = std::chrono::steady_clock::now();
      try {
        if (!gate->target) throw std::runtime_error("kinesisd is shutting down");
        outcome->remade = gate->target->reset();
      } catch (const std::exception& e) {
        outcome->error = e.what();
        spdlog::error("/_kinesisd/reset failed: {}", e.what());
      }
      outcome->took_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
      send();
    }).detach();
  };
  response.finish = [outcome](protocol::ApiResponse& r) {
    if (!outcome->error.empty()) {
      r = json_answer(500, json{{"reset", false}, {"message", outcome->error}});
      return;
    }
    r = json_answer(200, json{{"reset", true},
                              {"took_ms", outcome->took_ms},
                              {"streams", outcome->remade.streams},
                              {"delivery_streams", outcome->remade.delivery_streams},
                              {"event_source_mappings", outcome->remade.event_source_mappings}});
  };
  return response;
}

}  // namespace kinesisd::service
