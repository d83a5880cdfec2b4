// A delivery stream's source and destination as kinesisd runs them, read
// from CreateDeliveryStream's (or UpdateDestination's) validated input by
// firehose/delivery_request. Defaults are AWS's (the Firehose API reference:
// S3 buffering 5 MiB / 300 s, UNCOMPRESSED).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kinesisd::delivery {

struct Processor {
  // "Lambda", "MetadataExtraction", "AppendDelimiterToRecord", "RecordDeAggregation"
  std::string type;
  std::map<std::string, std::string, std::less<>> params;  // ParameterName -> ParameterValue

  // The parameter's value, or nullptr when it has none.
  const std::string* param(std::string_view name) const {
    const auto it = params.find(name);
    return it == params.end() ? nullptr : &it->second;
  }
};

struct S3Destination {
  bool extended = true;  // ExtendedS3DestinationConfiguration (or the older S3 one)
  std::string role_arn;
  std::string bucket_arn;
  std::string bucket;  // from the ARN: arn:aws:s3:::BUCKET
  std::string prefix;
  std::string error_output_prefix;
  std::string compression = "UNCOMPRESSED";  // GZIP, ZIP, Snappy, HADOOP_SNAPPY
  std::string file_extension;  // FileExtension: replaces the compression's on delivered objects
  int64_t buffer_bytes = 5 * 1024 * 1024;
  int64_t buffer_interval_ms = 300'000;
  bool processing = false;
  std::vector<Processor> processors;
  nlohmann::json description;  // as DescribeDeliveryStream shows it
  // DynamicPartitioningConfiguration: records are grouped by their evaluated
  // Prefix (!{partitionKeyFromQuery:K}, !{partitionKeyFromLambda:K}).
  bool dynamic_partitioning = false;
  int64_t partitioning_retry_s = 300;  // RetryOptions.DurationInSeconds
  // S3BackupMode Enabled: the source records, as they came in (before the
  // transform), also go to `backup` (S3BackupConfiguration), an object a
  // delivered buffer.
  bool backup_enabled = false;
  std::shared_ptr<const S3Destination> backup;

  // The enabled processor of that type, or nullptr.
  const Processor* processor(const std::string& type) const {
    if (!processing) return nullptr;
    for (const auto& p : processors)
      if (p.type == type) return &p;
    return nullptr;
  }
};

// A destination reached over HTTP, with `s3` as its backup (the S3Configuration
// bucket, prefix and compression; the delivery stream's buffering and
// processing are this destination's, kept in `s3` too since they drive the
// stream whatever its destination).
struct HttpDestination {
  enum class Kind { kHttpEndpoint, kElasticsearch, kOpenSearch };
  Kind kind = Kind::kHttpEndpoint;
  std::string url;  // the endpoint's URL, or the domain's endpoint
  std::string access_key;
  bool gzip = false;  // RequestConfiguration.ContentEncoding GZIP
  std::vector<std::pair<std::string, std::string>> common_attributes;
  int64_t retry_s = 300;    // RetryOptions.DurationInSeconds (AWS's default)
  bool backup_all = false;  // S3BackupMode AllData / AllDocuments
  std::string index, type_name, rotation = "OneDay";  // OpenSearch's
  nlohmann::json description;                         // as DescribeDeliveryStream shows it

  // The error output type of its failures (the S3 error output prefix's
  // !{firehose:error-output-type}).
  std::string error_type() const {
    switch (kind) {
      case Kind::kHttpEndpoint:
        return "http-endpoint-failed";
      case Kind::kElasticsearch:
        return "elasticsearch-failed";
      case Kind::kOpenSearch:
        return "AmazonOpenSearchService-failed";
    }
    return "";
  }
};

struct DeliveryConfig {
  std::string type = "DirectPut";  // or KinesisStreamAsSource
  std::string source_stream_arn;   // KinesisStreamAsSource
  std::string source_role_arn;
  S3Destination s3;
  std::optional<HttpDestination> http{};  // an HTTP endpoint or OpenSearch destination
};

}  // namespace kinesisd::delivery
