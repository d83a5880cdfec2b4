#include "lambda/poller/poller.hpp"

#include <spdlog/spdlog.h>

#include "protocol/response.hpp"

namespace kinesisd::poller {

Poller::Poller(log::StreamStore& store, handler::HandlerRegistry& handlers)
    : store_(store), handlers_(handlers) {}

Poller::~Poller() { stop(); }

std::shared_ptr<EventSourceMapping> Poller::add(std::string region, std::string account,
                                                MappingConfig config, handler::Registered handler,
                                                const RestoredMapping* restored) {
  auto mapping = std::make_shared<EventSourceMapping>(
      restored ? restored->uuid : protocol::new_request_id(), std::move(region),
      account.empty() ? store_.options().account_id : std::move(account), std::move(config),
      std::move(handler), store_, journal_, restored);
  mapping->set_faults(faults_);
  mapping->set_outbound(outbound_);
  mapping->start();
  spdlog::info("mapping {}: {} -> {}", mapping->uuid(), mapping->config()->event_source_arn,
               mapping->handler_name());
  base::MutexLock lock(mu_);
  mappings_.push_back(mapping);
  return mapping;
}

std::shared_ptr<EventSourceMapping> Poller::find(std::string_view uuid) const {
  base::MutexLock lock(mu_);
  for (const auto& m : mappings_)
    if (m->uuid() == uuid) return m;
  return nullptr;
}

std::shared_ptr<EventSourceMapping> Poller::find_same(std::string_view account,
                                                      std::string_view stream_arn,
                                                      std::string_view handler_name) const {
  base::MutexLock lock(mu_);
  for (const auto& m : mappings_)
    if (m->account() == account && m->config()->event_source_arn == stream_arn &&
        m->handler_name() == handler_name)
      return m;
  return nullptr;
}

std::vector<std::shared_ptr<EventSourceMapping>> Poller::list() const {
  base::MutexLock lock(mu_);
  return mappings_;
}

std::shared_ptr<EventSourceMapping> Poller::remove(std::string_view uuid) {
  std::shared_ptr<EventSourceMapping> removed;
  {
    base::MutexLock lock(mu_);
    auto it = std::find_if(mappings_.begin(), mappings_.end(),
                           [&](const auto& m) { return m->uuid() == uuid; });
    if (it == mappings_.end()) return nullptr;
    removed = *it;
    mappings_.erase(it);
    removed->request_stop();
    retired_.push_back(removed);  // joined at stop(): a handler may still be running
  }
  if (journal_) journal_->forget(removed->uuid());
  return removed;
}

void Poller::clear() {
  std::vector<std::shared_ptr<EventSourceMapping>> all;
  {
    base::MutexLock lock(mu_);
    all = std::move(mappings_);
    mappings_.clear();
    all.insert(all.end(), retired_.begin(), retired_.end());
    retired_.clear();
  }
  for (auto& m : all) m->request_stop();
  for (auto& m : all) m->join();
  if (journal_) journal_->clear();
}

void Poller::request_stop() {
  base::MutexLock lock(mu_);
  for (auto& m : mappings_) m->request_stop();
  for (auto& m : retired_) m->request_stop();
}

void Poller::stop() {
  std::vector<std::shared_ptr<EventSourceMapping>> all;
  {
    base::MutexLock lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    all = mappings_;
    all.insert(all.end(), retired_.begin(), retired_.end());
  }
  for (auto& m : all) m->request_stop();
  for (auto& m : all) m->join();
}

}  // namespace kinesisd::poller
