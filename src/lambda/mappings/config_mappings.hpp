// The event_source_mappings section of the config file: each entry is a
// CreateEventSourceMapping body, where "stream" (a stream name in the
// server's region) may stand for EventSourceArn and "handler" for
// FunctionName. Entries are checked key by key first, so a mistake names its
// key: config/kinesisd.json: event_source_mappings[0].BatchSize: ...
#pragma once

#include <string>

#include "config/config_file.hpp"
#include "lambda/mappings/mapping_journal.hpp"
#include "lambda/poller/poller.hpp"

namespace kinesisd::lambda {

// The CreateEventSourceMapping body of one entry (the `key`-th, named so in
// errors): "stream" and "handler" turned into EventSourceArn and
// FunctionName, every key one of the model's. Throws config::ConfigError.
nlohmann::json config_mapping_request(const std::string& path, const std::string& key,
                                      nlohmann::json entry, const std::string& region,
                                      const std::string& account_id);

// Creates every mapping of the file; one that a data directory brought back
// (same stream and function) is updated to the file's parameters instead,
// keeping its UUID and checkpoints. Throws config::ConfigError.
void create_config_mappings(const config::ConfigFile& file, poller::Poller& poller,
                            const std::string& region, const std::string& account_id,
                            MappingJournal* journal = nullptr);

}  // namespace kinesisd::lambda
