// kinesisd's options, as the command line and an embedder (kinesisd/server.hpp)
// give them.
#pragma once

#include <cstdint>
#include <string>

namespace kinesisd {

// The server's options. Each field is a flag of the command line, whose one
// table (src/config/command_line.cpp, printed by `kinesisd --help` and as
// docs/options.md) says what it means; the defaults here are the flags'.
struct Options {
  std::string host = "127.0.0.1";           // --host
  uint16_t port = 4567;                     // --port (0 picks a free one)
  std::string region = "us-east-1";         // --region
  std::string account_id = "000000000000";  // --account-id
  int64_t create_stream_ms = 500;           // --create-stream-ms
  int64_t delete_stream_ms = 500;           // --delete-stream-ms
  int64_t update_stream_ms = 500;           // --update-stream-ms
  uint32_t shard_limit = 500;               // --shard-limit
  unsigned threads = 0;                     // --threads (0 = one per core)
  std::string log_level = "info";           // --log-level
  uint32_t max_connections = 10000;         // --max-connections
  uint32_t header_timeout_s = 10;           // --header-timeout
  std::string config_path;                  // --config ("" = none)
  std::string streams;                      // --streams
  bool test_clock = false;                  // --test-clock
  bool tls = true;                          // --tls
  std::string tls_cert;                     // --tls-cert
  std::string tls_key;                      // --tls-key
  std::string tls_cert_out;                 // --tls-cert-out ("" = no copy)
  std::string data_dir;                     // --data-dir ("" = in memory)
  std::string durability = "process";       // --durability
  uint64_t cache_mb = 256;                  // --cache-mb
  uint64_t max_memory_mb = 0;               // --max-memory-mb (0 = half of memory)
  std::string limits = "off";               // --limits
  bool faults = false;                      // --faults
  std::string s3_dir;                       // --s3-dir
  std::string opensearch_endpoint;          // --opensearch-endpoint
  std::string endpoint_url;                 // --endpoint-url (every AWS service kinesisd calls)
  std::string endpoint_url_s3;              // --endpoint-url-s3
  std::string endpoint_url_sqs;             // --endpoint-url-sqs
  std::string endpoint_url_sns;             // --endpoint-url-sns
  std::string auth = "off";                 // --auth
  bool console = true;                      // --console
  std::string allowed_hosts;                // --allowed-hosts (comma-separated; "*" = any)
  std::string cors_origins;                 // --cors-origins (comma-separated; "*" = any)

  // Not flags: an embedder's (and the tests') knobs.
  uint64_t body_limit = 16ull * 1024 * 1024;  // bytes a request body may have
  int64_t sweep_interval_ms = 1000;           // retention trimming cadence
  // LocalStack's KINESIS_ERROR_PROBABILITY: this share of PutRecord,
  // PutRecords and GetRecords calls fail with
  // ProvisionedThroughputExceededException (0 = none).
  double error_probability = 0;
};

}  // namespace kinesisd
