// An example handler plugin against include/kinesisd/handler.h: an audit
// trail. For every record of every batch it appends one line to a file:
//
//   <receive time, ns since the epoch> <shardId:sequenceNumber> <partitionKey> <base64 data>
//
// Config ("config" of the handler in the kinesisd config file):
//   {"path": "/tmp/audit.log",       where to append (required)
//    "fail_partition_key": "poison"} optional: a batch holding a record with this
//                                    key is a function error (to try retries,
//                                    bisect and the on-failure destination)
//
// bench/handler_latency.py reads the file to measure put -> handler latency.
#include <kinesisd/handler.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct Audit {
  std::FILE* out = nullptr;
  std::string fail_key;
  std::mutex mu;
};

thread_local std::string g_error;  // init's error text outlives the call

void* audit_init(const char* config_json, const char** error_message) {
  const auto config = nlohmann::json::parse(config_json, nullptr, false);
  if (!config.is_object() || !config.contains("path") || !config["path"].is_string()) {
    g_error = "audit handler: config needs {\"path\": \"<file>\"}";
    *error_message = g_error.c_str();
    return nullptr;
  }
  auto* audit = new Audit;
  const auto path = config["path"].get<std::string>();
  audit->out = std::fopen(path.c_str(), "a");
  if (!audit->out) {
    g_error = "audit handler: cannot open " + path + ": " + std::strerror(errno);
    *error_message = g_error.c_str();
    delete audit;
    return nullptr;
  }
  if (config.contains("fail_partition_key") && config["fail_partition_key"].is_string())
    audit->fail_key = config["fail_partition_key"].get<std::string>();
  return audit;
}

int audit_invoke(void* instance, const char* event, size_t event_len, char** response,
                 size_t* response_len) {
  auto* audit = static_cast<Audit*>(instance);
  *response = nullptr;
  *response_len = 0;
  const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const auto doc = nlohmann::json::parse(event, event + event_len, nullptr, false);
  if (!doc.is_object() || !doc.contains("Records")) return KINESISD_HANDLER_FUNCTION_ERROR;
  std::string lines;
  bool poisoned = false;
  for (const auto& record : doc["Records"]) {
    const auto& k = record["kinesis"];
    const auto key = k["partitionKey"].get<std::string>();
    if (!audit->fail_key.empty() && key == audit->fail_key) poisoned = true;
    lines += std::to_string(now) + ' ' + record["eventID"].get<std::string>() + ' ' + key + ' ' +
             k["data"].get<std::string>() + '\n';
  }
  if (poisoned) {
    const std::string why = "{\"errorMessage\":\"poison record\",\"errorType\":\"Poison\"}";
    *response = static_cast<char*>(std::malloc(why.size()));
    std::memcpy(*response, why.data(), why.size());
    *response_len = why.size();
    return KINESISD_HANDLER_FUNCTION_ERROR;
  }
  std::lock_guard lock(audit->mu);
  std::fwrite(lines.data(), 1, lines.size(), audit->out);
  std::fflush(audit->out);
  return KINESISD_HANDLER_OK;
}

void audit_free(void*, char* response) { std::free(response); }

void audit_destroy(void* instance) {
  auto* audit = static_cast<Audit*>(instance);
  std::fclose(audit->out);
  delete audit;
}

const kinesisd_handler_v1 kTable = {
    KINESISD_HANDLER_ABI_VERSION, "audit", audit_init, audit_invoke, audit_free, audit_destroy};

}  // namespace

extern "C" const kinesisd_handler_v1* kinesisd_handler_entry(void) { return &kTable; }
