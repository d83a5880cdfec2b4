#include "kinesis/log/consumer.hpp"

namespace kinesisd::log {

const char* to_string(ConsumerStatus s) {
  switch (s) {
    case ConsumerStatus::kCreating:
      return "CREATING";
    case ConsumerStatus::kActive:
      return "ACTIVE";
    case ConsumerStatus::kDeleting:
      return "DELETING";
  }
  return "ACTIVE";
}

ConsumerStatus Consumer::status(int64_t now_ms) const {
  if (deleting_at_ms) return ConsumerStatus::kDeleting;
  return now_ms < ready_at_ms ? ConsumerStatus::kCreating : ConsumerStatus::kActive;
}

}  // namespace kinesisd::log
