#include "config/command_line.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

#include "config/config_file.hpp"

namespace kinesisd::config {
namespace {

template <class T>
void number(T& target, std::string_view name, const std::string& v) {
  try {
    size_t used = 0;
    const long long n = std::stoll(v, &used);
    if (used != v.size() || n < 0) throw std::invalid_argument(v);
    target = static_cast<T>(n);
  } catch (const std::exception&) {
    throw BadFlag("--" + std::string(name) + " expects a non-negative integer, got '" + v + "'");
  }
}

// A boolean flag: 0, 1, true or false, nothing else (--faults yes is a
// mistake, not "off").
void boolean(bool& target, std::string_view name, const std::string& v) {
  if (v == "1" || v == "true")
    target = true;
  else if (v == "0" || v == "false")
    target = false;
  else
    throw BadFlag("--" + std::string(name) + " expects 0, 1, true or false, got '" + v + "'");
}

void port_number(uint16_t& target, std::string_view name, const std::string& v) {
  int64_t n = 0;
  number(n, name, v);
  if (n > 65535)
    throw BadFlag("--" + std::string(name) + " expects a port number from 0 to 65535, got '" + v +
                  "'");
  target = static_cast<uint16_t>(n);
}

void one_of(std::string& target, std::string_view name, const std::string& v, std::string_view a,
            std::string_view b) {
  if (v != a && v != b)
    throw BadFlag("--" + std::string(name) + " expects " + std::string(a) + " or " +
                  std::string(b) + ", got '" + v + "'");
  target = v;
}

// The table. `fallback` is what the option is without the flag.
constexpr Flag kFlags[] = {
    {"host", "ADDR", "127.0.0.1", "address to listen on",
     [](CommandLine& c, const std::string& v) { c.options.host = v; }},
    {"port", "N", "4567", "port; 0 picks a free one (read it from the ready line or --port-file)",
     [](CommandLine& c, const std::string& v) { port_number(c.options.port, "port", v); }},
    {"region", "REGION", "us-east-1", "region for requests whose credential scope names none",
     [](CommandLine& c, const std::string& v) { c.options.region = v; }},
    {"account-id", "ID", "000000000000", "account in ARNs and messages",
     [](CommandLine& c, const std::string& v) { c.options.account_id = v; }},
    {"create-stream-ms", "MS", "500", "how long a new stream stays CREATING",
     [](CommandLine& c, const std::string& v) {
       number(c.options.create_stream_ms, "create-stream-ms", v);
     }},
    {"delete-stream-ms", "MS", "500", "how long a deleted stream stays DELETING",
     [](CommandLine& c, const std::string& v) {
       number(c.options.delete_stream_ms, "delete-stream-ms", v);
     }},
    {"update-stream-ms", "MS", "500", "how long an updated stream stays UPDATING",
     [](CommandLine& c, const std::string& v) {
       number(c.options.update_stream_ms, "update-stream-ms", v);
     }},
    {"shard-limit", "N", "500", "open shards allowed per region (LimitExceededException past it)",
     [](CommandLine& c, const std::string& v) { number(c.options.shard_limit, "shard-limit", v); }},
    {"threads", "N", "0", "I/O threads; 0 is one per core",
     [](CommandLine& c, const std::string& v) { number(c.options.threads, "threads", v); }},
    {"log-level", "LEVEL", "info", "trace, debug, info, warn, error or off",
     [](CommandLine& c, const std::string& v) { c.options.log_level = v; }},
    {"log-format", "FORMAT", "text",
     "text, or json: one object per line (time, level, thread, msg)",
     [](CommandLine& c, const std::string& v) { c.log_format = v; }},
    {"config", "FILE", "none",
     "a config file: start-up streams, handlers, event source mappings, delivery streams, "
     "identities, fault rules (see config/kinesisd.json)",
     [](CommandLine& c, const std::string& v) { c.options.config_path = v; }},
    {"streams", "LIST", "none",
     "streams created ACTIVE before the ready line: name[:shards[:region]],... (1 shard when "
     "left out)",
     [](CommandLine& c, const std::string& v) { c.options.streams = v; }},
    {"limits", "aws|off", "off",
     "aws: AWS's per-shard throughput limits and control-plane quotas on every stream",
     [](CommandLine& c, const std::string& v) {
       one_of(c.options.limits, "limits", v, "aws", "off");
     }},
    {"faults", "0|1", "0",
     "1: fault injection, rules from POST /_kinesisd/faults and the config file",
     [](CommandLine& c, const std::string& v) { boolean(c.options.faults, "faults", v); }},
    {"test-clock", "0|1", "0",
     "1 serves POST /_kinesisd/clock {\"advance_ms\": N}, which moves kinesisd's time forward "
     "(retention, iterator expiry, state changes, buffers); for tests only",
     [](CommandLine& c, const std::string& v) { boolean(c.options.test_clock, "test-clock", v); }},
    {"auth", "sigv4|off", "off",
     "sigv4: verify every call's signature and IAM policies against the config file's identities",
     [](CommandLine& c, const std::string& v) {
       one_of(c.options.auth, "auth", v, "sigv4", "off");
     }},
    {"data-dir", "DIR", "none",
     "keep streams, records, consumers, mappings and delivery streams in this directory across "
     "restarts; without it everything lives in memory",
     [](CommandLine& c, const std::string& v) { c.options.data_dir = v; }},
    {"durability", "process|fsync", "process",
     "with --data-dir: process (a kill loses nothing acknowledged) or fsync (a power loss "
     "loses nothing acknowledged)",
     [](CommandLine& c, const std::string& v) {
       one_of(c.options.durability, "durability", v, "process", "fsync");
     }},
    {"cache-mb", "MIB", "256",
     "with --data-dir: MiB of records kept in memory; older ones are read back from disk",
     [](CommandLine& c, const std::string& v) { number(c.options.cache_mb, "cache-mb", v); }},
    {"max-memory-mb", "MIB", "0",
     "without --data-dir: MiB of records held at most; 0 is half of the machine's (or the "
     "container's memory cgroup's) memory",
     [](CommandLine& c, const std::string& v) {
       number(c.options.max_memory_mb, "max-memory-mb", v);
     }},
    {"s3-dir", "DIR", "none", "Firehose's S3 destinations: bucket B is the folder DIR/B",
     [](CommandLine& c, const std::string& v) { c.options.s3_dir = v; }},
    {"opensearch-endpoint", "URL", "none",
     "Firehose's OpenSearch/Elasticsearch destinations named by DomainARN are delivered to this "
     "URL (e.g. http://127.0.0.1:9200)",
     [](CommandLine& c, const std::string& v) { c.options.opensearch_endpoint = v; }},
    {"endpoint-url", "URL", "none",
     "the endpoint of every AWS service kinesisd calls (S3, SQS, SNS) that has none of its own; "
     "else AWS_ENDPOINT_URL, else the config file's endpoints",
     [](CommandLine& c, const std::string& v) { c.options.endpoint_url = v; }},
    {"endpoint-url-s3", "URL", "none",
     "the S3 API Firehose writes its objects to (e.g. http://127.0.0.1:5000 for moto, MinIO or "
     "LocalStack); else AWS_ENDPOINT_URL_S3, else --endpoint-url. --s3-dir wins over it",
     [](CommandLine& c, const std::string& v) { c.options.endpoint_url_s3 = v; }},
    {"endpoint-url-sqs", "URL", "none",
     "the SQS API of Lambda's on-failure destinations (arn:aws:sqs:...); else "
     "AWS_ENDPOINT_URL_SQS, else --endpoint-url",
     [](CommandLine& c, const std::string& v) { c.options.endpoint_url_sqs = v; }},
    {"endpoint-url-sns", "URL", "none",
     "the SNS API of Lambda's on-failure destinations (arn:aws:sns:...); else "
     "AWS_ENDPOINT_URL_SNS, else --endpoint-url",
     [](CommandLine& c, const std::string& v) { c.options.endpoint_url_sns = v; }},
    {"allowed-hosts", "LIST", "none",
     "Host names served besides IP literals, localhost, *.localhost, names without a dot "
     "(Docker services), host.docker.internal and --host (comma-separated; * serves any: a web "
     "page that rebinds a domain to this machine then reaches it too)",
     [](CommandLine& c, const std::string& v) { c.options.allowed_hosts = v; }},
    {"cors-origins", "LIST", "none",
     "browser origins served besides loopback ones (localhost, 127.0.0.1, [::1], any port) and "
     "the console's own (comma-separated, e.g. http://app.test:8080; * serves any, as AWS)",
     [](CommandLine& c, const std::string& v) { c.options.cors_origins = v; }},
    {"console", "0|1", "1", "the web console at /console; 0 turns it off",
     [](CommandLine& c, const std::string& v) { boolean(c.options.console, "console", v); }},
    {"tls", "0|1", "1", "TLS (HTTP/1.1, and HTTP/2 by ALPN) on the same port as plain HTTP",
     [](CommandLine& c, const std::string& v) { boolean(c.options.tls, "tls", v); }},
    {"tls-cert", "FILE", "none",
     "PEM certificate chain to serve (with --tls-key); without it a localhost one, generated once "
     "into ~/.cache/kinesisd (docs/transports.md)",
     [](CommandLine& c, const std::string& v) { c.options.tls_cert = v; }},
    {"tls-key", "FILE", "none", "PEM private key of --tls-cert",
     [](CommandLine& c, const std::string& v) { c.options.tls_key = v; }},
    {"tls-cert-out", "FILE", "none",
     "where a copy of the generated certificate is written (it lives in ~/.cache/kinesisd)",
     [](CommandLine& c, const std::string& v) { c.options.tls_cert_out = v; }},
    {"max-connections", "N", "10000", "connections served at once; more are closed as they arrive",
     [](CommandLine& c, const std::string& v) {
       number(c.options.max_connections, "max-connections", v);
     }},
    {"header-timeout", "SECONDS", "10",
     "seconds a request's header may take from its first byte (a half-sent request is then cut "
     "off)",
     [](CommandLine& c, const std::string& v) {
       number(c.options.header_timeout_s, "header-timeout", v);
     }},
    {"port-file", "FILE", "none", "write the bound port to this file once listening",
     [](CommandLine& c, const std::string& v) { c.port_file = v; }},
};

// What LocalStack's users already set, so its environment runs unchanged
// (docs.localstack.cloud, Kinesis configuration; the stream format is
// kinesis-mock's, whose engine LocalStack runs):
//   KINESIS_ERROR_PROBABILITY   0.0-1.0: puts and gets fail with
//                               ProvisionedThroughputExceededException at random
//   KINESIS_LATENCY             ms a stream stays CREATING/DELETING/UPDATING
//   INITIALIZE_STREAMS          name[:shards[:region]],... (shards default to 4)
//                               (also as KINESIS_INITIALIZE_STREAMS)
void localstack_environment(Options& o,
                            const std::function<const char*(const char*)>& environment) {
  if (const char* p = environment("KINESIS_ERROR_PROBABILITY"); p && *p) {
    char* end = nullptr;
    const double v = std::strtod(p, &end);
    if (*end != '\0' || v < 0 || v > 1)
      throw BadFlag(std::string("KINESIS_ERROR_PROBABILITY expects 0.0 to 1.0, got '") + p + "'");
    o.error_probability = v;
  }
  if (const char* l = environment("KINESIS_LATENCY"); l && *l) {
    int64_t ms = 0;
    number(ms, "KINESIS_LATENCY", l);
    o.create_stream_ms = o.delete_stream_ms = o.update_stream_ms = ms;
  }
  for (const char* name : {"KINESIS_INITIALIZE_STREAMS", "INITIALIZE_STREAMS"}) {
    const char* text = environment(name);
    if (!text || !*text) continue;
    std::string streams;
    for (const auto& s : parse_streams_flag(text, 4, name)) {
      if (!streams.empty()) streams += ',';
      streams += s.name + ":" + std::to_string(s.shards) + (s.region.empty() ? "" : ":" + s.region);
    }
    o.streams = streams;
    break;
  }
}

const Flag* find(std::string_view name) {
  for (const Flag& f : kFlags)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

std::span<const Flag> flags() { return kFlags; }

std::string env_name(std::string_view flag) {
  std::string out = "KINESISD_";
  for (char c : flag) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(c)));
  return out;
}

bool parse_command_line(CommandLine& into, int argc, const char* const* argv,
                        const std::function<const char*(const char*)>& environment) {
  try {
    localstack_environment(into.options, environment);
  } catch (const ConfigError& e) {  // parse_streams_flag's
    throw BadFlag(e.what());
  }
  for (const Flag& f : kFlags)
    if (const char* v = environment(env_name(f.name).c_str())) {
      f.set(into, v);
      into.given.insert(std::string(f.name));
    }
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") return false;
    if (arg == "--version") {
      into.version = true;
      return false;
    }
    if (arg.rfind("--", 0) != 0) throw BadFlag("unexpected argument '" + arg + "'");
    std::string name = arg.substr(2), value;
    const auto eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const Flag* flag = find(name);
    if (!flag) throw BadFlag("unknown flag --" + name + " (see --help)");
    if (eq == std::string::npos) {
      if (i + 1 >= argc)
        throw BadFlag("--" + name + " needs a value: " + std::string(flag->value) + " (" +
                      std::string(flag->meaning) + ")");
      value = argv[++i];
    }
    flag->set(into, value);
    into.given.insert(name);
  }
  // Flags that mean something only beside --data-dir.
  if (into.options.data_dir.empty())
    for (const char* name : {"durability", "cache-mb"})
      if (into.given.count(name))
        throw BadFlag("--" + std::string(name) +
                      " applies to a data directory, and there is none: add --data-dir DIR, or "
                      "drop --" +
                      name +
                      " (without --data-dir records live in memory, bounded by "
                      "--max-memory-mb)");
  return true;
}

