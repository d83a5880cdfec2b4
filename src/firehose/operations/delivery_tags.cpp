// TagDeliveryStream, UntagDeliveryStream and ListTagsForDeliveryStream: at
// most 50 tags per delivery stream (the Firehose API reference).
#include "firehose/operations/catalog.hpp"
#include "firehose/operations/definitions.hpp"

namespace kinesisd::firehose {

Output tag_delivery_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  auto& s = *found.value();
  std::vector<std::pair<std::string, std::string>> tags;
  for (const auto& t : in.at("Tags")) tags.emplace_back(t["Key"], t.value("Value", ""));
  auto current = s.tags();
  size_t total = current.size();
  for (const auto& tag : tags)
    if (std::none_of(current.begin(), current.end(),
                     [&](const auto& c) { return c.first == tag.first; }))
      ++total;
  if (total > 50) return errors::limit_exceeded("A delivery stream cannot have more than 50 tags.");
  s.tag(tags);
  record_state(ctx, s);
  return json::object();
}

Output untag_delivery_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  found.value()->untag(in.at("TagKeys").get<std::vector<std::string>>());
  record_state(ctx, *found.value());
  return json::object();
}

Output list_tags_for_delivery_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  const auto limit = static_cast<size_t>(in.value("Limit", 50));
  const std::string after = in.value("ExclusiveStartTagKey", "");
  json tags = json::array();
  bool more = false;
  for (const auto& [k, v] : found.value()->tags()) {
    if (!after.empty() && k <= after) continue;
    if (tags.size() == limit) {
      more = true;
      break;
    }
    tags.push_back({{"Key", k}, {"Value", v}});
  }
  return json{{"Tags", tags}, {"HasMoreTags", more}};
}

}  // namespace kinesisd::firehose
