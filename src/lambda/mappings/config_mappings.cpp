#include "lambda/mappings/config_mappings.hpp"

#include <algorithm>

#include "lambda/mappings/event_source_mappings.hpp"
#include "lambda/mappings/mapping_request.hpp"
#include "protocol/arn.hpp"
#include "protocol/model.hpp"

namespace kinesisd::lambda {
namespace {

using config::ConfigError;
using json = nlohmann::json;

}  // namespace

json config_mapping_request(const std::string& path, const std::string& key, json m,
                            const std::string& region, const std::string& account_id) {
  if (!m.is_object()) throw ConfigError(path, key, "must be an object");
  if (m.contains("stream")) {
    if (!m["stream"].is_string() || !config::valid_stream_name(m["stream"].get<std::string>()))
      throw ConfigError(path, key + ".stream", "must be a stream name");
    if (m.contains("EventSourceArn"))
      throw ConfigError(path, key, "give either stream or EventSourceArn, not both");
    m["EventSourceArn"] = protocol::stream_arn(region, account_id, m["stream"].get<std::string>());
    m.erase("stream");
  }
  if (m.contains("handler")) {
    if (!m["handler"].is_string()) throw ConfigError(path, key + ".handler", "must be a string");
    if (m.contains("FunctionName"))
      throw ConfigError(path, key, "give either handler or FunctionName, not both");
    m["FunctionName"] = m["handler"];
    m.erase("handler");
  }
  if (!m.contains("EventSourceArn"))
    throw ConfigError(path, key, "names no stream (\"stream\" or \"EventSourceArn\")");
  if (!m.contains("FunctionName"))
    throw ConfigError(path, key, "names no handler (\"handler\" or \"FunctionName\")");
  const auto* shape = protocol::Model::lambda().input("CreateEventSourceMapping");
  for (const auto& item : m.items()) {
    const std::string& k = item.key();
    const bool known = std::any_of(shape->members.begin(), shape->members.end(),
                                   [&](const auto& member) { return member.name == k; });
    if (!known)
      throw ConfigError(path, key + "." + k,
                        "unknown key (mapping keys are Lambda's CreateEventSourceMapping "
                        "parameters, plus stream and handler)");
  }
  return m;
}

namespace {

// Each parameter on its own, so the message names the key.
void check_each_parameter(const std::string& path, const std::string& key, const json& body,
                          int64_t now_ms) {
  for (const auto& [k, v] : body.items()) {
    if (k == "EventSourceArn" || k == "StartingPosition" || k == "FunctionName") continue;
    json one = {{"EventSourceArn", body["EventSourceArn"]},
                {"FunctionName", body["FunctionName"]},
                {"StartingPosition", "LATEST"},
                {k, v}};
    if (k == "StartingPositionTimestamp") one["StartingPosition"] = "AT_TIMESTAMP";
    poller::MappingConfig scratch;
    if (auto e = read_mapping_request(one, RequestKind::kCreate, scratch, now_ms))
      throw ConfigError(path, key + "." + k, e->message);
  }
}

}  // namespace

void create_config_mappings(const config::ConfigFile& file, poller::Poller& poller,
                            const std::string& region, const std::string& account_id,
                            MappingJournal* journal) {
  for (size_t i = 0; i < file.mappings.size(); ++i) {
    const std::string key = "event_source_mappings[" + std::to_string(i) + "]";
    const auto body = config_mapping_request(file.path, key, file.mappings[i], region, account_id);
    const int64_t now = poller.store().clock().now_ms();
    check_each_parameter(file.path, key, body, now);
    Context ctx{poller, region, now, journal};
    const auto existing =
        poller.find_same(account_id, body["EventSourceArn"].get<std::string>(),
                         handler_name_of(body["FunctionName"].get<std::string>()));
    Output out = nlohmann::json(nullptr);
    if (existing) {  // brought back by the data directory: the file says how it runs now
      nlohmann::json update = body;
      for (const char* k : {"EventSourceArn", "StartingPosition", "StartingPositionTimestamp"})
        update.erase(k);
      out = update_event_source_mapping(ctx, existing->uuid(), update);
    } else {
      out = create_event_source_mapping(ctx, body);
    }
    if (!out.ok()) throw ConfigError(file.path, key, out.error().type + ": " + out.error().message);
  }
}

}  // namespace kinesisd::lambda
