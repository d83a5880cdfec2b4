#include "console/console_endpoint.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "console/console_assets.hpp"
#include "console/console_tail.hpp"
#include "kinesis/log/sequence_number.hpp"
#include "protocol/arn.hpp"
#include "protocol/auth.hpp"
#include "protocol/query_string.hpp"

namespace kinesisd::service {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using protocol::ApiRequest;
using protocol::ApiResponse;

constexpr std::string_view kApi = "/console/api/";
constexpr size_t kMaxFailuresListed = 500;

ApiResponse json_response(int status, const json& body) {
  ApiResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body.dump();
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

ApiResponse refused(const protocol::Error& e) {
  return json_response(e.status == 400 ? 403 : e.status,
                       json{{"__type", e.type}, {"message", e.message}});
}

ApiResponse not_found(std::string message) {
  return json_response(404, json{{"message", std::move(message)}});
}

ApiResponse asset(const ConsoleAsset& a) {
  ApiResponse r;
  r.content_type = std::string(a.content_type);
  r.body = std::string(a.body);
  // Everything the page loads comes from this server: no CDN, no inline script.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                         "frame-ancestors 'none'; base-uri 'none'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

std::string param(const ApiRequest& request, std::string_view key) {
  return protocol::query_param(request.query, key).value_or("");
}

// A file the on-failure destination wrote: a plain name, no path.
bool plain_name(std::string_view name) {
  return !name.empty() && name.size() <= 255 && name[0] != '.' &&
         name.find('/') == std::string_view::npos && name.find('\\') == std::string_view::npos &&
         name.ends_with(".json");
}

}  // namespace

bool ConsoleEndpoint::matches(const ApiRequest& r) {
  return (r.method == "GET" || r.method == "HEAD") &&
         (r.path == "/console" || r.path.starts_with("/console/"));
}

ApiResponse ConsoleEndpoint::handle(const ApiRequest& request) const {
  if (request.path == "/console") {
    ApiResponse r;
    r.status = 302;
    r.headers.emplace_back("Location", "/console/");
    return r;
  }
  if (request.path.starts_with(kApi)) {
    const std::string_view what = request.path.substr(kApi.size());
    if (what == "server") return server();
    if (what == "mappings") return mappings(request);
    if (what == "failures") return failures(request);
    if (what == "failure") return failure(request);
    if (what == "tail") return tail(request);
    return not_found("No console API " + std::string(request.path));
  }
  for (const auto& a : console_assets())
    if (a.path == request.path) return asset(a);
  return not_found("No console page " + std::string(request.path));
}

protocol::Outcome<ConsoleEndpoint::Scope> ConsoleEndpoint::allowed(
    const ApiRequest& request, const std::string& action,
    const std::function<std::string(const Scope&)>& resource_of) const {
  auto credentials = protocol::authenticate(request);
  const bool scoped = credentials.ok() && !credentials.value().region.empty();
  Scope scope{scoped ? credentials.value().region : info_.region, info_.account_id};
  if (!authorizer_) return scope;
  if (!credentials.ok()) return credentials.error();
  auto identity = authorizer_->verify(request);
  if (!identity.ok()) return identity.error();
  scope.account = identity.value()->account_id;
  if (auto denied =
          authorizer_->authorize(*identity.value(), action, resource_of(scope),
                                 Authorizer::context(*identity.value(), request, scope.region)))
    return *denied;
  return scope;
}

ApiResponse ConsoleEndpoint::server() const {
  return json_response(200, json{{"version", KINESISD_VERSION},
                                 {"region", info_.region},
                                 {"account_id", info_.account_id},
                                 {"limits", info_.limits ? "aws" : "off"},
                                 {"faults", info_.faults},
                                 {"firehose_s3", info_.firehose_s3},
                                 {"auth", info_.auth ? "sigv4" : "off"},
                                 {"data_dir", info_.data_dir},
                                 {"durability", info_.data_dir.empty() ? "" : info_.durability}});
}

ApiResponse ConsoleEndpoint::mappings(const ApiRequest& request) const {
  auto ok = allowed(request, "lambda:ListEventSourceMappings",
                    [](const Scope&) { return std::string("*"); });
  if (!ok.ok()) return refused(ok.error());
  json out = json::array();
  for (const auto& mapping : poller_.list()) {
    if (mapping->account() != ok.value().account) continue;  // another account's
    const auto config = mapping->config();
    json shards = json::array();
    for (const auto& s : mapping->shard_status())
      shards.push_back({{"shard_id", s.shard_id},
                        {"checkpoint", s.last_sequence_number},
                        {"records_behind", s.records_behind},
                        {"millis_behind", s.millis_behind},
                        {"invocations", s.invocations},
                        {"function_errors", s.function_errors},
                        {"records_processed", s.records_processed},
                        {"records_filtered", s.records_filtered},
                        {"records_dead_lettered", s.records_dead_lettered},
                        {"last_error", s.last_error},
                        {"finished", s.finished}});
    // MetricsConfig EventCount: the mapping's counts, its shards summed.
    json event_count = nullptr;
    if (config && config->event_count_metrics) {
      uint64_t polled = 0, filtered = 0, invoked = 0, failed = 0, dropped = 0, delivered = 0;
      for (const auto& s : mapping->shard_status()) {
        polled += s.polled_events;
        filtered += s.records_filtered;
        invoked += s.invoked_events;
        failed += s.failed_invoke_events;
        dropped += s.dropped_events;
        delivered += s.destination_delivered_events;
      }
      event_count = {
          {"PolledEventCount", polled},   {"FilteredOutEventCount", filtered},
          {"InvokedEventCount", invoked}, {"FailedInvokeEventCount", failed},
          {"DroppedEventCount", dropped}, {"OnFailureDestinationDeliveredEventCount", delivered}};
    }
    json on_failure = nullptr;
    if (config && config->on_failure)
      on_failure = {{"destination", config->on_failure->text()},
                    {"directory", config->on_failure->directory()}};
    out.push_back({{"uuid", mapping->uuid()},
                   {"region", mapping->region()},
                   {"handler", mapping->handler_name()},
                   {"on_failure", std::move(on_failure)},
                   {"event_count", std::move(event_count)},
                   {"shards", std::move(shards)}});
  }
  return json_response(200, json{{"mappings", std::move(out)}});
}

std::optional<ApiResponse> ConsoleEndpoint::failure_directory(const ApiRequest& request,
                                                              std::string& directory) const {
  const std::string uuid = param(request, "uuid");
  auto ok = allowed(request, "lambda:GetEventSourceMapping", [&](const Scope& scope) {
    return protocol::mapping_arn(scope.region, scope.account, uuid);
  });
  if (!ok.ok()) return refused(ok.error());
  const auto mapping = poller_.find(uuid);
  if (!mapping || mapping->account() != ok.value().account)
    return not_found("No event source mapping " + uuid);
  const auto config = mapping->config();
  directory = config && config->on_failure ? config->on_failure->directory() : "";
  return std::nullopt;
}

ApiResponse ConsoleEndpoint::failures(const ApiRequest& request) const {
  std::string directory;
  if (auto refusal = failure_directory(request, directory)) return std::move(*refusal);
  if (directory.empty())
    return json_response(200, json{{"directory", ""}, {"files", json::array()}});
  struct Entry {
    std::string name;
    uint64_t size;
    int64_t modified_ms;
  };
  std::vector<Entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!plain_name(name) || !it->is_regular_file(ec)) continue;
    const auto modified = it->last_write_time(ec);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::file_clock::to_sys(modified).time_since_epoch())
                        .count();
    entries.push_back({name, static_cast<uint64_t>(it->file_size(ec)), ms});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.modified_ms != b.modified_ms ? a.modified_ms > b.modified_ms : a.name > b.name;
  });
  json files = json::array();
  for (size_t i = 0; i < entries.size() && i < kMaxFailuresListed; ++i)
    files.push_back({{"name", entries[i].name},
                     {"size", entries[i].size},
                     {"modified_ms", entries[i].modified_ms}});
  return json_response(200,
                       json{{"directory", directory}, {"files", files}, {"total", entries.size()}});
}

