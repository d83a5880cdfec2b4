#include "cli/tail_command.hpp"

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <ext/stdio_sync_filebuf.h>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <thread>

#include "aws/credentials.hpp"
#include "aws/kinesis_client.hpp"
#include "cli/record_line.hpp"
#include "protocol/base64.hpp"

namespace kinesisd::cli {
namespace {

using nlohmann::json;

constexpr const char* kUsage =
    "usage: kinesisd tail STREAM|STREAM-ARN [--endpoint URL] [--region REGION]\n"
    "                     [--from latest|trim-horizon|TIME] [--json | --base64] [--count N]\n"
    "Prints the stream's records as they arrive, one line each: shard, sequence number,\n"
    "partition key, payload (text; base64: when it is not text). TIME: 2026-12-07T10:00:00Z\n"
    "or epoch seconds. Endpoint: --endpoint, $AWS_ENDPOINT_URL_KINESIS, $AWS_ENDPOINT_URL,\n"
    "http://localhost:4567. Ctrl-C ends it.\n";

struct Settings {
  std::string stream, endpoint, region;
  enum class From { kLatest, kTrimHorizon, kTime } from = From::kLatest;
  double from_seconds = 0;
  PayloadFormat format = PayloadFormat::kText;
  uint64_t count = 0;  // 0: until stopped
};

struct BadFlag {
  std::string message;
};

// Epoch seconds from "2026-12-07T10:00:00Z" (fraction optional) or a number.
std::optional<double> parse_time(const std::string& text) {
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size()) return seconds;
  std::tm tm{};
  const char* rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!rest) return std::nullopt;
  double fraction = 0;
  if (*rest == '.') {
    fraction = std::strtod(rest, &end);
    rest = end;
  }
  if (std::string_view(rest) != "Z") return std::nullopt;
  return static_cast<double>(timegm(&tm)) + fraction;
}

Settings parse(const std::vector<std::string>& args,
               const std::function<const char*(const char*)>& environment) {
  Settings s;
  const auto env = [&](const char* name) -> std::string {
    const char* v = environment(name);
    return v && *v ? v : "";
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw BadFlag{a + " needs a value"};
      return args[++i];
    };
    if (a == "--endpoint") {
      s.endpoint = value();
    } else if (a == "--region") {
      s.region = value();
    } else if (a == "--from") {
      const std::string& from = value();
      if (from == "latest" || from == "LATEST") {
        s.from = Settings::From::kLatest;
      } else if (from == "trim-horizon" || from == "TRIM_HORIZON") {
        s.from = Settings::From::kTrimHorizon;
      } else if (const auto t = parse_time(from)) {
        s.from = Settings::From::kTime;
        s.from_seconds = *t;
      } else {
        throw BadFlag{
            "--from takes latest, trim-horizon or a time (2026-12-07T10:00:00Z or "
            "epoch seconds), not '" +
            from + "'"};
      }
    } else if (a == "--json") {
      s.format = PayloadFormat::kJson;
    } else if (a == "--base64") {
      s.format = PayloadFormat::kBase64;
    } else if (a == "--count") {
      const std::string& n = value();
      char* end = nullptr;
      s.count = std::strtoull(n.c_str(), &end, 10);
      if (n.empty() || n[0] == '-' || end != n.c_str() + n.size() || s.count == 0)
        throw BadFlag{"--count takes a positive number, not '" + n + "'"};
    } else if (a.starts_with("-")) {
      throw BadFlag{"unknown flag " + a};
    } else if (s.stream.empty()) {
      s.stream = a;
    } else {
      throw BadFlag{"one stream only ('" + s.stream + "', then '" + a + "')"};
    }
  }
  if (s.stream.empty()) throw BadFlag{"which stream?"};
  if (s.endpoint.empty()) s.endpoint = env("AWS_ENDPOINT_URL_KINESIS");
  if (s.endpoint.empty()) s.endpoint = env("AWS_ENDPOINT_URL");
  if (s.endpoint.empty()) s.endpoint = "http://localhost:4567";
  while (s.endpoint.ends_with("/")) s.endpoint.pop_back();
  if (s.region.empty()) s.region = env("AWS_REGION");
  if (s.region.empty()) s.region = env("AWS_DEFAULT_REGION");
  if (s.region.empty()) s.region = "us-east-1";
  return s;
}

