#include "lambda/mappings/mapping_journal.hpp"

#include <spdlog/spdlog.h>

#include <limits>

#include "lambda/mappings/event_source_mappings.hpp"
#include "lambda/mappings/mapping_request.hpp"

namespace kinesisd::lambda {
namespace {
constexpr std::string_view kTable = "mappings";
}

void MappingJournal::save(const poller::EventSourceMapping& mapping) {
  const auto status = mapping.status();
  const nlohmann::json value = {{"region", mapping.region()},
                                {"account", mapping.account()},
                                {"last_modified_ms", status.last_modified_ms},
                                {"request", request_of(*status.config)}};
  db_.put(kTable, mapping.uuid(), value.dump());
}

void MappingJournal::erase(const std::string& uuid) { db_.erase(kTable, uuid); }

void MappingJournal::clear() { db_.erase_prefix(kTable, ""); }

size_t MappingJournal::restore(poller::Poller& poller) const {
  size_t started = 0;
  for (const auto& [uuid, value] : db_.scan(kTable)) {
    try {
      const auto doc = nlohmann::json::parse(value);
      poller::MappingConfig config;
      const auto& request = doc.at("request");
      if (auto e = read_mapping_request(request, RequestKind::kCreate, config,
                                        std::numeric_limits<int64_t>::max()))
        throw std::runtime_error(e->message);
      const auto* handler = poller.handlers().find(handler_name_of(config.function_name));
      if (!handler) {
        spdlog::warn("mapping {}: function {} is not registered; it waits for the next start", uuid,
                     config.function_name);
        continue;
      }
      const poller::RestoredMapping restored{uuid, doc.at("last_modified_ms").get<int64_t>()};
      // Mappings saved before accounts were kept belong to the default one.
      poller.add(doc.at("region").get<std::string>(), doc.value("account", std::string()),
                 std::move(config), *handler, &restored);
      ++started;
    } catch (const std::exception& e) {
      spdlog::error("{}: mapping {} cannot be read back ({}); skipped", db_.path(), uuid, e.what());
    }
  }
  return started;
}

}  // namespace kinesisd::lambda
