// kinesisd: parses the command line (and KINESISD_* environment variables),
// starts the server, and stops it gracefully on SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <system_error>

#include "config/config_file.hpp"
#include "kinesisd/server.hpp"
#include "observability/log_format.hpp"

namespace {

struct Flag {
  std::string help;
  std::function<void(const std::string&)> set;
};

template <class T>
std::function<void(const std::string&)> number(T& target, const std::string& name) {
  return [&target, name](const std::string& v) {
    try {
      size_t used = 0;
      const long long n = std::stoll(v, &used);
      if (used != v.size() || n < 0) throw std::invalid_argument(v);
      target = static_cast<T>(n);
    } catch (const std::exception&) {
      throw std::runtime_error("--" + name + " expects a non-negative integer, got '" + v + "'");
    }
  };
}

std::string env_name(const std::string& flag) {
  std::string out = "KINESISD_";
  for (char c : flag) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(c)));
  return out;
}

void usage(const std::map<std::string, Flag>& flags) {
  std::cout << "Usage: kinesisd [--flag value]...\n"
               "A local Amazon Kinesis Data Streams emulator.\n\n";
  for (const auto& [name, flag] : flags)
    std::cout << "  --" << name << std::string(name.size() < 20 ? 20 - name.size() : 1, ' ')
              << flag.help << " (env " << env_name(name) << ")\n";
  std::cout << "  --help                this text\n";
}