struct Failure {
  std::string message;
};

struct ShardInfo {
  std::string id;
  std::vector<std::string> parents;
  bool open = true;
};

class Tail {
 public:
  Tail(Settings settings, const std::function<const char*(const char*)>& environment,
       std::ostream& out, const std::atomic<bool>& stop)
      : s_(std::move(settings)),
        client_(s_.endpoint, s_.region, aws::Credentials::from_environment(environment)),
        out_(out),
        stop_(stop) {}

  void run() {
    const auto first = list_shards();
    for (const auto& shard : first) {
      // From LATEST, what was closed before is not read: its children are.
      if (s_.from == Settings::From::kLatest && !shard.open) finished_.insert(shard.id);
    }
    start_ready(first, /*initial=*/true);
    auto listed_at = std::chrono::steady_clock::now();
    while (!stop_) {
      bool relist = false, any = false;
      for (auto& [id, reader] : readers_) {
        if (reader.done || stop_) continue;
        const auto got = read(reader);
        any = any || got.records;
        relist = relist || reader.done;
        if (done()) return;
      }
      if (relist || std::chrono::steady_clock::now() - listed_at > std::chrono::seconds(1)) {
        start_ready(list_shards(), /*initial=*/false);
        listed_at = std::chrono::steady_clock::now();
      }
      if (!any) pause(std::chrono::milliseconds(200));
    }
  }

 private:
  struct Reader {
    std::string iterator;
    std::string last_sequence;  // to come back after an expired iterator
    json start;                 // the GetShardIterator input it started with
    bool done = false;
  };
  struct Read {
    bool records = false;
  };

  bool done() const { return s_.count && printed_ >= s_.count; }

