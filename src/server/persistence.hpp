// Where kinesisd keeps what it holds: in memory (bounded by --max-memory-mb),
// or in a data directory (--data-dir) whose journals the layers record into
// (stream edits and records, mappings, checkpoints, delivery streams and
// their records, the token key). One
// place decides which, so the layers only see their own interfaces.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "firehose/delivery/delivery_journal.hpp"
#include "kinesis/log/chunk_cache.hpp"
#include "kinesis/log/edit_journal.hpp"
#include "kinesis/log/memory_budget.hpp"
#include "kinesis/log/stream_store.hpp"
#include "lambda/mappings/mapping_journal.hpp"
#include "lambda/poller/checkpoint_journal.hpp"
#include "lambda/poller/poller.hpp"
#include "protocol/signed_token.hpp"
#include "storage/data_dir.hpp"
#include "storage/sync_group.hpp"

namespace kinesisd {

// Where records are kept, as the options (kinesisd/options.hpp) say.
struct StorageSettings {
  std::string data_dir;  // "" = in memory
  std::string durability = "process";
  uint64_t cache_mb = 256;
  uint64_t max_memory_mb = 0;
};

class Persistence {
 public:
  // Opens the data directory, if any. Throws storage::Error.
  explicit Persistence(const StorageSettings& options);
  ~Persistence();

  bool durable() const { return dir_ != nullptr; }
  // How each shard's log is made: segment files in the directory, or memory.
  log::LogFactory log_factory();
  // Shard iterators and page tokens are sealed with it: kept in the data
  // directory, so tokens issued before a restart stay valid.
  protocol::SignedToken::Key token_key();
  // Records the store's edits and brings its streams back. Returns how many.
  size_t attach(log::StreamStore& store);
  void attach(poller::Poller& poller);
  lambda::MappingJournal* mappings() { return mappings_.get(); }
  delivery::DeliveryJournal* deliveries() { return deliveries_.get(); }
  // The data directory's metadata (channels keep theirs there); null without one.
  storage::Database* database() { return dir_ ? &dir_->database() : nullptr; }

  const log::MemoryBudget* memory_budget() const { return budget_.get(); }
  log::MemoryBudget* memory_budget() { return budget_.get(); }
  uint64_t memory_limit_bytes() const { return budget_ ? budget_->limit() : 0; }
  const log::ChunkCache* cache() const { return cache_.get(); }

 private:
  std::unique_ptr<storage::DataDir> dir_;
  std::unique_ptr<storage::SyncGroup> sync_;   // --durability fsync
  std::unique_ptr<log::ChunkCache> cache_;     // --data-dir
  std::unique_ptr<log::MemoryBudget> budget_;  // without
  std::unique_ptr<log::EditJournal> edits_;
  std::unique_ptr<poller::CheckpointJournal> checkpoints_;
  std::unique_ptr<lambda::MappingJournal> mappings_;
  std::unique_ptr<delivery::DeliveryJournal> deliveries_;
};

}  // namespace kinesisd
