#include "firehose/operations/delivery_request.hpp"

#include "firehose/delivery/partition_query.hpp"
#include "firehose/delivery/record_deaggregation.hpp"
#include "network/http_client.hpp"

namespace kinesisd::firehose {
namespace {

// Destinations of the model kinesisd does not deliver to.
constexpr const char* kOtherDestinations[] = {
    "RedshiftDestinationConfiguration",
    "SplunkDestinationConfiguration",
    "AmazonOpenSearchServerlessDestinationConfiguration",
    "SnowflakeDestinationConfiguration",
    "IcebergDestinationConfiguration",
};

Error unsupported(const std::string& what) {
  return errors::invalid_argument(
      "kinesisd delivers to Amazon S3 (an S3 API endpoint, or each bucket a folder of --s3-dir), "
      "HTTP endpoints and "
      "OpenSearch/Elasticsearch domains: " +
      what + " is not supported.");
}

// The destinations kinesisd reaches over HTTP, by their configuration member.
struct HttpKind {
  const char* member;
  delivery::HttpDestination::Kind kind;
  const char* description;
};
constexpr HttpKind kHttpKinds[] = {
    {"HttpEndpointDestinationConfiguration", delivery::HttpDestination::Kind::kHttpEndpoint,
     "HttpEndpointDestinationDescription"},
    {"ElasticsearchDestinationConfiguration", delivery::HttpDestination::Kind::kElasticsearch,
     "ElasticsearchDestinationDescription"},
    {"AmazonopensearchserviceDestinationConfiguration",
     delivery::HttpDestination::Kind::kOpenSearch, "AmazonopensearchserviceDestinationDescription"},
};

bool has(const std::string& s, std::string_view what) { return s.find(what) != std::string::npos; }

// What dynamic partitioning asks of a destination (the Firehose developer
// guide, "Dynamic partitioning"): a Prefix made of partitioning-key
// expressions, each from a method the stream runs (inline parsing with the
// MetadataExtraction processor, or the Lambda processor), an ErrorOutputPrefix,
// and buffering that is not zero buffering ("Buffer data for dynamic
// partitioning"). Without it, a prefix holds no such expression.
std::optional<Error> check_partitioning(const delivery::S3Destination& d) {
  const bool from_query = has(d.prefix, "!{partitionKeyFromQuery:");
  const bool from_lambda = has(d.prefix, "!{partitionKeyFromLambda:");
  if (!d.dynamic_partitioning) {
    if (from_query || from_lambda)
      return errors::invalid_argument(
          "The Prefix uses partitionKeyFromQuery or partitionKeyFromLambda expressions, which "
          "need DynamicPartitioningConfiguration Enabled.");
    return std::nullopt;
  }
  if (!from_query && !from_lambda)
    return errors::invalid_argument(
        "Dynamic partitioning needs a Prefix with at least one !{partitionKeyFromQuery:KEY} or "
        "!{partitionKeyFromLambda:KEY} expression.");
  if (d.error_output_prefix.empty())
    return errors::invalid_argument("Dynamic partitioning needs an ErrorOutputPrefix.");
  if (!d.processor("MetadataExtraction") && !d.processor("Lambda"))
    return errors::invalid_argument(
        "Dynamic partitioning needs a MetadataExtraction or a Lambda processor (with "
        "ProcessingConfiguration Enabled) to extract its partitioning keys.");
  if (from_query && !d.processor("MetadataExtraction"))
    return errors::invalid_argument(
        "The Prefix uses !{partitionKeyFromQuery:...}, which needs a MetadataExtraction "
        "processor.");
  if (from_lambda && !d.processor("Lambda"))
    return errors::invalid_argument(
        "The Prefix uses !{partitionKeyFromLambda:...}, which needs a Lambda processor.");
  if (d.buffer_bytes < (int64_t{64} << 20))
    return errors::invalid_argument(
        "BufferingHints SizeInMBs must be at least 64 when dynamic partitioning is enabled.");
  if (d.buffer_interval_ms < 60'000)
    return errors::invalid_argument(
        "BufferingHints IntervalInSeconds must be at least 60 when dynamic partitioning is "
        "enabled: zero buffering is not available for dynamic partitioning.");
  return std::nullopt;
}

std::optional<Error> apply_s3(const json& c, delivery::S3Destination& d, bool updating);

// An extended S3 destination's S3BackupMode and S3BackupConfiguration (on
// update, S3BackupUpdate). "After you create a Firehose stream, you can update
// it to enable Amazon S3 backup if it is disabled. If backup is enabled, you
// can't update the Firehose stream to disable it." (the Firehose API
// reference, ExtendedS3DestinationConfiguration.S3BackupMode)
std::optional<Error> apply_backup(const json& c, delivery::S3Destination& d, bool updating) {
  const char* key = updating ? "S3BackupUpdate" : "S3BackupConfiguration";
  if (c.contains(key)) {
    delivery::S3Destination backup = d.backup ? *d.backup : delivery::S3Destination{};
    backup.extended = false;
    if (auto e = apply_s3(c[key], backup, updating && d.backup)) return e;
    d.backup = std::make_shared<const delivery::S3Destination>(std::move(backup));
  }
  if (!c.contains("S3BackupMode")) return std::nullopt;
  const bool enable = c["S3BackupMode"] == "Enabled";
  if (updating && d.backup_enabled && !enable)
    return errors::invalid_argument(
        "S3BackupMode cannot be changed from Enabled to Disabled: once a delivery stream backs "
        "up its source records, it keeps doing so.");
  if (enable && !d.backup)
    return errors::invalid_argument(std::string(key) +
                                    " is required when S3BackupMode is Enabled.");
  d.backup_enabled = enable;
  return std::nullopt;
}

// Applies the members of an S3 destination configuration (or update) present
// in `c` over `d` (`updating`: d is a delivery stream's current destination).
std::optional<Error> apply_s3(const json& c, delivery::S3Destination& d, bool updating) {
  if (c.contains("RoleARN")) d.role_arn = c["RoleARN"];
  if (c.contains("BucketARN")) {
    d.bucket_arn = c["BucketARN"];
    const auto at = d.bucket_arn.find(":::");
    d.bucket = at == std::string::npos ? d.bucket_arn : d.bucket_arn.substr(at + 3);
  }
  if (c.contains("Prefix")) d.prefix = c["Prefix"];
  if (c.contains("ErrorOutputPrefix")) d.error_output_prefix = c["ErrorOutputPrefix"];
  if (c.contains("FileExtension")) d.file_extension = c["FileExtension"];
  // The model's enum admits exactly the formats delivery/compression writes.
  if (c.contains("CompressionFormat")) d.compression = c["CompressionFormat"];
  if (c.contains("BufferingHints")) {
    const auto& b = c["BufferingHints"];
    if (b.contains("SizeInMBs")) d.buffer_bytes = b["SizeInMBs"].get<int64_t>() << 20;
    if (b.contains("IntervalInSeconds"))
      d.buffer_interval_ms = b["IntervalInSeconds"].get<int64_t>() * 1000;
  }
  if (c.contains("ProcessingConfiguration")) {
    const auto& p = c["ProcessingConfiguration"];
    d.processing = p.value("Enabled", false);
    d.processors.clear();
    for (const auto& proc : p.value("Processors", json::array())) {
      delivery::Processor out{proc["Type"], {}};
      if (out.type != "Lambda" && out.type != "AppendDelimiterToRecord" &&
          out.type != "MetadataExtraction" && out.type != "RecordDeAggregation")
        return errors::invalid_argument(
            "kinesisd runs the Lambda, MetadataExtraction, AppendDelimiterToRecord and "
            "RecordDeAggregation processors: " +
            out.type + " is not supported.");
      for (const auto& param : proc.value("Parameters", json::array()))
        out.params[param["ParameterName"]] = param["ParameterValue"];
      if (out.type == "Lambda" && !out.params.count("LambdaArn"))
        return errors::invalid_argument("Processor Lambda requires the LambdaArn parameter.");
      if (out.type == "RecordDeAggregation") {
        std::string error;
        if (!delivery::sub_record_split(out, error)) return errors::invalid_argument(error);
      }
      if (out.type == "MetadataExtraction") {
        if (!out.params.count("MetadataExtractionQuery") || !out.params.count("JsonParsingEngine"))
          return errors::invalid_argument(
              "Processor MetadataExtraction requires the MetadataExtractionQuery and "
              "JsonParsingEngine parameters.");
        if (out.params["JsonParsingEngine"] != "JQ-1.6")
          return errors::invalid_argument("JsonParsingEngine " + out.params["JsonParsingEngine"] +
                                          " is not supported: the engine is JQ-1.6.");
        auto query = delivery::PartitionQuery::compile(out.params["MetadataExtractionQuery"]);
        if (!query.ok()) return query.error();
      }
      d.processors.push_back(std::move(out));
    }
  }
  if (c.contains("DynamicPartitioningConfiguration")) {
    const auto& p = c["DynamicPartitioningConfiguration"];
    const bool enabled = p.value("Enabled", false);
    // "You can enable dynamic partitioning only when you create a new
    // delivery stream" and "once you enable dynamic partitioning on a delivery
    // stream, it cannot be disabled" (the Firehose developer guide).
    if (updating && enabled != d.dynamic_partitioning)
      return errors::invalid_argument(
          enabled ? "Dynamic partitioning cannot be enabled on an existing delivery stream."
                  : "Dynamic partitioning cannot be disabled once it is enabled.");
    d.dynamic_partitioning = enabled;
    if (p.contains("RetryOptions") && p["RetryOptions"].contains("DurationInSeconds"))
      d.partitioning_retry_s = p["RetryOptions"]["DurationInSeconds"].get<int64_t>();
  }
  if (c.contains("DataFormatConversionConfiguration") &&
      c["DataFormatConversionConfiguration"].value("Enabled", false))
    return errors::invalid_argument(
        "kinesisd does not run DataFormatConversionConfiguration (Parquet and ORC).");
  if (auto e = check_partitioning(d)) return *e;
  if (auto e = apply_backup(c, d, updating)) return *e;
  // The description DescribeDeliveryStream gives back.
  json desc{
      {"RoleARN", d.role_arn},
      {"BucketARN", d.bucket_arn},
      {"BufferingHints",
       {{"SizeInMBs", d.buffer_bytes >> 20}, {"IntervalInSeconds", d.buffer_interval_ms / 1000}}},
      {"CompressionFormat", d.compression},
      {"EncryptionConfiguration",
       c.value("EncryptionConfiguration", json{{"NoEncryptionConfig", "NoEncryption"}})}};
  if (!d.prefix.empty()) desc["Prefix"] = d.prefix;
  if (!d.error_output_prefix.empty()) desc["ErrorOutputPrefix"] = d.error_output_prefix;
  if (!d.file_extension.empty()) desc["FileExtension"] = d.file_extension;
  if (c.contains("ProcessingConfiguration"))
    desc["ProcessingConfiguration"] = c["ProcessingConfiguration"];
  if (c.contains("CloudWatchLoggingOptions"))
    desc["CloudWatchLoggingOptions"] = c["CloudWatchLoggingOptions"];
  if (d.extended) desc["S3BackupMode"] = d.backup_enabled ? "Enabled" : "Disabled";
  if (d.extended && d.backup) desc["S3BackupDescription"] = d.backup->description;
  if (d.extended && c.contains("DynamicPartitioningConfiguration"))
    desc["DynamicPartitioningConfiguration"] = {
        {"Enabled", d.dynamic_partitioning},
        {"RetryOptions", {{"DurationInSeconds", d.partitioning_retry_s}}}};
  else if (d.extended && d.description.contains("DynamicPartitioningConfiguration"))
    desc["DynamicPartitioningConfiguration"] = d.description["DynamicPartitioningConfiguration"];
  d.description = std::move(desc);
  return std::nullopt;
}

// An HTTP endpoint or OpenSearch destination `c` (of kind `k`) into `config`:
// the endpoint, its request options, retries and backup mode, and its
// S3Configuration as the backup (with the destination's buffering and
// processing driving the stream).
std::optional<Error> apply_http(const Context& ctx, const HttpKind& k, const json& c,
                                delivery::DeliveryConfig& config) {
  using Kind = delivery::HttpDestination::Kind;
  delivery::HttpDestination h;
  h.kind = k.kind;
  if (k.kind == Kind::kHttpEndpoint) {
    const auto& e = c["EndpointConfiguration"];
    h.url = e["Url"];
    if (e.contains("AccessKey")) h.access_key = e["AccessKey"];
    if (c.contains("RequestConfiguration")) {
      const auto& r = c["RequestConfiguration"];
      h.gzip = r.value("ContentEncoding", "NONE") == "GZIP";
      for (const auto& a : r.value("CommonAttributes", json::array()))
        h.common_attributes.emplace_back(a["AttributeName"], a["AttributeValue"]);
    }
    h.backup_all = c.value("S3BackupMode", "FailedDataOnly") == "AllData";
  } else {
    if (c.contains("ClusterEndpoint")) {
      h.url = c["ClusterEndpoint"];
    } else if (c.contains("DomainARN")) {
      if (ctx.settings.opensearch_endpoint.empty())
        return errors::invalid_argument(
            "kinesisd reaches a domain named by DomainARN at --opensearch-endpoint URL, which "
            "was not given; or name the domain by its ClusterEndpoint.");
      h.url = ctx.settings.opensearch_endpoint;
    } else {
      return errors::invalid_argument("Either DomainARN or ClusterEndpoint is required.");
    }
    h.index = c["IndexName"];
    if (c.contains("TypeName")) h.type_name = c["TypeName"];
    h.rotation = c.value("IndexRotationPeriod", "OneDay");
    h.backup_all = c.value("S3BackupMode", "FailedDocumentsOnly") == "AllDocuments";
  }
  if (!network::parse_url(h.url))
    return errors::invalid_argument("kinesisd cannot reach " + h.url +
                                    ": it takes http(s)://host[:port][/path].");
  if (c.contains("RetryOptions") && c["RetryOptions"].contains("DurationInSeconds"))
    h.retry_s = c["RetryOptions"]["DurationInSeconds"].get<int64_t>();
  if (c.contains("SecretsManagerConfiguration") &&
      c["SecretsManagerConfiguration"].value("Enabled", false))
    return errors::invalid_argument(
        "kinesisd keeps no Secrets Manager secrets: give the endpoint's AccessKey instead.");
  if (c.contains("VpcConfiguration"))
    return errors::invalid_argument(
        "kinesisd reaches domains directly: VpcConfiguration is not "
        "supported.");
  // The backup: S3Configuration's bucket, prefixes and compression; the
  // destination's own buffering (5 MiB / 300 s by default, as AWS's) and
  // processing drive the stream.
  json backup = c["S3Configuration"];
  backup["BufferingHints"] =
      c.value("BufferingHints", json{{"SizeInMBs", 5}, {"IntervalInSeconds", 300}});
  if (!backup["BufferingHints"].contains("SizeInMBs")) backup["BufferingHints"]["SizeInMBs"] = 5;
  if (!backup["BufferingHints"].contains("IntervalInSeconds"))
    backup["BufferingHints"]["IntervalInSeconds"] = 300;
  if (c.contains("ProcessingConfiguration"))
    backup["ProcessingConfiguration"] = c["ProcessingConfiguration"];
  config.s3.extended = false;
  if (auto e = apply_s3(backup, config.s3, /*updating=*/false)) return *e;
  delivery::S3Destination as_given;  // the backup as its own configuration describes it
  if (auto e = apply_s3(c["S3Configuration"], as_given, false)) return *e;
  json plain = as_given.description;
  plain.erase("ProcessingConfiguration");
  plain.erase("S3BackupMode");
  json desc = c;
  desc.erase("S3Configuration");
  desc["S3DestinationDescription"] = plain;
  desc["BufferingHints"] = backup["BufferingHints"];
  desc["RetryOptions"] = {{"DurationInSeconds", h.retry_s}};
  if (k.kind == Kind::kHttpEndpoint) {
    desc["EndpointConfiguration"].erase("AccessKey");  // AWS does not describe the key
    desc["S3BackupMode"] = h.backup_all ? "AllData" : "FailedDataOnly";
  } else {
    desc["IndexRotationPeriod"] = h.rotation;
    desc["S3BackupMode"] = h.backup_all ? "AllDocuments" : "FailedDocumentsOnly";
  }
  h.description = {{k.description, desc}};
  config.http = std::move(h);
  return std::nullopt;
}

}  // namespace

protocol::Outcome<delivery::DeliveryConfig> read_create(const Context& ctx, const json& input) {
  delivery::DeliveryConfig config;
  config.type = input.value("DeliveryStreamType", "DirectPut");
  if (config.type != "DirectPut" && config.type != "KinesisStreamAsSource")
    return errors::invalid_argument(
        "kinesisd serves DirectPut and KinesisStreamAsSource delivery "
        "streams: " +
        config.type + " is not supported.");
  if (config.type == "KinesisStreamAsSource") {
    if (!input.contains("KinesisStreamSourceConfiguration"))
      return errors::invalid_argument(
          "KinesisStreamSourceConfiguration is required when DeliveryStreamType is "
          "KinesisStreamAsSource.");
    const auto& k = input["KinesisStreamSourceConfiguration"];
    config.source_stream_arn = k["KinesisStreamARN"];
    config.source_role_arn = k["RoleARN"];
    const auto ref = protocol::parse_stream_arn(config.source_stream_arn);
    auto* kinesis = ctx.registry.world().kinesis;
    if (!ref || !kinesis || !kinesis->find(ref->account, ref->region, ref->name))
      return errors::invalid_argument("Kinesis stream " + config.source_stream_arn +
                                      " does not exist.");
  } else if (input.contains("KinesisStreamSourceConfiguration")) {
    return errors::invalid_argument(
        "KinesisStreamSourceConfiguration goes with DeliveryStreamType KinesisStreamAsSource.");
  }
  for (const char* other : kOtherDestinations)
    if (input.contains(other)) return unsupported(other);
  const bool extended = input.contains("ExtendedS3DestinationConfiguration");
  const bool plain = input.contains("S3DestinationConfiguration");
  const HttpKind* http = nullptr;
  int count = extended + plain;
  for (const auto& k : kHttpKinds)
    if (input.contains(k.member)) {
      http = &k;
      ++count;
    }
  if (count != 1)
    return errors::invalid_argument("Exactly one destination configuration is required.");
  if (!ctx.settings.has_s3)
    return errors::invalid_argument(
        "kinesisd has no S3 to deliver to: give it an S3 API endpoint (AWS_ENDPOINT_URL_S3 or "
        "--endpoint-url-s3 URL) or --s3-dir DIR (each bucket a folder there).");
  if (http) {
    if (auto e = apply_http(ctx, *http, input[http->member], config)) return *e;
    return config;
  }
  config.s3.extended = extended;
  const auto& c =
      input[extended ? "ExtendedS3DestinationConfiguration" : "S3DestinationConfiguration"];
  if (auto e = apply_s3(c, config.s3, /*updating=*/false)) return *e;
  return config;
}

protocol::Outcome<delivery::S3Destination> read_update(const Context&, const json& input,
                                                       const delivery::S3Destination& current) {
  for (const char* other :
       {"RedshiftDestinationUpdate", "ElasticsearchDestinationUpdate",
        "AmazonopensearchserviceDestinationUpdate", "SplunkDestinationUpdate",
        "HttpEndpointDestinationUpdate", "AmazonOpenSearchServerlessDestinationUpdate",
        "SnowflakeDestinationUpdate", "IcebergDestinationUpdate"})
    if (input.contains(other)) return unsupported(other);
  delivery::S3Destination d = current;
  for (const char* k : {"ExtendedS3DestinationUpdate", "S3DestinationUpdate"})
    if (input.contains(k))
      if (auto e = apply_s3(input[k], d, /*updating=*/true)) return *e;
  return d;
}

}  // namespace kinesisd::firehose
