// What every Firehose operation sees and returns (as kinesis/operations/operation.hpp
// for Kinesis): the validated JSON input in, a Reply or AWS's Error out.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "firehose/delivery/delivery_registry.hpp"
#include "protocol/error.hpp"
#include "protocol/reply.hpp"

namespace kinesisd::firehose {

using nlohmann::json;
using protocol::Error;
using protocol::Reply;
namespace errors = protocol::errors;

struct Settings {
  std::string account_id = "000000000000";
  int64_t create_delay_ms = 500;
  int64_t delete_delay_ms = 500;
  bool has_s3 = false;                // --s3-dir given
  std::string opensearch_endpoint{};  // --opensearch-endpoint
};

struct Context {
  delivery::DeliveryRegistry& registry;
  const Settings& settings;
  std::string region;
  int64_t now_ms = 0;
  // The caller's account (--auth sigv4: the signing identity's); "" for
  // settings.account_id. account() says which.
  std::string caller_account{};
  // Replaying a data directory's definitions: nothing is recorded again.
  bool restoring = false;

  const std::string& account() const {
    return caller_account.empty() ? settings.account_id : caller_account;
  }
};

using Output = protocol::Outcome<Reply>;
using OperationFn = Output (*)(Context&, const json& input);

// The implementation of a Firehose operation, or nullptr.
OperationFn find_operation(std::string_view name);

// "Firehose NAME under account ACCOUNT not found."
Error not_found(const Context& ctx, const std::string& name);
// The delivery stream, ACTIVE or not; ResourceNotFoundException when absent.
protocol::Outcome<std::shared_ptr<delivery::DeliveryStream>> find_stream(const Context& ctx,
                                                                         const json& input);

}  // namespace kinesisd::firehose
