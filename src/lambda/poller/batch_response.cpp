#include "lambda/poller/batch_response.hpp"

#include <nlohmann/json.hpp>

namespace kinesisd::poller {

BatchVerdict read_batch_response(std::string_view payload, bool report_item_failures,
                                 std::span<const PolledRecord> batch) {
  using Kind = BatchVerdict::Kind;
  if (!report_item_failures) return {};
  const auto doc = nlohmann::json::parse(payload, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return {};
  const auto it = doc.find("batchItemFailures");
  if (it == doc.end() || it->is_null()) return {};
  if (!it->is_array()) return {Kind::kFailure, 0};
  if (it->empty()) return {};
  size_t lowest = batch.size();
  for (const auto& item : *it) {
    if (!item.is_object()) return {Kind::kFailure, 0};
    const auto id = item.find("itemIdentifier");
    if (id == item.end() || !id->is_string() || id->get_ref<const std::string&>().empty())
      return {Kind::kFailure, 0};
    const auto& seq = id->get_ref<const std::string&>();
    size_t found = batch.size();
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].sequence_number == seq) {
        found = i;
        break;
      }
    }
    if (found == batch.size()) return {Kind::kFailure, 0};
    lowest = std::min(lowest, found);
  }
  return {Kind::kPartial, lowest};
}

}  // namespace kinesisd::poller
