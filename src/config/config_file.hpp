// The kinesisd config file (--config PATH; config/kinesisd.json documents it):
//   {"streams": [{"name": "ctr", "shards": 2, "mode": "PROVISIONED"}],
//    "handlers": {"<name>": {"type": "process" | "shared_library" | "http", ...}},
//    "event_source_mappings": [{"stream": "ctr", "handler": "enrich",
//                               <Lambda's CreateEventSourceMapping parameters>}],
//    "faults": [<fault rules, faults/fault_rule.hpp>],
//    "delivery_streams": [<CreateDeliveryStream inputs>],
//    "auth": "sigv4", "identities": [...], "kms_aliases": {"alias/NAME": "KEY-ID"}}
// A stream may say "limits": "aws" (AWS's throughput limits on it alone).
// Every section is optional. A mapping names its stream by "stream" (a name in
// kinesisd's region) or "EventSourceArn", and its handler by "handler" or
// "FunctionName". Any problem is a ConfigError naming the file, the key and
// the reason, and stops start-up.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kinesisd::config {

struct ConfigError : std::runtime_error {
  ConfigError(const std::string& path, const std::string& key, const std::string& reason)
      : std::runtime_error(path + ": " + (key.empty() ? "" : key + ": ") + reason) {}
};

struct StartupStream {
  std::string name;
  uint32_t shards = 1;
  bool on_demand = false;
  std::string region;   // "" = kinesisd's default region
  bool limits = false;  // "limits": "aws": AWS's limits on this stream
};

struct ConfigFile {
  std::string path;
  std::vector<StartupStream> streams;
  std::vector<std::pair<std::string, nlohmann::json>> handlers;  // name, spec
  // Each mapping as written: a CreateEventSourceMapping body where "stream"
  // and "handler" may stand for EventSourceArn and FunctionName
  // (lambda/mappings/config_mappings.hpp reads them).
  std::vector<nlohmann::json> mappings;
  // Fault rules as written (faults/fault_rule.hpp checks them at start-up).
  nlohmann::json faults = nlohmann::json::array();
  // Firehose delivery streams, each a CreateDeliveryStream input (checked
  // against the Firehose model at start-up).
  std::vector<nlohmann::json> delivery_streams;
  // --auth sigv4: "auth": "sigv4" and the identities (iam/identities.hpp reads them).
  std::string auth;
  nlohmann::json identities = nlohmann::json::array();
  // --auth sigv4: the KMS keys aliases stand for (iam/kms_aliases.hpp reads them).
  nlohmann::json kms_aliases = nlohmann::json::object();
  // The endpoints of the AWS services kinesisd calls (aws/endpoints.hpp):
  // "s3", "sqs", "sns" or "default" -> URL.
  std::map<std::string, std::string> endpoints;
};

// A stream name as CreateStream accepts it (the Kinesis model's constraint).
bool valid_stream_name(const std::string& name);

// Parses --streams "orders:4,ctr:2:us-west-2,audit" (name[:shards[:region]];
// shards default to `default_shards`, the region to kinesisd's). Throws
// ConfigError naming `source` (--streams, or an environment variable).
std::vector<StartupStream> parse_streams_flag(const std::string& text, uint32_t default_shards = 1,
                                              const std::string& source = "--streams");

// Reads and checks the file's shape. Throws ConfigError.
ConfigFile load_config(const std::string& path);
// The same from the file's text (`path` names it in errors).
ConfigFile parse_config(std::string_view text, const std::string& path);

}  // namespace kinesisd::config
