#include "firehose/delivery/http_delivery.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "buckets/codecs.hpp"
#include "network/http_client.hpp"
#include "protocol/base64.hpp"
#include "protocol/response.hpp"

namespace kinesisd::delivery {
namespace {

using nlohmann::json;

// One attempt's answer for each record still to deliver: "" when it went in.
struct Attempt {
  std::vector<std::pair<std::string, std::string>> errors;  // code, message per record
};

Attempt all_failed(size_t n, const std::string& code, const std::string& message) {
  return Attempt{std::vector<std::pair<std::string, std::string>>(n, {code, message})};
}

Attempt post_to_endpoint(const HttpDestination& d, const std::string& source_arn,
                         const std::vector<const HttpRecord*>& records, const log::Clock& clock,
                         const std::atomic<bool>& cancel) {
  const std::string request_id = protocol::new_request_id();
  json body{{"requestId", request_id}, {"timestamp", clock.now_ms()}, {"records", json::array()}};
  for (const auto* r : records)
    body["records"].push_back({{"data", protocol::base64_encode(r->data)}});
  network::HttpRequest post;
  post.url = d.url;
  post.body = body.dump();
  post.headers = {{"Content-Type", "application/json"},
                  {"X-Amz-Firehose-Protocol-Version", "1.0"},
                  {"X-Amz-Firehose-Request-Id", request_id},
                  {"X-Amz-Firehose-Source-Arn", source_arn}};
  if (!d.access_key.empty()) post.headers.emplace_back("X-Amz-Firehose-Access-Key", d.access_key);
  if (!d.common_attributes.empty()) {
    json attributes = json::object();
    for (const auto& [name, value] : d.common_attributes) attributes[name] = value;
    post.headers.emplace_back("X-Amz-Firehose-Common-Attributes",
                              json{{"commonAttributes", attributes}}.dump());
  }
  if (d.gzip) {
    post.body = buckets::gzip(post.body);
    post.headers.emplace_back("Content-Encoding", "gzip");
  }
  const auto reply = network::fetch(std::move(post), cancel);
  if (reply.status == 0)
    return all_failed(records.size(), "HttpEndpoint.ConnectionFailed", reply.error);
  if (reply.status != 200)
    return all_failed(records.size(), "HttpEndpoint.DestinationException",
                      "The endpoint answered HTTP " + std::to_string(reply.status) + ": " +
                          reply.body.substr(0, 512));
  const auto answer = json::parse(reply.body, nullptr, false);
  if (!answer.is_object() || answer.value("requestId", "") != request_id)
    return all_failed(
        records.size(), "HttpEndpoint.InvalidResponseFromDestination",
        "The endpoint's answer does not name the request's requestId " + request_id + ".");
  return Attempt{std::vector<std::pair<std::string, std::string>>(records.size())};
}

Attempt post_bulk(const HttpDestination& d, const std::vector<const HttpRecord*>& records,
                  const std::atomic<bool>& cancel) {
  std::string body;
  for (const auto* r : records) {
    json action{{"_index", rotated_index(d.index, d.rotation, r->arrival_ms)}, {"_id", r->id}};
    if (!d.type_name.empty()) action["_type"] = d.type_name;
    body += json{{"index", action}}.dump() + "\n";
    std::string doc = r->data;
    while (!doc.empty() && (doc.back() == '\n' || doc.back() == '\r')) doc.pop_back();
    body += doc + "\n";
  }
  std::string url = d.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  network::HttpRequest bulk;
  bulk.url = url + "/_bulk";
  bulk.headers = {{"Content-Type", "application/x-ndjson"}};
  bulk.body = body;
  const auto reply = network::fetch(std::move(bulk), cancel);
  if (reply.status == 0) return all_failed(records.size(), "OS.ConnectionFailed", reply.error);
  if (reply.status < 200 || reply.status > 299)
    return all_failed(records.size(), "OS.ServerError",
                      "The domain answered HTTP " + std::to_string(reply.status) + ": " +
                          reply.body.substr(0, 512));
  const auto answer = json::parse(reply.body, nullptr, false);
  const auto* items = answer.is_object() && answer.contains("items") && answer["items"].is_array()
                          ? &answer["items"]
                          : nullptr;
  if (!items || items->size() != records.size())
    return all_failed(records.size(), "OS.InvalidResponse",
                      "The domain's _bulk answer does not list one item per document.");
  Attempt out{std::vector<std::pair<std::string, std::string>>(records.size())};
  for (size_t i = 0; i < records.size(); ++i) {
    const json& item = (*items)[i];
    const json& result = item.is_object() && !item.empty() ? item.begin().value() : item;
    const int status = result.is_object() ? result.value("status", 0) : 0;
    if (status >= 200 && status <= 299) continue;
    const json error = result.is_object() ? result.value("error", json::object()) : json::object();
    out.errors[i] = {error.is_object() ? error.value("type", std::string("OS.Error")) : "OS.Error",
                     error.is_object() ? error.value("reason", error.dump()) : error.dump()};
    if (out.errors[i].first.empty()) out.errors[i].first = "OS.Error";
  }
  return out;
}

}  // namespace

std::string rotated_index(const std::string& index, const std::string& rotation, int64_t ms) {
  const std::time_t t = ms / 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  const char* format = rotation == "OneHour"    ? "-%Y-%m-%d-%H"
                       : rotation == "OneDay"   ? "-%Y-%m-%d"
                       : rotation == "OneWeek"  ? "-%G-%V"
                       : rotation == "OneMonth" ? "-%Y-%m"
                                                : "";
  char buf[32] = {};
  if (*format) std::strftime(buf, sizeof buf, format, &tm);
  return index + buf;
}

HttpOutcome deliver_over_http(const HttpDestination& destination,
                              const std::string& delivery_stream_arn,
                              const std::vector<HttpRecord>& records, const log::Clock& clock,
                              const std::atomic<bool>& cancel, const RetryWait& wait) {
  HttpOutcome out;
  std::vector<size_t> pending(records.size());
  for (size_t i = 0; i < records.size(); ++i) pending[i] = i;
  const int64_t deadline = clock.now_ms() + destination.retry_s * 1000;
  std::vector<std::pair<std::string, std::string>> last(records.size());
  auto backoff = std::chrono::milliseconds(200);
  while (!pending.empty()) {
    std::vector<const HttpRecord*> batch;
    for (size_t i : pending) batch.push_back(&records[i]);
    ++out.attempts;
    const Attempt attempt =
        destination.kind == HttpDestination::Kind::kHttpEndpoint
            ? post_to_endpoint(destination, delivery_stream_arn, batch, clock, cancel)
            : post_bulk(destination, batch, cancel);
    std::vector<size_t> still;
    for (size_t k = 0; k < pending.size(); ++k)
      if (!attempt.errors[k].first.empty()) {
        still.push_back(pending[k]);
        last[pending[k]] = attempt.errors[k];
      }
    pending = std::move(still);
    if (pending.empty() || cancel.load() || clock.now_ms() >= deadline) break;
    if (!wait(out.attempts, backoff)) break;
    backoff = std::min(backoff * 2, std::chrono::milliseconds(3000));
  }
  for (size_t i : pending)
    out.failed.push_back(
        {i, last[i].first, last[i].second,
         destination.kind == HttpDestination::Kind::kHttpEndpoint
             ? std::string()
             : rotated_index(destination.index, destination.rotation, records[i].arrival_ms)});
  return out;
}

}  // namespace kinesisd::delivery
