#include "protocol/arn.hpp"

#include <string>

namespace kinesisd::protocol {

std::string stream_arn(std::string_view region, std::string_view account, std::string_view name) {
  std::string arn = "arn:aws:kinesis:";
  arn.append(region).append(":").append(account).append(":stream/").append(name);
  return arn;
}

std::string channel_arn(std::string_view region, std::string_view account, std::string_view name,
                        std::string_view id) {
  std::string arn = "arn:aws:kinesis:";
  arn.append(region).append(":").append(account).append(":channel/").append(name);
  arn.append("/").append(id);
  return arn;
}

std::string mapping_arn(std::string_view region, std::string_view account, std::string_view uuid) {
  std::string arn = "arn:aws:lambda:";
  arn.append(region).append(":").append(account).append(":event-source-mapping:").append(uuid);
  return arn;
}

namespace {

// arn : partition : SERVICE : region : account : TYPE/name, the name without '/'.
std::optional<StreamRef> parse_named(std::string_view arn, std::string_view service,
                                     std::string_view type) {
  std::string_view parts[6];
  for (int i = 0; i < 5; ++i) {
    const size_t colon = arn.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    parts[i] = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  parts[5] = arn;
  if (parts[0] != "arn" || parts[2] != service || parts[5].substr(0, type.size()) != type)
    return std::nullopt;
  std::string_view name = parts[5].substr(type.size());
  if (name.empty() || name.find('/') != std::string_view::npos) return std::nullopt;
  return StreamRef{std::string(parts[3]), std::string(parts[4]), std::string(name)};
}

}  // namespace

std::optional<StreamRef> parse_stream_arn(std::string_view arn) {
  return parse_named(arn, "kinesis", "stream/");
}

std::string delivery_stream_arn(std::string_view region, std::string_view account,
                                std::string_view name) {
  std::string arn = "arn:aws:firehose:";
  arn.append(region).append(":").append(account).append(":deliverystream/").append(name);
  return arn;
}

std::optional<StreamRef> parse_delivery_stream_arn(std::string_view arn) {
  return parse_named(arn, "firehose", "deliverystream/");
}

std::optional<StreamRef> parse_plain_arn(std::string_view arn, std::string_view service) {
  auto ref = parse_named(arn, service, "");
  if (!ref || ref->region.empty() || ref->account.empty() ||
      ref->name.find(':') != std::string::npos)
    return std::nullopt;
  return ref;
}

std::string consumer_arn(std::string_view stream_arn, std::string_view name, int64_t created_ms) {
  std::string arn(stream_arn);
  arn += "/consumer/";
  arn += name;
  arn += ':';
  arn += std::to_string(created_ms / 1000);
  return arn;
}

std::optional<ConsumerRef> parse_consumer_arn(std::string_view arn) {
  constexpr std::string_view kMarker = "/consumer/";
  const size_t marker = arn.rfind(kMarker);
  if (marker == std::string_view::npos) return std::nullopt;
  auto stream = parse_stream_arn(arn.substr(0, marker));
  if (!stream) return std::nullopt;
  const auto rest = arn.substr(marker + kMarker.size());
  const size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size())
    return std::nullopt;
  int64_t created_s = 0;
  for (char c : rest.substr(colon + 1)) {
    if (c < '0' || c > '9' || created_s > 1'000'000'000'000) return std::nullopt;
    created_s = created_s * 10 + (c - '0');
  }
  return ConsumerRef{*stream, std::string(rest.substr(0, colon)), created_s};
}

}  // namespace kinesisd::protocol
