// A record as the poller holds it between reading the shard and invoking the
// handler: an owned copy, since the shard's views do not outlive the read.
#pragma once

#include <cstdint>
#include <string>

namespace kinesisd::poller {

struct PolledRecord {
  uint64_t position = 0;
  std::string sequence_number;
  std::string partition_key;
  std::string data;
  int64_t arrival_ms = 0;
  bool encrypted = false;
};

}  // namespace kinesisd::poller
