// A handler for poller tests: records every event it is given, answers with
// `behaviour` (success by default), and lets a test wait for a condition.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lambda/handler/handler.hpp"
#include "lambda/mappings/mapping_request.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/poller/mapping_config.hpp"

namespace kinesisd::poller::testing {

class FakeHandler final : public handler::Handler {
 public:
  explicit FakeHandler(std::string name = "fake") : name_(std::move(name)) {}
  const std::string& name() const override { return name_; }

  handler::Invocation invoke(std::string_view event, const std::atomic<bool>&) override {
    auto doc = nlohmann::json::parse(event);
    std::function<handler::Invocation(const nlohmann::json&)> b;
    {
      std::lock_guard lock(mu_);
      b = behaviour;
    }
    auto result = b ? b(doc) : handler::Invocation::ok("");
    std::lock_guard lock(mu_);
    events_.push_back(std::move(doc));
    cv_.notify_all();
    return result;
  }

  // Partition keys of every record of every event, in invocation order.
  std::vector<std::string> keys() const {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& e : events_)
      for (const auto& r : e["Records"]) out.push_back(r["kinesis"]["partitionKey"]);
    return out;
  }
  std::vector<nlohmann::json> events() const {
    std::lock_guard lock(mu_);
    return events_;
  }
  // Waits up to 10 s for `n` records in all.
  bool wait_for_records(size_t n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] {
      size_t count = 0;
      for (const auto& e : events_) count += e["Records"].size();
      return count >= n;
    });
  }

  std::function<handler::Invocation(const nlohmann::json&)> behaviour;  // set before use

 private:
  std::string name_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<nlohmann::json> events_;
};

inline std::shared_ptr<log::Stream> make_stream(log::StreamStore& store, const std::string& name,
                                                uint32_t shards) {
  log::StreamSpec spec;
  spec.region = "us-east-1";
  spec.name = name;
  spec.shard_count = shards;
  spec.active_at_once = true;
  return store.create(std::move(spec)).stream;
}

// A mapping's configuration from Lambda's parameter names (read the way
// CreateEventSourceMapping reads them).
inline MappingConfig config_of(const nlohmann::json& body, int64_t now_ms) {
  MappingConfig config;
  auto e = lambda::read_mapping_request(body, lambda::RequestKind::kCreate, config, now_ms);
  if (e) throw std::runtime_error(e->message);
  return config;
}

inline void put(log::Shard& shard, int64_t now_ms, const std::string& key,
                const std::string& data = "{}") {
  const log::NewRecord r{key, data, false};
  log::SequenceNumber seq;
  shard.append(now_ms, {&r, 1}, &seq);
}

}  // namespace kinesisd::poller::testing
