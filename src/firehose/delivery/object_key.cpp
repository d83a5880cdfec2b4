#include "firehose/delivery/object_key.hpp"

#include <ctime>
#include <random>

#include "protocol/response.hpp"

namespace kinesisd::delivery {
namespace {

std::tm utc(int64_t ms) {
  const std::time_t t = ms / 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

// Java's DateTimeFormatter letters Firehose's examples use: yyyy, yy, MM, dd,
// HH, mm, ss; anything else is copied.
std::string java_date(const std::string& pattern, int64_t ms) {
  const std::tm tm = utc(ms);
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    size_t run = 1;
    while (i + run < pattern.size() && pattern[i + run] == pattern[i]) ++run;
    char buf[16];
    const char c = pattern[i];
    auto two = [&](int v) {
      std::snprintf(buf, sizeof buf, "%02d", v);
      out += buf;
    };
    if (c == 'y' && run >= 4) {
      std::snprintf(buf, sizeof buf, "%04d", tm.tm_year + 1900);
      out += buf;
    } else if (c == 'y') {
      two((tm.tm_year + 1900) % 100);
    } else if (c == 'M') {
      two(tm.tm_mon + 1);
    } else if (c == 'd') {
      two(tm.tm_mday);
    } else if (c == 'H') {
      two(tm.tm_hour);
    } else if (c == 'm') {
      two(tm.tm_min);
    } else if (c == 's') {
      two(tm.tm_sec);
    } else {
      out.append(pattern, i, run);
    }
    i += run;
  }
  return out;
}

std::string random_string(size_t n) {
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 rng(std::random_device{}());
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kChars[rng() % 36];
  return out;
}

std::string name(const std::string& stream, int version, int64_t ms) {
  return stream + "-" + std::to_string(version) + "-" + java_date("yyyy-MM-dd-HH-mm-ss", ms) + "-" +
         protocol::new_request_id();
}

std::string with_time(const std::string& prefix, int64_t ms, const std::string& error_type) {
  std::string out = evaluate_prefix(prefix, ms, error_type);
  if (prefix.find("!{timestamp:") == std::string::npos) out += java_date("yyyy/MM/dd/HH/", ms);
  return out;
}

}  // namespace

std::string evaluate_prefix(const std::string& prefix, int64_t ms, const std::string& error_type) {
  std::string out;
  for (size_t i = 0; i < prefix.size();) {
    if (prefix.compare(i, 2, "!{") == 0) {
      const size_t end = prefix.find('}', i);
      if (end != std::string::npos) {
        const std::string expr = prefix.substr(i + 2, end - i - 2);
        if (expr.rfind("timestamp:", 0) == 0)
          out += java_date(expr.substr(10), ms);
        else if (expr == "firehose:random-string")
          out += random_string(11);
        else if (expr == "firehose:error-output-type")
          out += error_type;
        else
          out.append(prefix, i, end - i + 1);
        i = end + 1;
        continue;
      }
    }
    out += prefix[i++];
  }
  return out;
}

std::optional<std::string> partition_prefix(const std::string& prefix,
                                            const PartitionKeys& from_query,
                                            const PartitionKeys& from_lambda,
                                            std::string& missing) {
  static constexpr std::string_view kQuery = "!{partitionKeyFromQuery:";
  static constexpr std::string_view kLambda = "!{partitionKeyFromLambda:";
  std::string out;
  for (size_t i = 0; i < prefix.size();) {
    const bool query = prefix.compare(i, kQuery.size(), kQuery) == 0;
    const bool lambda = !query && prefix.compare(i, kLambda.size(), kLambda) == 0;
    const size_t end = query || lambda ? prefix.find('}', i) : std::string::npos;
    if (end == std::string::npos) {
      out += prefix[i++];
      continue;
    }
    const size_t start = i + (query ? kQuery.size() : kLambda.size());
    const std::string name = prefix.substr(start, end - start);
    const PartitionKeys& keys = query ? from_query : from_lambda;
    const auto it = keys.find(name);
    if (it == keys.end()) {
      missing = std::string(query ? "partitionKeyFromQuery:" : "partitionKeyFromLambda:") + name;
      return std::nullopt;
    }
    out += it->second;
    i = end + 1;
  }
  return out;
}

std::string partitioned_object_key(const std::string& partition_prefix, const std::string& stream,
                                   int version, int64_t oldest_arrival_ms) {
  return evaluate_prefix(partition_prefix, oldest_arrival_ms, "") +
         name(stream, version, oldest_arrival_ms);
}

std::string object_key(const std::string& prefix, const std::string& stream, int version,
                       int64_t oldest_arrival_ms) {
  return with_time(prefix, oldest_arrival_ms, "") + name(stream, version, oldest_arrival_ms);
}

std::string error_object_key(const std::string& error_prefix, const std::string& error_type,
                             const std::string& stream, int version, int64_t oldest_arrival_ms) {
  const std::string prefix = error_prefix.empty() ? error_type + "/" : error_prefix;
  return with_time(prefix, oldest_arrival_ms, error_type) +
         name(stream, version, oldest_arrival_ms);
}

}  // namespace kinesisd::delivery