  void pause(std::chrono::milliseconds how_long) {
    const auto until = std::chrono::steady_clock::now() + how_long;
    while (!stop_ && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  json with_stream(json input) const {
    if (s_.stream.starts_with("arn:"))
      input["StreamARN"] = s_.stream;
    else
      input["StreamName"] = s_.stream;
    return input;
  }

  aws::KinesisAnswer call(const std::string& operation, const json& input) {
    auto answer = client_.call(operation, input, stop_);
    if (answer.status == 0 && !stop_)
      throw Failure{"cannot reach " + client_.endpoint() + ": " + answer.message};
    return answer;
  }

  static Failure failure(const std::string& operation, const aws::KinesisAnswer& a) {
    return Failure{operation + ": " + (a.error_type.empty() ? "" : a.error_type + ": ") +
                   a.message};
  }

  std::vector<ShardInfo> list_shards() {
    std::vector<ShardInfo> shards;
    json input = with_stream(json::object());
    for (;;) {
      const auto answer = call("ListShards", input);
      if (stop_) return shards;
      if (!answer.ok()) throw failure("ListShards", answer);
      for (const auto& shard : answer.body.value("Shards", json::array())) {
        ShardInfo info;
        info.id = shard.value("ShardId", "");
        for (const char* key : {"ParentShardId", "AdjacentParentShardId"})
          if (shard.contains(key)) info.parents.push_back(shard[key].get<std::string>());
        info.open =
            !shard.value("SequenceNumberRange", json::object()).contains("EndingSequenceNumber");
        shards.push_back(std::move(info));
      }
      if (!answer.body.contains("NextToken")) return shards;
      input = json{{"NextToken", answer.body["NextToken"]}};
    }
  }

  // Starts every shard not read yet whose parents are read to their end (or
  // were never read: closed before a LATEST start, or past retention).
  void start_ready(const std::vector<ShardInfo>& shards, bool initial) {
    std::set<std::string> listed;
    for (const auto& shard : shards) listed.insert(shard.id);
    for (const auto& shard : shards) {
      if (readers_.count(shard.id) || finished_.count(shard.id)) continue;
      bool ready = true;
      for (const auto& parent : shard.parents)
        if (listed.count(parent) && !finished_.count(parent)) ready = false;
      if (!ready) continue;
      json start = with_stream(json{{"ShardId", shard.id}});
      if (s_.from == Settings::From::kTime) {
        start["ShardIteratorType"] = "AT_TIMESTAMP";
        start["Timestamp"] = s_.from_seconds;
      } else if (initial && s_.from == Settings::From::kLatest) {
        start["ShardIteratorType"] = "LATEST";
      } else {
        start["ShardIteratorType"] = "TRIM_HORIZON";  // a child: from its first record
      }
      Reader reader;
      reader.start = start;
      if (!open_iterator(reader)) continue;
      readers_.emplace(shard.id, std::move(reader));
    }
  }

  bool open_iterator(Reader& reader) {
    json input = reader.start;
    if (!reader.last_sequence.empty()) {
      input["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER";
      input["StartingSequenceNumber"] = reader.last_sequence;
      input.erase("Timestamp");
    }
    const auto answer = call("GetShardIterator", input);
    if (stop_) return false;
    if (!answer.ok()) throw failure("GetShardIterator", answer);
    reader.iterator = answer.body.value("ShardIterator", "");
    return !reader.iterator.empty();
  }

  Read read(Reader& reader) {
    Read result;
    const auto answer =
        call("GetRecords", json{{"ShardIterator", reader.iterator}, {"Limit", 1000}});
    if (stop_) return result;
    if (answer.error_type == "ExpiredIteratorException") {
      open_iterator(reader);
      return result;
    }
    if (answer.error_type == "ProvisionedThroughputExceededException" ||
        answer.error_type == "LimitExceededException")
      return result;  // read again on the next round
    if (!answer.ok()) throw failure("GetRecords", answer);
    const std::string shard_id = reader.start.value("ShardId", "");
    for (const auto& record : answer.body.value("Records", json::array())) {
      const std::string sequence = record.value("SequenceNumber", "");
      const auto data = protocol::base64_decode(record.value("Data", ""));
      out_ << record_line(shard_id, sequence, record.value("PartitionKey", ""), data.value_or(""),
                          s_.format)
           << '\n'
           << std::flush;
      if (!out_) throw Failure{"cannot write the output"};
      reader.last_sequence = sequence;
      result.records = true;
      if (++printed_ >= s_.count && s_.count) return result;
    }
    if (answer.body.contains("NextShardIterator") && answer.body["NextShardIterator"].is_string()) {
      reader.iterator = answer.body["NextShardIterator"].get<std::string>();
    } else {
      reader.done = true;  // closed and read to its end
      finished_.insert(shard_id);
    }
    return result;
  }

  Settings s_;
  aws::KinesisClient client_;
  std::ostream& out_;
  const std::atomic<bool>& stop_;
  std::map<std::string, Reader> readers_;
  std::set<std::string> finished_;
  uint64_t printed_ = 0;
};

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

}  // namespace

int run_tail(const std::vector<std::string>& args,
             const std::function<const char*(const char*)>& environment, std::ostream& out,
             std::ostream& err, const std::atomic<bool>& stop) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      out << kUsage;
      return 0;
    }
  Settings settings;
  try {
    settings = parse(args, environment);
  } catch (const BadFlag& e) {
    err << "kinesisd tail: " << e.message << "\n" << kUsage;
    return 2;
  }
  try {
    Tail(std::move(settings), environment, out, stop).run();
  } catch (const Failure& e) {
    err << "kinesisd tail: " << e.message << "\n";
    return 1;
  }
  return 0;
}

int tail_main(int argc, char** argv) {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::vector<std::string> args(argv + 1, argv + argc);
  // Streams over stdio, as std::cout and std::cerr are; without <iostream>,
  // whose initialisation would run at every start of the server too.
  __gnu_cxx::stdio_sync_filebuf<char> out_buffer(stdout), err_buffer(stderr);
  std::ostream out(&out_buffer), err(&err_buffer);
  err.setf(std::ios::unitbuf);
  return run_tail(args, std::getenv, out, err, g_stop);
}

}  // namespace kinesisd::cli