// Every flag, by name: its help text and what it sets.
std::map<std::string, Flag> flag_table(kinesisd::Options& o, std::string& port_file,
                                       std::string& log_format) {
  return {
      {"host", {"address to listen on [127.0.0.1]", [&](const std::string& v) { o.host = v; }}},
      {"port", {"port to listen on, 0 picks a free one [4567]", number(o.port, "port")}},
      {"region",
       {"region when a request names none [us-east-1]",
        [&](const std::string& v) { o.region = v; }}},
      {"account-id",
       {"account id in ARNs and messages [000000000000]",
        [&](const std::string& v) { o.account_id = v; }}},
      {"create-stream-ms",
       {"time a stream stays CREATING [500]", number(o.create_stream_ms, "create-stream-ms")}},
      {"delete-stream-ms",
       {"time a stream stays DELETING [500]", number(o.delete_stream_ms, "delete-stream-ms")}},
      {"update-stream-ms",
       {"time a stream stays UPDATING [500]", number(o.update_stream_ms, "update-stream-ms")}},
      {"shard-limit",
       {"open shards allowed per region [500]", number(o.shard_limit, "shard-limit")}},
      {"threads", {"I/O threads, 0 = one per core [0]", number(o.threads, "threads")}},
      {"config",
       {"config file: streams, handlers, event source mappings (see config/kinesisd.json)",
        [&](const std::string& v) { o.config_path = v; }}},
      {"streams",
       {"streams to create at start-up, ACTIVE before the ready line: name:shards[,...]",
        [&](const std::string& v) { o.streams = v; }}},
      {"port-file",
       {"write the port here once listening (with --port 0, for parallel jobs)",
        [&](const std::string& v) { port_file = v; }}},
      {"test-clock",
       {"1 serves POST /_kinesisd/clock {\"advance_ms\": N} to move time (tests only) [0]",
        [&](const std::string& v) { o.test_clock = v == "1" || v == "true"; }}},
      {"tls",
       {"1 serves TLS (HTTP/1.1 and h2 by ALPN) on the same port as plain HTTP [1]",
        [&](const std::string& v) { o.tls = v == "1" || v == "true"; }}},
      {"tls-cert",
       {"PEM certificate chain for TLS (with --tls-key); default: a generated localhost one",
        [&](const std::string& v) { o.tls_cert = v; }}},
      {"tls-key", {"PEM private key for --tls-cert", [&](const std::string& v) { o.tls_key = v; }}},
      {"tls-cert-out",
       {"where the generated certificate is written [<temp dir>/kinesisd-<port>.crt]",
        [&](const std::string& v) { o.tls_cert_out = v; }}},
      {"data-dir",
       {"keep streams, records and mappings here across restarts [none: in memory]",
        [&](const std::string& v) { o.data_dir = v; }}},
      {"durability",
       {"with --data-dir: process (survives a kill) or fsync (survives a power loss) [process]",
        [&](const std::string& v) {
          if (v != "process" && v != "fsync")
            throw std::runtime_error("--durability expects process or fsync, got '" + v + "'");
          o.durability = v;
        }}},
      {"cache-mb",
       {"with --data-dir: MiB of records kept in memory [256]", number(o.cache_mb, "cache-mb")}},
      {"max-memory-mb",
       {"without --data-dir: MiB of records held at most, 0 = half of memory [0]",
        number(o.max_memory_mb, "max-memory-mb")}},
      {"limits",
       {"aws: AWS's shard throughput limits and control-plane quotas on every stream [off]",
        [&](const std::string& v) {
          if (v != "aws" && v != "off")
            throw std::runtime_error("--limits expects aws or off, got '" + v + "'");
          o.limits = v;
        }}},
      {"faults",
       {"1 serves /_kinesisd/faults and applies its fault rules (and the config file's) [0]",
        [&](const std::string& v) { o.faults = v == "1" || v == "true"; }}},
      {"auth",
       {"sigv4: verify signatures and IAM policies of the config file's identities [off]",
        [&](const std::string& v) {
          if (v != "sigv4" && v != "off")
            throw std::runtime_error("--auth expects sigv4 or off, got '" + v + "'");
          o.auth = v;
        }}},
      {"max-connections",
       {"connections served at once; more are closed as they arrive [10000]",
        number(o.max_connections, "max-connections")}},
      {"header-timeout",
       {"seconds a request's header may take from its first byte [10]",
        number(o.header_timeout_s, "header-timeout")}},
      {"s3-dir",
       {"Firehose's S3 destinations: bucket B is the folder DIR/B [none]",
        [&](const std::string& v) { o.s3_dir = v; }}},
      {"opensearch-endpoint",
       {"Firehose's OpenSearch destinations named by DomainARN are delivered to URL [none]",
        [&](const std::string& v) { o.opensearch_endpoint = v; }}},
      {"console",
       {"1 serves the web console at /console [1]",
        [&](const std::string& v) { o.console = v == "1" || v == "true"; }}},
      {"log-format", {"text or json [text]", [&](const std::string& v) { log_format = v; }}},
      {"log-level",
       {"trace, debug, info, warn, error, off [info]",
        [&](const std::string& v) { o.log_level = v; }}},
  };
}

// What LocalStack's users already set, so its environment runs unchanged
// (docs.localstack.cloud, Kinesis configuration; the stream format is
// kinesis-mock's, whose engine LocalStack runs):
//   KINESIS_ERROR_PROBABILITY   0.0-1.0: puts and gets fail with
//                               ProvisionedThroughputExceededException at random
//   KINESIS_LATENCY             ms a stream stays CREATING/DELETING/UPDATING
//                               (LocalStack passes it to kinesis-mock's durations)
//   INITIALIZE_STREAMS          name[:shards[:region]],... (shards default to 4)
//                               (also as KINESIS_INITIALIZE_STREAMS)
// Read before KINESISD_* variables and flags, which win.
void localstack_environment(kinesisd::Options& o) {
  if (const char* p = std::getenv("KINESIS_ERROR_PROBABILITY"); p && *p) {
    char* end = nullptr;
    const double v = std::strtod(p, &end);
    if (*end != '\0' || v < 0 || v > 1)
      throw std::runtime_error(std::string("KINESIS_ERROR_PROBABILITY expects 0.0 to 1.0, got '") +
                               p + "'");
    o.error_probability = v;
  }
  if (const char* l = std::getenv("KINESIS_LATENCY"); l && *l) {
    int64_t ms = 0;
    number(ms, "KINESIS_LATENCY")(l);
    o.create_stream_ms = o.delete_stream_ms = o.update_stream_ms = ms;
  }
  for (const char* name : {"KINESIS_INITIALIZE_STREAMS", "INITIALIZE_STREAMS"}) {
    const char* text = std::getenv(name);
    if (!text || !*text) continue;
    std::string streams;
    for (const auto& s : kinesisd::config::parse_streams_flag(text, 4, name)) {
      if (!streams.empty()) streams += ',';
      streams += s.name + ":" + std::to_string(s.shards) + (s.region.empty() ? "" : ":" + s.region);
    }
    o.streams = streams;
    break;
  }
}

