// The ARN formats of Kinesis resources (the Kinesis API reference, and the
// "Resource types defined by Amazon Kinesis" table of the Service Authorization Reference):
//   stream:   arn:aws:kinesis:<region>:<account>:stream/<name>
//   consumer: arn:aws:kinesis:<region>:<account>:stream/<name>/consumer/<consumer>:<created epoch
//   s>
// of the event source mappings that read them (Lambda's "Resource types" table):
//   mapping:  arn:aws:lambda:<region>:<account>:event-source-mapping:<uuid>
// and of the Firehose delivery streams that read or receive them (Amazon Data
// Firehose's "Resource types" table):
//   delivery stream: arn:aws:firehose:<region>:<account>:deliverystream/<name>
// Parsing accepts any partition ("aws", "aws-cn", ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kinesisd::protocol {

std::string stream_arn(std::string_view region, std::string_view account, std::string_view name);

struct StreamRef {
  std::string region;
  std::string account;
  std::string name;
};
// nullopt for anything that is not a stream ARN (consumer ARNs included).
std::optional<StreamRef> parse_stream_arn(std::string_view arn);

std::string consumer_arn(std::string_view stream_arn, std::string_view name, int64_t created_ms);

std::string delivery_stream_arn(std::string_view region, std::string_view account,
                                std::string_view name);
// nullopt for anything that is not a delivery stream ARN.
std::optional<StreamRef> parse_delivery_stream_arn(std::string_view arn);
// arn:<partition>:<service>:<region>:<account>:<name>, the shape of SQS queue
// and SNS topic ARNs (their "Resource types" tables): region, account, name.
std::optional<StreamRef> parse_plain_arn(std::string_view arn, std::string_view service);

// A Kinesis channel: arn:aws:kinesis:<region>:<account>:channel/<name>/<id>.
std::string channel_arn(std::string_view region, std::string_view account, std::string_view name,
                        std::string_view id);

std::string mapping_arn(std::string_view region, std::string_view account, std::string_view uuid);

struct ConsumerRef {
  StreamRef stream;
  std::string name;
  int64_t created_s = 0;
};
// nullopt for anything that is not a consumer ARN.
std::optional<ConsumerRef> parse_consumer_arn(std::string_view arn);

}  // namespace kinesisd::protocol
