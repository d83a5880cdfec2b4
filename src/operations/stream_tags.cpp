// Tags on streams: AddTagsToStream, RemoveTagsFromStream, ListTagsForStream,
// and the ARN-addressed TagResource, UntagResource, ListTagsForResource.
// At most 50 tags per stream; keys and values limited to Unicode letters,
// digits, white space and _ . / = + - @ : (a '%' is refused with its own text).
#include "operations/catalog.hpp"
#include "operations/input.hpp"
#include "operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

constexpr size_t kMaxTags = 50;

bool allowed_char(unsigned char c) {
  if (c >= 0x80) return true;  // part of a non-ASCII (Unicode letter) sequence
  if (std::isalnum(c)) return true;
  switch (c) {
    case ' ':
    case '_':
    case '.':
    case '/':
    case '=':
    case '+':
    case '-':
    case '@':
    case ':':
    case '%':
      return true;
    default:
      return false;
  }
}

// The IA error for a bad key or value, if any; `verb` is "add tags to" or
// "remove tags from".
std::optional<Error> tag_text_problem(const std::vector<std::string>& texts,
                                      const log::Stream& stream, const char* verb) {
  for (const auto& t : texts)
    for (unsigned char c : t)
      if (!allowed_char(c))
        return errors::invalid_argument(
            "Some tags contain invalid characters. Valid characters: Unicode letters, digits, "
            "white space, _ . / = + - % @ :.");
  for (const auto& t : texts)
    if (t.find('%') != std::string::npos)
      return errors::invalid_argument(
          std::string("Failed to ") + verb + " stream " + stream.name() + " under account " +
          stream.account() +
          " because some tags contained illegal characters. The allowed characters are Unicode "
          "letters, white-spaces, '_',',','/','=','+','-','@',':'.");
  return std::nullopt;
}

Output add_tags(log::Stream& stream, const json& tags) {
  std::vector<std::string> texts;
  for (const auto& [k, v] : tags.items()) {
    texts.push_back(k);
    texts.push_back(v.get<std::string>());
  }
  if (auto e = tag_text_problem(texts, stream, "add tags to")) return *e;
  std::optional<Error> refused;
  stream.update_meta([&](log::StreamMeta& meta) {
    size_t total = meta.tags.size();
    for (const auto& [k, v] : tags.items())
      if (!meta.tags.count(k)) ++total;
    if (total > kMaxTags) {
      refused = errors::invalid_argument("Failed to add tags to stream " + stream.name() +
                                         " under account " + stream.account() +
                                         " because a given stream cannot have more than " +
                                         std::to_string(kMaxTags) + " tags associated with it.");
      return;
    }
    for (const auto& [k, v] : tags.items()) meta.tags[k] = v.get<std::string>();
  });
  if (refused) return *refused;
  return json(nullptr);
}

Output remove_tags(log::Stream& stream, const json& keys) {
  const auto list = keys.get<std::vector<std::string>>();
  if (auto e = tag_text_problem(list, stream, "remove tags from")) return *e;
  stream.update_meta([&](log::StreamMeta& meta) {
    for (const auto& k : list) meta.tags.erase(k);
  });
  return json(nullptr);
}

protocol::Outcome<std::shared_ptr<log::Stream>> stream_of_resource(const Context& ctx,
                                                                   const json& in) {
  const auto arn = in.at("ResourceARN").get<std::string>();
  return find_stream(ctx, json{{"StreamARN", arn}});
}

}  // namespace

Output add_tags_to_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  return add_tags(*found.value(), in.at("Tags"));
}

Output remove_tags_from_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  return remove_tags(*found.value(), in.at("TagKeys"));
}

Output list_tags_for_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  const auto meta = found.value()->meta();
  const auto start = opt_string(in, "ExclusiveStartTagKey");
  const auto limit = static_cast<size_t>(opt_int(in, "Limit").value_or(kMaxTags));
  json tags = json::array();
  bool more = false;
  for (const auto& [k, v] : meta.tags) {  // std::map: sorted by key
    if (start && k <= *start) continue;
    if (tags.size() == limit) {
      more = true;
      break;
    }
    tags.push_back({{"Key", k}, {"Value", v}});
  }
  return json{{"Tags", std::move(tags)}, {"HasMoreTags", more}};
}

Output tag_resource(Context& ctx, const json& in) {
  auto found = stream_of_resource(ctx, in);
  if (!found.ok()) return found.error();
  return add_tags(*found.value(), in.at("Tags"));
}

Output untag_resource(Context& ctx, const json& in) {
  auto found = stream_of_resource(ctx, in);
  if (!found.ok()) return found.error();
  return remove_tags(*found.value(), in.at("TagKeys"));
}

Output list_tags_for_resource(Context& ctx, const json& in) {
  auto found = stream_of_resource(ctx, in);
  if (!found.ok()) return found.error();
  json tags = json::array();
  for (const auto& [k, v] : found.value()->meta().tags) tags.push_back({{"Key", k}, {"Value", v}});
  return json{{"Tags", std::move(tags)}};
}

}  // namespace kinesisd::operations
