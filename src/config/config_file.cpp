#include "config/config_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "protocol/model.hpp"
#include "protocol/validator.hpp"

namespace kinesisd::config {
using json = nlohmann::json;

bool valid_stream_name(const std::string& name) {
  const auto* create = protocol::Model::kinesis().input("CreateStream");
  return !protocol::validate_input(*create, json{{"StreamName", name}, {"ShardCount", 1}});
}

std::vector<StartupStream> parse_streams_flag(const std::string& text, uint32_t default_shards,
                                              const std::string& source) {
  std::vector<StartupStream> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? text.size() + 1 : comma + 1;
    if (item.empty()) continue;
    StartupStream s;
    s.shards = default_shards;
    const size_t colon = item.find(':');
    s.name = item.substr(0, colon);
    if (!valid_stream_name(s.name))
      throw ConfigError(source, s.name, "is not a stream name (1 to 128 of a-z A-Z 0-9 _ . -)");
    if (colon != std::string::npos) {
      std::string count = item.substr(colon + 1);
      if (const size_t second = count.find(':'); second != std::string::npos) {
        s.region = count.substr(second + 1);
        count.resize(second);
        if (s.region.empty() || s.region.find(':') != std::string::npos)
          throw ConfigError(source, s.name, "expected name[:shards[:region]]");
      }
      if (!count.empty() || s.region.empty()) {  // "name::region" keeps the default count
        char* end = nullptr;
        const long n = std::strtol(count.c_str(), &end, 10);
        if (count.empty() || *end != '\0' || n < 1 || n > 10000)
          throw ConfigError(source, s.name, "shard count must be 1 to 10000 (got '" + count + "')");
        s.shards = static_cast<uint32_t>(n);
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

StartupStream read_stream(const std::string& path, const std::string& key, const json& s) {
  if (!s.is_object()) throw ConfigError(path, key, "must be an object");
  StartupStream st;
  if (!s.contains("name") || !s["name"].is_string() ||
      !valid_stream_name(s["name"].get<std::string>()))
    throw ConfigError(path, key + ".name", "must be a stream name: 1 to 128 of a-z A-Z 0-9 _ . -");
  st.name = s["name"].get<std::string>();
  if (s.contains("shards")) {
    if (!s["shards"].is_number_integer() || s["shards"].get<int64_t>() < 1 ||
        s["shards"].get<int64_t>() > 10000)
      throw ConfigError(path, key + ".shards", "must be an integer between 1 and 10000");
    st.shards = s["shards"].get<uint32_t>();
  }
  if (s.contains("mode")) {
    const auto mode = s["mode"].is_string() ? s["mode"].get<std::string>() : "";
    if (mode != "PROVISIONED" && mode != "ON_DEMAND")
      throw ConfigError(path, key + ".mode", "must be PROVISIONED or ON_DEMAND");
    st.on_demand = mode == "ON_DEMAND";
    if (st.on_demand && !s.contains("shards")) st.shards = 4;
  }
  if (s.contains("limits")) {
    const auto limits = s["limits"].is_string() ? s["limits"].get<std::string>() : "";
    if (limits != "aws" && limits != "off")
      throw ConfigError(path, key + ".limits", "must be aws or off");
    st.limits = limits == "aws";
  }
  for (const auto& [k, _] : s.items())
    if (k != "name" && k != "shards" && k != "mode" && k != "limits")
      throw ConfigError(path, key + "." + k, "unknown key (expected name, shards, mode, limits)");
  return st;
}

void read_streams(const std::string& path, const json& streams, ConfigFile& c) {
  if (!streams.is_array()) throw ConfigError(path, "streams", "must be a list");
  for (size_t i = 0; i < streams.size(); ++i)
    c.streams.push_back(read_stream(path, "streams[" + std::to_string(i) + "]", streams[i]));
}

void read_handlers(const std::string& path, const json& handlers, ConfigFile& c) {
  if (!handlers.is_object()) throw ConfigError(path, "handlers", "must be an object by name");
  for (const auto& [name, spec] : handlers.items()) c.handlers.emplace_back(name, spec);
}

void read_mappings(const std::string& path, const json& mappings, ConfigFile& c) {
  if (!mappings.is_array()) throw ConfigError(path, "event_source_mappings", "must be a list");
  for (const auto& m : mappings) c.mappings.push_back(m);
}

void read_faults(const std::string& path, const json& faults, ConfigFile& c) {
  if (!faults.is_array()) throw ConfigError(path, "faults", "must be a list of fault rules");
  c.faults = faults;
}

void read_delivery_streams(const std::string& path, const json& streams, ConfigFile& c) {
  if (!streams.is_array())
    throw ConfigError(path, "delivery_streams", "must be a list of CreateDeliveryStream inputs");
  for (size_t i = 0; i < streams.size(); ++i) {
    if (!streams[i].is_object())
      throw ConfigError(path, "delivery_streams[" + std::to_string(i) + "]", "must be an object");
    c.delivery_streams.push_back(streams[i]);
  }
}

void read_auth(const std::string& path, const json& auth, ConfigFile& c) {
  if (auth != "sigv4" && auth != "off") throw ConfigError(path, "auth", "must be sigv4 or off");
  c.auth = auth.get<std::string>();
}

void read_identities(const std::string& path, const json& identities, ConfigFile& c) {
  if (!identities.is_array()) throw ConfigError(path, "identities", "must be a list");
  c.identities = identities;
}

void read_kms_aliases(const std::string& path, const json& aliases, ConfigFile& c) {
  if (!aliases.is_object()) throw ConfigError(path, "kms_aliases", "must be an object");
  c.kms_aliases = aliases;
}

void read_endpoints(const std::string& path, const json& endpoints, ConfigFile& c) {
  if (!endpoints.is_object()) throw ConfigError(path, "endpoints", "must be an object");
  for (const auto& [service, url] : endpoints.items()) {
    if (service != "s3" && service != "sqs" && service != "sns" && service != "default")
      throw ConfigError(path, "endpoints." + service,
                        "unknown service (expected s3, sqs, sns, default)");
    if (!url.is_string()) throw ConfigError(path, "endpoints." + service, "must be a URL string");
    c.endpoints[service] = url.get<std::string>();
  }
}

// The sections of the file, each read by its own function.
struct Section {
  const char* name;
  void (*read)(const std::string& path, const json& value, ConfigFile& out);
};
constexpr Section kSections[] = {
    {"streams", read_streams},
    {"handlers", read_handlers},
    {"event_source_mappings", read_mappings},
    {"faults", read_faults},
    {"delivery_streams", read_delivery_streams},
    {"auth", read_auth},
    {"identities", read_identities},
    {"kms_aliases", read_kms_aliases},
    {"endpoints", read_endpoints},
};

}  // namespace

ConfigFile load_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path, "", "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path);
}

ConfigFile parse_config(std::string_view text, const std::string& path) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number overflow
    throw ConfigError(path, "", std::string("is not valid JSON: ") + e.what());
  }
  if (!doc.is_object()) throw ConfigError(path, "", "must hold a JSON object");
  ConfigFile c;
  c.path = path;
  for (const auto& item : doc.items()) {
    const std::string& key = item.key();
    const auto* section = std::find_if(std::begin(kSections), std::end(kSections),
                                       [&](const Section& s) { return key == s.name; });
    if (section == std::end(kSections)) {
      std::string names;
      for (const auto& s : kSections) names += (names.empty() ? "" : ", ") + std::string(s.name);
      throw ConfigError(path, key, "unknown section (expected " + names + ")");
    }
  }
  for (const auto& section : kSections)
    if (doc.contains(section.name)) section.read(path, doc[section.name], c);
  return c;
}

}  // namespace kinesisd::config