std::string help_text() {
  std::string out =
      "Usage: kinesisd [--flag value]...\n"
      "       kinesisd tail STREAM [--from trim-horizon] [--json]  (kinesisd tail --help)\n"
      "A local emulator of Amazon Kinesis Data Streams, Firehose and Lambda's Kinesis trigger.\n"
      "Every flag can also be set as KINESISD_<FLAG> (e.g. KINESISD_PORT=4568); flags win.\n\n";
  for (const Flag& f : kFlags) {
    std::string head = "  --" + std::string(f.name) + " " + std::string(f.value);
    head.resize(std::max<size_t>(head.size() + 2, 32), ' ');
    out += head + std::string(f.meaning) + " [" + std::string(f.fallback) + "]\n";
  }
  out += "  --help                        this text\n";
  out += "  --version                     the version, and exit\n";
  return out;
}

std::string options_markdown() {
  std::string out =
      "| flag | environment | default | meaning |\n"
      "| --- | --- | --- | --- |\n";
  for (const Flag& f : kFlags) {
    std::string meaning(f.meaning);
    // A table cell: a '|' in the text would end it.
    for (size_t p = 0; (p = meaning.find('|', p)) != std::string::npos; p += 2)
      meaning.replace(p, 1, "\\|");
    std::string value(f.value);
    for (size_t p = 0; (p = value.find('|', p)) != std::string::npos; p += 2)
      value.replace(p, 1, "\\|");
    out += "| `--" + std::string(f.name) + " " + value + "` | `" + env_name(f.name) + "` | `" +
           std::string(f.fallback) + "` | " + meaning + " |\n";
  }
  return out;
}

}  // namespace kinesisd::config
