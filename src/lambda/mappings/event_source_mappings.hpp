// Lambda's event source mapping API (2015-03-31), the five operations kinesisd
// serves on its own port so `aws lambda ... --endpoint-url` scripts work:
// Create, Get, Update, Delete, List. The function name (or ARN) names a
// registered handler. Requests are read by mapping_request, answers
// rendered by mapping_description.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "lambda/mappings/mapping_journal.hpp"
#include "lambda/poller/poller.hpp"
#include "protocol/error.hpp"

namespace kinesisd::lambda {

struct Context {
  poller::Poller& poller;
  std::string region;
  int64_t now_ms;
  MappingJournal* journal = nullptr;  // with a data directory
  // The caller's account (--auth sigv4: the signing identity's); "" for the
  // store's. Each account sees only its own mappings, as in Lambda.
  std::string caller_account{};

  const std::string& account() const {
    return caller_account.empty() ? poller.store().options().account_id : caller_account;
  }
};

using Output = protocol::Outcome<nlohmann::json>;

Output create_event_source_mapping(Context& ctx, const nlohmann::json& body);
Output get_event_source_mapping(Context& ctx, const std::string& uuid);
// TagResource, UntagResource and ListTags on an event source mapping's ARN
// (ResourceNotFoundException for any other resource: kinesisd has no
// functions or code signing configs to tag).
Output tag_resource(Context& ctx, const std::string& arn, const nlohmann::json& body);
Output untag_resource(Context& ctx, const std::string& arn, const std::vector<std::string>& keys);
Output list_tags(Context& ctx, const std::string& arn);
Output update_event_source_mapping(Context& ctx, const std::string& uuid,
                                   const nlohmann::json& body);
Output delete_event_source_mapping(Context& ctx, const std::string& uuid);

struct ListQuery {
  std::optional<std::string> function_name;
  std::optional<std::string> event_source_arn;
  std::optional<std::string> marker;
  std::optional<std::string> max_items;
};
Output list_event_source_mappings(Context& ctx, const ListQuery& query);

// "enrich", "enrich:$LATEST", "arn:aws:lambda:us-east-1:000000000000:function:enrich",
// "000000000000:function:enrich" -> "enrich".
std::string handler_name_of(std::string_view function_name);

}  // namespace kinesisd::lambda
