// Tags on streams: AddTagsToStream, RemoveTagsFromStream, ListTagsForStream,
// and the ARN-addressed TagResource, UntagResource, ListTagsForResource, which
// also tag consumers. At most 50 tags per resource; keys and values limited to Unicode letters,
// digits, white space and _ . / = + - @ : (a '%' is refused with its own text).
#include <functional>

#include "operations/catalog.hpp"
#include "operations/consumer_lookup.hpp"
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

using Tags = std::map<std::string, std::string>;

// A stream or a consumer: what the messages call it, and its tags under the
// stream's lock.
struct TagTarget {
  std::string kind;  // "stream" or "consumer"
  std::string name;
  std::string account;
  std::function<void(const std::function<void(Tags&)>&)> update;
  std::function<Tags()> read;
};

TagTarget stream_target(const std::shared_ptr<log::Stream>& stream) {
  return {"stream", stream->name(), stream->account(),
          [stream](const std::function<void(Tags&)>& f) {
            stream->update_meta([&](log::StreamMeta& meta) { f(meta.tags); });
          },
          [stream] { return stream->meta().tags; }};
}

TagTarget consumer_target(const FoundConsumer& found, int64_t now_ms) {
  auto stream = found.stream;
  const auto name = found.consumer.name;
  return {"consumer", name, stream->account(),
          [stream, name, now_ms](const std::function<void(Tags&)>& f) {
            stream->update_consumer(name, now_ms, [&](log::Consumer& c) { f(c.tags); });
          },
          [stream, name, now_ms] {
            auto c = stream->consumer(name, now_ms);
            return c ? c->tags : Tags{};
          }};
}

// The IA error for a bad key or value, if any; `verb` is "add tags to" or
// "remove tags from".
std::optional<Error> tag_text_problem(const std::vector<std::string>& texts,
                                      const TagTarget& target, const char* verb) {
  for (const auto& t : texts)
    for (unsigned char c : t)
      if (!allowed_char(c))
        return errors::invalid_argument(
            "Some tags contain invalid characters. Valid characters: Unicode letters, digits, "
            "white space, _ . / = + - % @ :.");
  for (const auto& t : texts)
    if (t.find('%') != std::string::npos)
      return errors::invalid_argument(
          std::string("Failed to ") + verb + " " + target.kind + " " + target.name +
          " under account " + target.account +
          " because some tags contained illegal characters. The allowed characters are Unicode "
          "letters, white-spaces, '_',',','/','=','+','-','@',':'.");
  return std::nullopt;
}

Output add_tags(const TagTarget& target, const json& tags) {
  std::vector<std::string> texts;
  for (const auto& [k, v] : tags.items()) {
    texts.push_back(k);
    texts.push_back(v.get<std::string>());
  }
  if (auto e = tag_text_problem(texts, target, "add tags to")) return *e;
  std::optional<Error> refused;
  target.update([&](Tags& current) {
    size_t total = current.size();
    for (const auto& [k, v] : tags.items())
      if (!current.count(k)) ++total;
    if (total > kMaxTags) {
      refused = errors::invalid_argument(
          "Failed to add tags to " + target.kind + " " + target.name + " under account " +
          target.account + " because a given " + target.kind + " cannot have more than " +
          std::to_string(kMaxTags) + " tags associated with it.");
      return;
    }
    for (const auto& [k, v] : tags.items()) current[k] = v.get<std::string>();
  });
  if (refused) return *refused;
  return json(nullptr);
}

Output remove_tags(const TagTarget& target, const json& keys) {
  const auto list = keys.get<std::vector<std::string>>();
  if (auto e = tag_text_problem(list, target, "remove tags from")) return *e;
  target.update([&](Tags& current) {
    for (const auto& k : list) current.erase(k);
  });
  return json(nullptr);
}

// ResourceARN names a stream or a consumer.
protocol::Outcome<TagTarget> resource(const Context& ctx, const json& in) {
  const auto arn = in.at("ResourceARN").get<std::string>();
  if (log::parse_consumer_arn(arn)) {
    auto found = find_consumer_by_arn(ctx, arn);
    if (!found.ok()) return found.error();
    return consumer_target(found.value(), ctx.now_ms);
  }
  auto found = find_stream(ctx, json{{"StreamARN", arn}});
  if (!found.ok()) return found.error();
  return stream_target(found.value());
}

}  // namespace

Output add_tags_to_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  return add_tags(stream_target(found.value()), in.at("Tags"));
}

Output remove_tags_from_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  return remove_tags(stream_target(found.value()), in.at("TagKeys"));
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
  auto found = resource(ctx, in);
  if (!found.ok()) return found.error();
  return add_tags(found.value(), in.at("Tags"));
}

Output untag_resource(Context& ctx, const json& in) {
  auto found = resource(ctx, in);
  if (!found.ok()) return found.error();
  return remove_tags(found.value(), in.at("TagKeys"));
}

Output list_tags_for_resource(Context& ctx, const json& in) {
  auto found = resource(ctx, in);
  if (!found.ok()) return found.error();
  json tags = json::array();
  for (const auto& [k, v] : found.value().read()) tags.push_back({{"Key", k}, {"Value", v}});
  return json{{"Tags", std::move(tags)}};
}

}  // namespace kinesisd::operations
