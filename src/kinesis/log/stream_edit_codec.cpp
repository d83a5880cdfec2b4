#include "kinesis/log/stream_edit_codec.hpp"

#include <stdexcept>

namespace kinesisd::log {
namespace {

using json = nlohmann::json;

json encode_range(const HashKeyRange& r) { return {to_decimal(r.start), to_decimal(r.end)}; }

HashKeyRange decode_range(const json& j) {
  const auto start = parse_hash_key(j.at(0).get<std::string>());
  const auto end = parse_hash_key(j.at(1).get<std::string>());
  if (!start || !end) throw std::runtime_error("a hash key range that is not two hash keys");
  return {*start, *end};
}

json encode_shard(const ShardSpec& s) {
  json j = {{"index", s.index}, {"range", encode_range(s.range)}, {"created_ms", s.created_ms}};
  if (s.parent) j["parent"] = *s.parent;
  if (s.adjacent_parent) j["adjacent_parent"] = *s.adjacent_parent;
  return j;
}

ShardSpec decode_shard(const json& j) {
  ShardSpec s;
  s.index = j.at("index").get<uint32_t>();
  s.range = decode_range(j.at("range"));
  s.created_ms = j.at("created_ms").get<int64_t>();
  if (j.contains("parent")) s.parent = j["parent"].get<uint32_t>();
  if (j.contains("adjacent_parent")) s.adjacent_parent = j["adjacent_parent"].get<uint32_t>();
  return s;
}

json encode_meta(const StreamMeta& m) {
  json j = {{"mode", to_string(m.mode)},
            {"retention_hours", m.retention_hours},
            {"encryption_type", m.encryption_type},
            {"key_id", m.key_id},
            {"max_record_size_kib", m.max_record_size_kib},
            {"distribution", to_string(m.distribution)},
            {"tags", m.tags},
            {"shard_level_metrics", m.shard_level_metrics},
            {"resource_policy", m.resource_policy},
            {"warm_throughput_mibps", m.warm_throughput_mibps},
            {"warm_throughput_previous_mibps", m.warm_throughput_previous_mibps},
            {"scalings_ms", m.scalings_ms},
            {"ready_at_ms", m.ready_at_ms},
            {"updating", m.updating},
            {"gone_at_ms", m.gone_at_ms}};
  if (m.deleting_at_ms) j["deleting_at_ms"] = *m.deleting_at_ms;
  return j;
}

StreamMode decode_mode(const json& j) {
  const auto s = j.get<std::string>();
  if (s == "ON_DEMAND") return StreamMode::kOnDemand;
  if (s == "PROVISIONED") return StreamMode::kProvisioned;
  throw std::runtime_error("an unknown stream mode " + s);
}

RecordDistribution decode_distribution(const json& j) {
  const auto s = j.get<std::string>();
  if (auto d = record_distribution_of(s)) return *d;
  throw std::runtime_error("an unknown record distribution " + s);
}

StreamMeta decode_meta(const json& j) {
  StreamMeta m;
  m.mode = decode_mode(j.at("mode"));
  m.retention_hours = j.at("retention_hours").get<int>();
  m.encryption_type = j.at("encryption_type").get<std::string>();
  m.key_id = j.at("key_id").get<std::string>();
  m.max_record_size_kib = j.at("max_record_size_kib").get<int>();
  // Directories written before record distribution existed have none.
  if (j.contains("distribution")) m.distribution = decode_distribution(j["distribution"]);
  m.tags = j.at("tags").get<Tags>();
  m.shard_level_metrics = j.at("shard_level_metrics").get<std::vector<std::string>>();
  m.resource_policy = j.at("resource_policy").get<std::string>();
  m.warm_throughput_mibps = j.at("warm_throughput_mibps").get<int>();
  m.warm_throughput_previous_mibps = j.at("warm_throughput_previous_mibps").get<int>();
  for (const auto& t : j.at("scalings_ms")) m.scalings_ms.push_back(t.get<int64_t>());
  m.ready_at_ms = j.at("ready_at_ms").get<int64_t>();
  m.updating = j.at("updating").get<bool>();
  m.gone_at_ms = j.at("gone_at_ms").get<int64_t>();
  if (j.contains("deleting_at_ms")) m.deleting_at_ms = j["deleting_at_ms"].get<int64_t>();
  return m;
}

json encode_consumer(const Consumer& c) {
  json j = {{"name", c.name},
            {"arn", c.arn},
            {"created_ms", c.created_ms},
            {"ready_at_ms", c.ready_at_ms},
            {"tags", c.tags},
            {"gone_at_ms", c.gone_at_ms}};
  if (c.deleting_at_ms) j["deleting_at_ms"] = *c.deleting_at_ms;
  if (!c.resource_policy.empty()) j["resource_policy"] = c.resource_policy;
  return j;
}

Consumer decode_consumer(const json& j) {
  Consumer c;
  c.name = j.at("name").get<std::string>();
  c.arn = j.at("arn").get<std::string>();
  c.created_ms = j.at("created_ms").get<int64_t>();
  c.ready_at_ms = j.at("ready_at_ms").get<int64_t>();
  c.tags = j.at("tags").get<Tags>();
  c.gone_at_ms = j.at("gone_at_ms").get<int64_t>();
  if (j.contains("deleting_at_ms")) c.deleting_at_ms = j["deleting_at_ms"].get<int64_t>();
  if (j.contains("resource_policy")) c.resource_policy = j["resource_policy"].get<std::string>();
  return c;
}

}  // namespace

json encode_edit(const StreamEdit& e) {
  json j = json::object();
  if (e.created) {
    json shards = json::array();
    for (const auto& s : e.created->shards) shards.push_back(encode_shard(s));
    j["created"] = {{"meta", encode_meta(e.created->meta)}, {"shards", std::move(shards)}};
  }
  if (e.deletion)
    j["deletion"] = {{"at_ms", e.deletion->at_ms}, {"gone_at_ms", e.deletion->gone_at_ms}};
  if (e.retention_hours) j["retention_hours"] = *e.retention_hours;
  if (e.mode) j["mode"] = to_string(*e.mode);
  if (e.encryption)
    j["encryption"] = {{"type", e.encryption->type}, {"key_id", e.encryption->key_id}};
  if (e.max_record_size_kib) j["max_record_size_kib"] = *e.max_record_size_kib;
  if (e.distribution) j["distribution"] = to_string(*e.distribution);
  if (e.shard_level_metrics) j["shard_level_metrics"] = *e.shard_level_metrics;
  if (e.resource_policy) j["resource_policy"] = *e.resource_policy;
  if (e.warm_throughput)
    j["warm_throughput"] = {{"target_mibps", e.warm_throughput->target_mibps},
                            {"previous_mibps", e.warm_throughput->previous_mibps}};
  if (e.scaling_at_ms) j["scaling_at_ms"] = *e.scaling_at_ms;
  if (!e.tags_added.empty()) j["tags_added"] = e.tags_added;
  if (!e.tags_removed.empty()) j["tags_removed"] = e.tags_removed;
  if (e.reshard) {
    json children = json::array();
    for (const auto& s : e.reshard->children) children.push_back(encode_shard(s));
    j["reshard"] = {{"parents", e.reshard->parents},
                    {"children", std::move(children)},
                    {"at_ms", e.reshard->at_ms}};
  }
  if (e.consumer_registered) j["consumer_registered"] = encode_consumer(*e.consumer_registered);
  if (e.consumer_deregistered)
    j["consumer_deregistered"] = {{"name", e.consumer_deregistered->name},
                                  {"at_ms", e.consumer_deregistered->at_ms},
                                  {"gone_at_ms", e.consumer_deregistered->gone_at_ms}};
  if (e.consumer_tags)
    j["consumer_tags"] = {{"name", e.consumer_tags->name},
                          {"added", e.consumer_tags->added},
                          {"removed", e.consumer_tags->removed}};
  if (e.consumer_policy)
    j["consumer_policy"] = {{"name", e.consumer_policy->name},
                            {"policy", e.consumer_policy->policy}};
  if (e.planned_reshard) {
    const auto& p = *e.planned_reshard;
    j["planned_reshard"] = {{"kind", static_cast<int>(p.kind)},
                            {"shard", p.shard},
                            {"other_shard", p.other_shard},
                            {"key", p.key},
                            {"target", p.target},
                            {"at_ms", p.at_ms}};
  }
  if (e.planned_reshard_done) j["planned_reshard_done"] = true;
  if (e.pending)
    j["pending"] = {{"ready_at_ms", e.pending->ready_at_ms}, {"updating", e.pending->updating}};
  return j;
}

StreamEdit decode_edit(const json& j) {
  if (!j.is_object()) throw std::runtime_error("an edit that is not an object");
  StreamEdit e;
  if (j.contains("created")) {
    StreamEdit::Creation c{decode_meta(j["created"].at("meta")), {}};
    for (const auto& s : j["created"].at("shards")) c.shards.push_back(decode_shard(s));
    e.created = std::move(c);
  }
  if (j.contains("deletion"))
    e.deletion = StreamEdit::Deletion{j["deletion"].at("at_ms").get<int64_t>(),
                                      j["deletion"].at("gone_at_ms").get<int64_t>()};
  if (j.contains("retention_hours")) e.retention_hours = j["retention_hours"].get<int>();
  if (j.contains("mode")) e.mode = decode_mode(j["mode"]);
  if (j.contains("encryption"))
    e.encryption = StreamEdit::Encryption{j["encryption"].at("type").get<std::string>(),
                                          j["encryption"].at("key_id").get<std::string>()};
  if (j.contains("max_record_size_kib"))
    e.max_record_size_kib = j["max_record_size_kib"].get<int>();
  if (j.contains("distribution")) e.distribution = decode_distribution(j["distribution"]);
  if (j.contains("shard_level_metrics"))
    e.shard_level_metrics = j["shard_level_metrics"].get<std::vector<std::string>>();
  if (j.contains("resource_policy")) e.resource_policy = j["resource_policy"].get<std::string>();
  if (j.contains("warm_throughput"))
    e.warm_throughput =
        StreamEdit::WarmThroughput{j["warm_throughput"].at("target_mibps").get<int>(),
                                   j["warm_throughput"].at("previous_mibps").get<int>()};
  if (j.contains("scaling_at_ms")) e.scaling_at_ms = j["scaling_at_ms"].get<int64_t>();
  if (j.contains("tags_added")) e.tags_added = j["tags_added"].get<Tags>();
  if (j.contains("tags_removed"))
    e.tags_removed = j["tags_removed"].get<std::vector<std::string>>();
  if (j.contains("reshard")) {
    StreamEdit::Reshard r;
    r.parents = j["reshard"].at("parents").get<std::vector<uint32_t>>();
    for (const auto& s : j["reshard"].at("children")) r.children.push_back(decode_shard(s));
    r.at_ms = j["reshard"].at("at_ms").get<int64_t>();
    e.reshard = std::move(r);
  }
  if (j.contains("consumer_registered"))
    e.consumer_registered = decode_consumer(j["consumer_registered"]);
  if (j.contains("consumer_deregistered"))
    e.consumer_deregistered = StreamEdit::ConsumerDeregistration{
        j["consumer_deregistered"].at("name").get<std::string>(),
        j["consumer_deregistered"].at("at_ms").get<int64_t>(),
        j["consumer_deregistered"].at("gone_at_ms").get<int64_t>()};
  if (j.contains("consumer_tags"))
    e.consumer_tags =
        StreamEdit::ConsumerTags{j["consumer_tags"].at("name").get<std::string>(),
                                 j["consumer_tags"].at("added").get<Tags>(),
                                 j["consumer_tags"].at("removed").get<std::vector<std::string>>()};
  if (j.contains("consumer_policy"))
    e.consumer_policy =
        StreamEdit::ConsumerPolicy{j["consumer_policy"].at("name").get<std::string>(),
                                   j["consumer_policy"].at("policy").get<std::string>()};
  if (j.contains("planned_reshard")) {
    const auto& p = j["planned_reshard"];
    const int kind = p.at("kind").get<int>();
    if (kind < 0 || kind > 2) throw std::runtime_error("an unknown planned reshard");
    e.planned_reshard =
        PlannedReshard{static_cast<PlannedReshard::Kind>(kind), p.at("shard").get<uint32_t>(),
                       p.at("other_shard").get<uint32_t>(),     p.at("key").get<std::string>(),
                       p.at("target").get<uint32_t>(),          p.at("at_ms").get<int64_t>()};
  }
  if (j.contains("planned_reshard_done")) e.planned_reshard_done = true;
  if (j.contains("pending"))
    e.pending = StreamEdit::Pending{j["pending"].at("ready_at_ms").get<int64_t>(),
                                    j["pending"].at("updating").get<bool>()};
  return e;
}

json encode_identity(const StreamIdentity& i) {
  return {{"id", i.id},
          {"region", i.region},
          {"account", i.account},
          {"name", i.name},
          {"created_ms", i.created_ms}};
}

StreamIdentity decode_identity(const json& j) {
  return {j.at("id").get<uint64_t>(), j.at("region").get<std::string>(),
          j.at("account").get<std::string>(), j.at("name").get<std::string>(),
          j.at("created_ms").get<int64_t>()};
}

}  // namespace kinesisd::log