// KINESISD_* variables first, then the command line, which wins. False when
// --help was asked for (and printed). Throws std::runtime_error on a bad flag.
bool parse_flags(const std::map<std::string, Flag>& flags, int argc, char** argv) {
  for (const auto& [name, flag] : flags)
    if (const char* v = std::getenv(env_name(name).c_str())) flag.set(v);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      usage(flags);
      return false;
    }
    if (arg.rfind("--", 0) != 0) throw std::runtime_error("unexpected argument '" + arg + "'");
    std::string name = arg.substr(2), value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      throw std::runtime_error("--" + name + " needs a value");
    }
    auto it = flags.find(name);
    if (it == flags.end()) throw std::runtime_error("unknown flag --" + name + " (see --help)");
    it->second.set(value);
  }
  return true;
}

// Written whole under a temporary name, then renamed: a reader never sees half.
bool write_port_file(const std::string& path, uint16_t port) {
  const std::string tmp = path + ".tmp";
  std::ofstream(tmp) << port << "\n";
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  kinesisd::Options o;
  std::string port_file;
  std::string log_format = "text";
  try {
    localstack_environment(o);
    if (!parse_flags(flag_table(o, port_file, log_format), argc, argv)) return 0;
    const auto level = spdlog::level::from_str(o.log_level);
    if (level == spdlog::level::off && o.log_level != "off")
      throw std::runtime_error("--log-level: unknown level '" + o.log_level + "'");
    spdlog::set_level(level);
    kinesisd::observability::set_log_format(log_format);
  } catch (const std::exception& e) {
    std::cerr << "kinesisd: " << e.what() << "\n";
    return 2;
  }

  // Block the stop signals in every thread; this one waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  kinesisd::Server server(o);
  try {
    server.start();
  } catch (const kinesisd::config::ConfigError& e) {
    std::cerr << "kinesisd: " << e.what() << "\n";
    return 2;
  } catch (const std::system_error& e) {
    std::cerr << "kinesisd: cannot listen on " << o.host << ":" << o.port << ": " << e.what()
              << "\n";
    return 1;
  } catch (const std::exception& e) {  // the TLS certificate
    std::cerr << "kinesisd: " << e.what() << "\n";
    return 2;
  }
  if (!port_file.empty() && !write_port_file(port_file, server.port())) {
    std::cerr << "kinesisd: cannot write --port-file " << port_file << "\n";
    server.stop();
    server.wait();
    return 1;
  }
  if (!server.tls_cert_path().empty())
    spdlog::info("TLS and HTTP/2 on the same port; certificate: {}", server.tls_cert_path());
  std::cout << "kinesisd listening on http://" << o.host << ":" << server.port() << std::endl;
  if (server.console())
    spdlog::info("console: http://{}:{}/console/",
                 o.host == "0.0.0.0" || o.host == "::" ? "localhost" : o.host, server.port());

  int signal = 0;
  sigwait(&stop_signals, &signal);
  spdlog::info("signal {}: stopping", signal);
  server.stop();
  server.wait();
  return 0;
}
