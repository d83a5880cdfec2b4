// Tags on streams: AddTagsToStream, RemoveTagsFromStream, ListTagsForStream,
// and the ARN-addressed TagResource, UntagResource, ListTagsForResource, which
// also tag consumers and channels. At most 50 tags per resource; keys and values limited to Unicode
// letters, digits, white space and _ . / = + - @ (a '%' is refused with its own text).
#include "base/mutex.hpp"
#include "kinesis/channels/channel_registry.hpp"
#include "kinesis/operations/catalog.hpp"
#include "kinesis/operations/consumer_lookup.hpp"
#include "kinesis/operations/input.hpp"
#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {
namespace {

constexpr size_t kMaxTags = 50;

// The characters AWS takes in tag keys and values: ASCII letters, digits and
// _ . / = + - % @ and space, and the Unicode letters of U+00C0..U+1FFF and
// U+2C00..U+D7FF (kinesalite's actions/addTagsToStream.js, whose texts and
// cases in test/addTagsToStream.js were checked against AWS). A '%' passes
// this check and is refused with its own text.
bool allowed_ascii(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("_./=+-@% ").find(c) != std::string_view::npos;
}

bool allowed_text(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (!allowed_ascii(static_cast<char>(c))) return false;
      ++i;
      continue;
    }
    // A code point of two or three bytes (four-byte ones are past U+FFFF).
    // The request parsed as JSON, so the bytes are valid UTF-8.
    const size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    if (n == 4 || i + n > text.size()) return false;
    uint32_t cp = n == 2 ? c & 0x1f : c & 0x0f;
    for (size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
    if (!((cp >= 0xc0 && cp <= 0x1fff) || (cp >= 0x2c00 && cp <= 0xd7ff))) return false;
    i += n;
  }
  return true;
}

using log::Tags;

// A stream, a consumer or a channel: what the messages call it, its tags,
// and how they change (a stream edit; a channel keeps its own).
struct TagTarget {
  std::string kind;  // "stream", "consumer" or "channel"
  std::string name;
  std::string account;
  std::shared_ptr<log::Stream> stream;
  bool consumer = false;  // the consumer `name` of `stream`
  int64_t now_ms = 0;
  std::shared_ptr<channels::Channel> channel{};

  Tags read() const {
    if (channel) return channel->tags();
    if (!consumer) return stream->meta().tags;
    auto c = stream->consumer(name, now_ms);
    return c ? c->tags : Tags{};
  }
  log::StreamEdit edit(Tags added, std::vector<std::string> removed) const {
    log::StreamEdit e;
    if (consumer) {
      e.consumer_tags = log::StreamEdit::ConsumerTags{name, std::move(added), std::move(removed)};
    } else {
      e.tags_added = std::move(added);
      e.tags_removed = std::move(removed);
    }
    return e;
  }
  void write(const Context& ctx, Tags added, std::vector<std::string> removed) const {
    if (channel)
      channel->change_tags(added, removed);
    else
      ctx.store.apply(stream, edit(std::move(added), std::move(removed)));
  }
};

TagTarget stream_target(const std::shared_ptr<log::Stream>& stream) {
  return {"stream", stream->name(), stream->account(), stream, false, 0};
}

TagTarget consumer_target(const FoundConsumer& found, int64_t now_ms) {
  return {"consumer", found.consumer.name, found.stream->account(), found.stream, true, now_ms};
}

// The IA error for a bad key or value, if any; `verb` is "add tags to" or
// "remove tags from".
std::optional<Error> tag_text_problem(const std::vector<std::string>& texts,
                                      const TagTarget& target, const char* verb) {
  for (const auto& t : texts)
    if (!allowed_text(t))
      return errors::invalid_argument(
          "Some tags contain invalid characters. Valid characters: Unicode letters, digits, "
          "white space, _ . / = + - % @.");
  for (const auto& t : texts)
    if (t.find('%') != std::string::npos)
      return errors::invalid_argument(
          std::string("Failed to ") + verb + " " + target.kind + " " + target.name +
          " under account " + target.account +
          " because some tags contained illegal characters. The allowed characters are Unicode "
          "letters, white-spaces, '_',',','/','=','+','-','@'.");
  return std::nullopt;
}

Output add_tags(const Context& ctx, const TagTarget& target, const json& tags) {
  std::vector<std::string> texts;
  for (const auto& [k, v] : tags.items()) {
    texts.push_back(k);
    texts.push_back(v.get<std::string>());
  }
  if (auto e = tag_text_problem(texts, target, "add tags to")) return *e;
  // One writer at a time, so the count below holds (a channel counts under
  // its own lock: change_tags).
  std::optional<base::MutexLock> editing;
  if (target.stream) editing.emplace(target.stream->edit_mutex());
  const Tags current = target.read();
  size_t total = current.size();
  for (const auto& [k, v] : tags.items())
    if (!current.count(k)) ++total;
  if (total > kMaxTags)
    return errors::invalid_argument("Failed to add tags to " + target.kind + " " + target.name +
                                    " under account " + target.account + " because a given " +
                                    target.kind + " cannot have more than " +
                                    std::to_string(kMaxTags) + " tags associated with it.");
  Tags added;
  for (const auto& [k, v] : tags.items()) added[k] = v.get<std::string>();
  target.write(ctx, std::move(added), {});
  return json(nullptr);
}

Output remove_tags(const Context& ctx, const TagTarget& target, const json& keys) {
  auto list = keys.get<std::vector<std::string>>();
  if (auto e = tag_text_problem(list, target, "remove tags from")) return *e;
  target.write(ctx, {}, std::move(list));
  return json(nullptr);
}

// ResourceARN names a stream, a consumer or a channel.
protocol::Outcome<TagTarget> resource(const Context& ctx, const json& in) {
  const auto arn = in.at("ResourceARN").get<std::string>();
  if (arn.find(":channel/") != std::string::npos) {
    auto channel = ctx.channels ? ctx.channels->find(arn) : nullptr;
    if (!channel || channel->definition().account != ctx.account() ||
        channel->definition().region != ctx.region)
      return errors::resource_not_found("Channel " + arn + " under account " + ctx.account() +
                                        " not found.");
    TagTarget t{"channel", channel->definition().name, ctx.account(), nullptr, false, ctx.now_ms};
    t.channel = std::move(channel);
    return t;
  }
  if (protocol::parse_consumer_arn(arn)) {
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
  return add_tags(ctx, stream_target(found.value()), in.at("Tags"));
}

Output remove_tags_from_stream(Context& ctx, const json& in) {
  auto found = find_stream(ctx, in);
  if (!found.ok()) return found.error();
  return remove_tags(ctx, stream_target(found.value()), in.at("TagKeys"));
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
  return add_tags(ctx, found.value(), in.at("Tags"));
}

Output untag_resource(Context& ctx, const json& in) {
  auto found = resource(ctx, in);
  if (!found.ok()) return found.error();
  return remove_tags(ctx, found.value(), in.at("TagKeys"));
}

Output list_tags_for_resource(Context& ctx, const json& in) {
  auto found = resource(ctx, in);
  if (!found.ok()) return found.error();
  json tags = json::array();
  for (const auto& [k, v] : found.value().read()) tags.push_back({{"Key", k}, {"Value", v}});
  return json{{"Tags", std::move(tags)}};
}

}  // namespace kinesisd::operations
