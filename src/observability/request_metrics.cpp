#include "observability/request_metrics.hpp"

#include <fmt/format.h>

#include "protocol/model.hpp"

namespace kinesisd::observability {

// The slots are made at the first use, not at construction: the Kinesis
// model they are named from is read while the server starts, on a thread of
// its own (server.cpp).
void RequestMetrics::make_slots() const {
  std::vector<std::string> names = protocol::Model::kinesis().operations();
  for (const char* op :
       {"CreateEventSourceMapping", "GetEventSourceMapping", "UpdateEventSourceMapping",
        "DeleteEventSourceMapping", "ListEventSourceMappings", "unknown"})
    names.emplace_back(op);
  for (auto& n : names) {
    auto slot = std::make_unique<Slot>();
    slot->name = std::move(n);
    slots_.push_back(std::move(slot));
  }
  for (auto& s : slots_) by_name_.emplace(s->name, s.get());
  unknown_ = by_name_.at("unknown");
}

void RequestMetrics::record(std::string_view operation, int status,
                            std::chrono::nanoseconds elapsed) {
  std::call_once(made_, [this] { make_slots(); });
  auto it = by_name_.find(operation);
  Slot& s = it == by_name_.end() ? *unknown_ : *it->second;
  s.count.fetch_add(1, std::memory_order_relaxed);
  if (status >= 400) s.errors.fetch_add(1, std::memory_order_relaxed);
  s.nanos.fetch_add(static_cast<uint64_t>(elapsed.count()), std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(elapsed).count();
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      s.buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
}

void RequestMetrics::render(std::string& out) const {
  std::call_once(made_, [this] { make_slots(); });
  out += "# HELP kinesisd_requests_total API requests by operation.\n";
  out += "# TYPE kinesisd_requests_total counter\n";
  for (const auto& s : slots_)
    if (s->count.load())
      fmt::format_to(std::back_inserter(out), "kinesisd_requests_total{{operation=\"{}\"}} {}\n",
                     s->name, s->count.load());
  out += "# HELP kinesisd_request_errors_total API requests answered with an error (4xx/5xx).\n";
  out += "# TYPE kinesisd_request_errors_total counter\n";
  for (const auto& s : slots_)
    if (s->count.load())
      fmt::format_to(std::back_inserter(out),
                     "kinesisd_request_errors_total{{operation=\"{}\"}} {}\n", s->name,
                     s->errors.load());
  out += "# HELP kinesisd_request_duration_seconds Time from a parsed request to its answer.\n";
  out += "# TYPE kinesisd_request_duration_seconds histogram\n";
  for (const auto& s : slots_) {
    const uint64_t count = s->count.load();
    if (!count) continue;
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += s->buckets[i].load();
      fmt::format_to(std::back_inserter(out),
                     "kinesisd_request_duration_seconds_bucket{{operation=\"{}\",le=\"{}\"}} {}\n",
                     s->name, kBuckets[i], cumulative);
    }
    fmt::format_to(std::back_inserter(out),
                   "kinesisd_request_duration_seconds_bucket{{operation=\"{}\",le=\"+Inf\"}} {}\n",
                   s->name, count);
    fmt::format_to(std::back_inserter(out),
                   "kinesisd_request_duration_seconds_sum{{operation=\"{}\"}} {}\n", s->name,
                   static_cast<double>(s->nanos.load()) / 1e9);
    fmt::format_to(std::back_inserter(out),
                   "kinesisd_request_duration_seconds_count{{operation=\"{}\"}} {}\n", s->name,
                   count);
  }
}

}  // namespace kinesisd::observability
