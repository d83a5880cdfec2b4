// --auth sigv4 and server-side encryption: a put to a stream encrypted with
// a customer KMS key needs kms:GenerateDataKey on it, a read (GetRecords,
// SubscribeToShard) kms:Decrypt ("Permissions to use user-generated KMS
// keys", Kinesis Developer Guide). Context::use_key decides and words the
// refusal (endpoint/authorizer.hpp); without authentication nothing is asked.
#pragma once

#include <optional>
#include <string>

#include "kinesis/log/stream.hpp"
#include "kinesis/operations/operation.hpp"

namespace kinesisd::operations {

inline constexpr const char* kPutKeyAction = "kms:GenerateDataKey";
inline constexpr const char* kReadKeyAction = "kms:Decrypt";

inline std::optional<Error> use_stream_key(const Context& ctx, const log::Stream& stream,
                                           const char* action) {
  if (!ctx.use_key) return std::nullopt;
  const auto key = stream.kms_key();
  if (!key) return std::nullopt;
  return ctx.use_key(action, *key, stream.arn());
}

}  // namespace kinesisd::operations
