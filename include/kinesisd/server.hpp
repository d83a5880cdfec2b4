// kinesisd as a library: start a Kinesis-compatible server in-process (tests,
// embedding) with the same options as the command line.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace kinesisd {

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 4567;  // 0 picks a free port
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
  int64_t create_stream_ms = 500;
  int64_t delete_stream_ms = 500;
  int64_t update_stream_ms = 500;
  uint32_t shard_limit = 500;
  unsigned threads = 0;  // 0 = hardware concurrency
  std::string log_level = "info";
  uint64_t body_limit = 16ull * 1024 * 1024;
  // Connections served at once (more are closed as they arrive), and the
  // seconds a request's header may take from its first byte.
  uint32_t max_connections = 10000;
  uint32_t header_timeout_s = 10;
  int64_t sweep_interval_ms = 1000;  // retention trimming cadence
  // A config file (streams, handlers, event source mappings); "" for none.
  // See config/kinesisd.json.
  std::string config_path;
  // Streams created ACTIVE before start() returns: "name:shards[,name:shards...]"
  // (":shards" may be left out for 1).
  std::string streams;
  // Tests only: serve POST /_kinesisd/clock, which moves kinesisd's clock
  // forward (retention, expiry and state timers follow it).
  bool test_clock = false;
  // TLS on the same port as plain HTTP (told apart by the first bytes). With
  // tls_cert and tls_key (PEM files) that certificate is served; without them
  // a self-signed certificate for localhost is generated at start-up and
  // written to tls_cert_out ("" = <temp dir>/kinesisd-<port>.crt).
  bool tls = true;
  std::string tls_cert;
  std::string tls_key;
  std::string tls_cert_out;
  // A data directory ("" = everything in memory, as before): streams,
  // records, consumers, account settings, event source mappings and their
  // checkpoints survive a restart on the same directory.
  std::string data_dir;
  // With a data directory: "process" (a record reaches the OS before its put
  // is answered: killing kinesisd loses nothing acknowledged) or "fsync"
  // (a group fdatasync first: a power loss loses nothing acknowledged).
  std::string durability = "process";
  // With a data directory: the records kept in memory (recent and recently
  // read); older ones are read back from their segment files.
  uint64_t cache_mb = 256;
  // Without one: records held in memory at most, 0 = half of the machine's
  // (or the container's) memory. Puts past it get
  // ProvisionedThroughputExceededException.
  uint64_t max_memory_mb = 0;
  // "aws": AWS's limits on every stream — per-shard write and read
  // throughput and the control plane's rate quotas (answered with AWS's
  // ProvisionedThroughputExceededException and LimitExceededException).
  // "off": none, as before. The config file may turn them on per stream.
  std::string limits = "off";
  // Fault injection: serve /_kinesisd/faults and apply its rules (and the
  // config file's "faults"); a config file with rules turns it on too.
  bool faults = false;
  // LocalStack's KINESIS_ERROR_PROBABILITY: this share of PutRecord,
  // PutRecords and GetRecords calls fail with
  // ProvisionedThroughputExceededException (0 = none).
  double error_probability = 0;
  // Firehose's S3 destinations: bucket B is the folder <s3_dir>/B ("" = no
  // S3: CreateDeliveryStream says how to get one).
  std::string s3_dir;
  // Firehose's OpenSearch/Elasticsearch destinations named by DomainARN: the
  // domain's endpoint (one for every domain), e.g. http://127.0.0.1:9200.
  std::string opensearch_endpoint;
  // "sigv4": every call's SigV4 signature is verified against the config
  // file's identities and authorized by their IAM policies; "off": any
  // credentials work (the config file's "auth" may turn it on).
  std::string auth = "off";
  // The web console at /console (with auth on, the page asks for an identity).
  bool console = true;
};

class Server {
 public:
  explicit Server(Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads. Throws on bind failure,
  // config::ConfigError (a std::runtime_error whose what() names the file,
  // the key and the reason) for a bad config file, and storage::Error (also
  // a std::runtime_error) for a data directory that cannot be used.
  void start();
  uint16_t port() const;
  const Options& options() const;
  // The certificate TLS clients should trust ("" when TLS is off).
  const std::string& tls_cert_path() const;
  // Whether /console is served (Options::console).
  bool console() const;

  // Graceful stop: no new connections, idle ones closed, requests in flight
  // answered; forced after 1 s. Idempotent.
  void stop();
  // Blocks until the server has stopped.
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kinesisd