ApiResponse ConsoleEndpoint::failure(const ApiRequest& request) const {
  std::string directory;
  if (auto refusal = failure_directory(request, directory)) return std::move(*refusal);
  const std::string name = param(request, "name");
  if (!plain_name(name) || directory.empty()) return not_found("No on-failure record " + name);
  std::ifstream in(fs::path(directory) / name, std::ios::binary);
  if (!in) return not_found("No on-failure record " + name);
  std::ostringstream text;
  text << in.rdbuf();
  ApiResponse r;
  r.content_type = "application/json";
  r.body = std::move(text).str();
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

ApiResponse ConsoleEndpoint::tail(const ApiRequest& request) const {
  const std::string name = param(request, "stream");
  // ?region= picks the stream's region (else the signature's): the
  // permission asked is for that very stream.
  const std::string asked_region = param(request, "region");
  auto ok = allowed(request, "kinesis:GetRecords", [&](const Scope& scope) {
    return protocol::stream_arn(asked_region.empty() ? scope.region : asked_region, scope.account,
                                name);
  });
  if (!ok.ok()) return refused(ok.error());
  const std::string region = asked_region.empty() ? ok.value().region : asked_region;
  const std::string& account = ok.value().account;
  const auto stream = store_.find(account, region, name);
  if (!stream) return not_found("Stream " + name + " under account " + account + " not found.");
  const std::string shard_id = param(request, "shard");
  const auto shard = stream->find_shard(shard_id);
  if (!shard) return not_found("Could not find shard " + shard_id + " in stream " + name + ".");
  // Resume after the last record the browser saw (its reconnect sends
  // Last-Event-ID), or after ?after=SEQ; otherwise from the tip (LATEST).
  std::string after(request.header("Last-Event-ID"));
  if (after.empty()) after = param(request, "after");
  uint64_t position = shard->latest();
  if (!after.empty()) {
    const auto sequence = log::SequenceNumber::parse(after);
    if (!sequence || sequence->shard_index != shard->starting_sequence().shard_index)
      return json_response(400, json{{"message", "after: not a sequence number of " + shard_id}});
    position = std::min(sequence->counter, shard->latest());
  }
  ApiResponse r;
  r.content_type = std::string(ConsoleTail::kContentType);
  r.headers.emplace_back("Cache-Control", "no-store");
  r.streamed = std::make_shared<ConsoleTail>(clock_, stream, shard, position);
  return r;
}

}  // namespace kinesisd::service
