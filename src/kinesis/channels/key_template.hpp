// A channel's S3 output key template (the Kinesis developer guide, "S3 output
// key template for Amazon S3 delivery"): literal text and !{variable}s,
// expanded for each object written. The variables are the guide's:
// !{channel-name}, !{channel-id}, !{yyyy}, !{YY}, !{MM}, !{dd}, !{HH}, !{mm}
// (the oldest record's arrival, UTC) and !{extension} (the compression's).
// AWS appends a unique suffix to every key; kinesisd puts it before the
// extension when the key ends with one, so objects keep their extension.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kinesisd::channels {

// The guide's default template.
inline constexpr std::string_view kDefaultKeyTemplate =
    "kinesis-channel/!{channel-name}/!{channel-id}/!{yyyy}/!{MM}/!{dd}/!{HH}/"
    "!{channel-name}-!{channel-id}-!{yyyy}-!{MM}-!{dd}-!{HH}-!{mm}!{extension}";

struct KeyValues {
  std::string_view channel_name, channel_id;
  std::string_view extension;  // ".gz", ".zst" or ""
  int64_t ms = 0;              // the time the date variables name
};

// "" when `key_template` can be expanded, else why not: an unknown variable,
// an unclosed "!{", a key that would start or end with '/', or that has "..".
std::string check_key_template(std::string_view key_template);

// The key `key_template` names for `values`, with `unique` as its suffix.
std::string expand_key(std::string_view key_template, const KeyValues& values,
                       std::string_view unique);

}  // namespace kinesisd::channels
