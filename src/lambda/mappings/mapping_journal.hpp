// Where a data directory keeps the event source mappings (storage::Database,
// table "mappings", key: the UUID, value: {"region", "last_modified_ms",
// "request": the CreateEventSourceMapping body that reads back into the
// mapping's parameters}). Written by Create, Update and Delete; read once at
// start-up, before the config file's mappings, which then update the mapping
// they match (same stream and function) instead of making another.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lambda/poller/poller.hpp"
#include "storage/database.hpp"

namespace kinesisd::lambda {

class MappingJournal {
 public:
  explicit MappingJournal(storage::Database& db) : db_(db) {}

  void save(const poller::EventSourceMapping& mapping);
  void erase(const std::string& uuid);
  // Every recorded mapping, those kept for a handler not registered too
  // (/_kinesisd/reset).
  void clear();

  // Starts every recorded mapping whose handler is registered (one that is
  // not is logged and kept for the next start). Returns how many started.
  size_t restore(poller::Poller& poller) const;

 private:
  storage::Database& db_;
};

}  // namespace kinesisd::lambda
