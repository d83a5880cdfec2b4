#include "server/persistence.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "kinesis/log/disk_shard_log.hpp"
#include "kinesis/log/memory_shard_log.hpp"
#include "kinesis/log/shard.hpp"

namespace kinesisd {
namespace {

// Half of what this machine (or the container's memory cgroup) has.
uint64_t default_memory_limit() {
  uint64_t total = static_cast<uint64_t>(::sysconf(_SC_PHYS_PAGES)) *
                   static_cast<uint64_t>(::sysconf(_SC_PAGE_SIZE));
  for (const char* cgroup :
       {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
    std::ifstream in(cgroup);
    uint64_t limit = 0;
    if (in >> limit && limit > 0 && limit < total) total = limit;
  }
  return total / 2;
}

}  // namespace

Persistence::Persistence(const StorageSettings& options) {
  if (options.data_dir.empty()) {
    const uint64_t limit =
        options.max_memory_mb ? options.max_memory_mb << 20 : default_memory_limit();
    budget_ = std::make_unique<log::MemoryBudget>(limit);
    return;
  }
  const auto durability =
      options.durability == "fsync" ? storage::Durability::kFsync : storage::Durability::kProcess;
  dir_ = std::make_unique<storage::DataDir>(options.data_dir, durability);
  if (durability == storage::Durability::kFsync) sync_ = std::make_unique<storage::SyncGroup>();
  cache_ = std::make_unique<log::ChunkCache>(options.cache_mb << 20);
  edits_ = std::make_unique<log::EditJournal>(dir_->database());
  checkpoints_ = std::make_unique<poller::CheckpointJournal>(dir_->database());
  mappings_ = std::make_unique<lambda::MappingJournal>(dir_->database());
  deliveries_ = std::make_unique<delivery::DeliveryJournal>(*dir_, cache_.get(), sync_.get());
}

Persistence::~Persistence() = default;

log::LogFactory Persistence::log_factory() {
  if (!dir_)
    return [budget = budget_.get()](const log::ShardLogId&) {
      return std::make_unique<log::MemoryShardLog>(budget);
    };
  return [this](const log::ShardLogId& id) -> std::unique_ptr<log::ShardLog> {
    log::DiskLogSettings settings;
    settings.directory = dir_->shard_directory(id.region, id.stream, id.stream_id,
                                               log::shard_id_for(id.shard_index));
    settings.id = id;
    settings.cache = cache_.get();
    settings.sync = sync_.get();
    return std::make_unique<log::DiskShardLog>(std::move(settings));
  };
}

protocol::SignedToken::Key Persistence::token_key() {
  protocol::SignedToken::Key key;
  if (dir_)
    if (auto kept = dir_->database().get("settings", "token_key");
        kept && kept->size() == key.size()) {
      std::copy(kept->begin(), kept->end(), key.begin());
      return key;
    }
  std::random_device random;
  for (auto& byte : key) byte = static_cast<unsigned char>(random());
  if (dir_)
    dir_->database().put("settings", "token_key",
                         std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  return key;
}

size_t Persistence::attach(log::StreamStore& store) {
  if (!dir_) return 0;
  store.persist(edits_.get(), [dir = dir_.get()](const log::StreamIdentity& s) {
    dir->remove_stream(s.region, s.name, s.id);
  });
  store.set_sync_group(sync_.get());
  return store.restore();
}

void Persistence::attach(poller::Poller& poller) {
  if (checkpoints_) poller.persist(checkpoints_.get());
}

}  // namespace kinesisd
