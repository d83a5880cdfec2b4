#include "firehose/delivery/delivery_journal.hpp"

#include <spdlog/spdlog.h>

#include "firehose/delivery/delivery_stream.hpp"
#include "kinesis/log/disk_shard_log.hpp"

namespace kinesisd::delivery {

namespace {
constexpr std::string_view kStreams = "delivery_streams";
constexpr std::string_view kCheckpoints = "delivery_checkpoints";

std::string checkpoint_key(const DeliveryIdentity& identity) {
  return identity.arn + "/" + std::to_string(identity.created_ms);
}
}  // namespace

void DeliveryJournal::save(const std::string& arn, const nlohmann::json& definition) {
  dir_.database().put(kStreams, arn, definition.dump());
}

std::optional<nlohmann::json> DeliveryJournal::definition(const std::string& arn) const {
  const auto text = dir_.database().get(kStreams, arn);
  if (!text) return std::nullopt;
  auto parsed = nlohmann::json::parse(*text, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

std::vector<nlohmann::json> DeliveryJournal::load() const {
  std::vector<nlohmann::json> out;
  for (const auto& [arn, text] : dir_.database().scan(kStreams)) {
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      spdlog::error("data dir: delivery stream {} does not decode; it is left out", arn);
      continue;
    }
    out.push_back(std::move(parsed));
  }
  return out;
}

void DeliveryJournal::forget(const DeliveryIdentity& identity) {
  dir_.database().transaction([&] {
    dir_.database().erase(kStreams, identity.arn);
    dir_.database().erase(kCheckpoints, checkpoint_key(identity));
  });
  dir_.remove_delivery(identity.account, identity.region, identity.name, identity.created_ms);
}

std::unique_ptr<log::ShardLog> DeliveryJournal::open_log(const DeliveryIdentity& identity) {
  log::DiskLogSettings settings;
  settings.directory = dir_.delivery_directory(identity.account, identity.region, identity.name,
                                               identity.created_ms);
  settings.id = log::ShardLogId{identity.region, identity.name, 0, 0};
  settings.cache = cache_;
  settings.sync = sync_;
  return std::make_unique<log::DiskShardLog>(std::move(settings));
}

void DeliveryJournal::save_checkpoint(const DeliveryIdentity& identity,
                                      const nlohmann::json& checkpoint) {
  dir_.database().put(kCheckpoints, checkpoint_key(identity), checkpoint.dump());
}

std::optional<nlohmann::json> DeliveryJournal::checkpoint(const DeliveryIdentity& identity) const {
  const auto text = dir_.database().get(kCheckpoints, checkpoint_key(identity));
  if (!text) return std::nullopt;
  auto parsed = nlohmann::json::parse(*text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

std::function<void(std::function<void()>)> DeliveryJournal::when_synced(uint64_t generation) const {
  if (!sync_ || generation == 0) return nullptr;
  return [group = sync_, generation](std::function<void()> send) {
    group->when_synced(generation, std::move(send));
  };
}

}  // namespace kinesisd::delivery
