#include "lambda/mappings/event_source_mappings.hpp"

#include "lambda/mappings/mapping_description.hpp"
#include "lambda/mappings/mapping_request.hpp"
#include "protocol/model.hpp"
#include "protocol/validator.hpp"

namespace kinesisd::lambda {
namespace {

using protocol::Error;
using protocol::errors::make;

Error not_found() {
  return make("ResourceNotFoundException", "The resource you requested does not exist.", 404);
}

protocol::Outcome<handler::Registered> resolve(Context& ctx, const std::string& function) {
  const std::string name = handler_name_of(function);
  const auto* registered = ctx.poller.handlers().find(name);
  if (!registered)
    return make("ResourceNotFoundException",
                "Function not found: " + poller::function_arn(ctx.region, ctx.account(), name),
                404);
  return *registered;
}

// The caller's own mapping of that UUID, or nullptr (another account's is
// not found, as in Lambda).
std::shared_ptr<poller::EventSourceMapping> own(const Context& ctx, const std::string& uuid) {
  auto mapping = ctx.poller.find(uuid);
  return mapping && mapping->account() == ctx.account() ? mapping : nullptr;
}

}  // namespace

std::string handler_name_of(std::string_view f) {
  constexpr std::string_view marker = ":function:";
  if (const size_t at = f.find(marker); at != std::string_view::npos)
    f.remove_prefix(at + marker.size());
  return std::string(f.substr(0, f.find(':')));
}

Output create_event_source_mapping(Context& ctx, const nlohmann::json& body) {
  poller::MappingConfig config;
  if (auto e = read_mapping_request(body, RequestKind::kCreate, config, ctx.now_ms)) return *e;
  auto handler = resolve(ctx, config.function_name);
  if (!handler.ok()) return handler.error();
  const auto stream =
      ctx.poller.store().find(config.stream_account, config.stream_region, config.stream_name);
  if (!stream || stream->status(ctx.now_ms) == log::StreamStatus::kDeleting)
    return invalid_parameter("Stream not found: " + config.event_source_arn);
  if (auto same = ctx.poller.find_same(ctx.account(), config.event_source_arn,
                                       handler.value().handler->name()))
    return make("ResourceConflictException",
                "The event source arn (\" " + config.event_source_arn + " \") and function (\" " +
                    handler.value().handler->name() +
                    " \") provided mapping already exists. Please update or delete the existing "
                    "mapping with UUID " +
                    same->uuid(),
                409);
  auto mapping =
      ctx.poller.add(ctx.region, ctx.account(), std::move(config), std::move(handler.value()));
  if (ctx.journal) {
    try {
      ctx.journal->save(*mapping);
    } catch (...) {
      ctx.poller.remove(mapping->uuid());  // not kept: not created
      throw;
    }
  }
  return describe_mapping(*mapping, "Creating");
}

Output get_event_source_mapping(Context& ctx, const std::string& uuid) {
  auto mapping = own(ctx, uuid);
  if (!mapping) return not_found();
  return describe_mapping(*mapping);
}

Output update_event_source_mapping(Context& ctx, const std::string& uuid,
                                   const nlohmann::json& body) {
  auto mapping = own(ctx, uuid);
  if (!mapping) return not_found();
  poller::MappingConfig next = *mapping->config();
  nlohmann::json input = body;
  input["UUID"] = uuid;  // the model's required URI member
  if (auto e = read_mapping_request(input, RequestKind::kUpdate, next, ctx.now_ms)) return *e;
  auto handler = resolve(ctx, next.function_name);
  if (!handler.ok()) return handler.error();
  mapping->update(std::move(next), std::move(handler.value()));
  if (ctx.journal) ctx.journal->save(*mapping);
  return describe_mapping(*mapping, "Updating");
}

Output delete_event_source_mapping(Context& ctx, const std::string& uuid) {
  if (!own(ctx, uuid)) return not_found();
  auto mapping = ctx.poller.remove(uuid);
  if (!mapping) return not_found();
  if (ctx.journal) ctx.journal->erase(uuid);
  return describe_mapping(*mapping, "Deleting");
}

Output list_event_source_mappings(Context& ctx, const ListQuery& q) {
  size_t max_items = 100;
  if (q.max_items) {
    char* end = nullptr;
    const long n = std::strtol(q.max_items->c_str(), &end, 10);
    if (q.max_items->empty() || *end != '\0' || n < 1 || n > 10000)
      return make("ValidationException",
                  "1 validation error detected: Value '" + *q.max_items +
                      "' at 'maxItems' failed to satisfy constraint: Member must have value "
                      "less than or equal to 10000 and greater than or equal to 1");
    max_items = static_cast<size_t>(n);
  }
  std::optional<std::string> function;
  if (q.function_name) function = handler_name_of(*q.function_name);

  std::vector<std::shared_ptr<poller::EventSourceMapping>> matching;
  for (auto& m : ctx.poller.list()) {
    if (m->account() != ctx.account()) continue;
    if (function && m->handler_name() != *function) continue;
    if (q.event_source_arn && m->config()->event_source_arn != *q.event_source_arn) continue;
    matching.push_back(std::move(m));
  }
  size_t begin = 0;
  if (q.marker) {
    auto it = std::find_if(matching.begin(), matching.end(),
                           [&](const auto& m) { return m->uuid() == *q.marker; });
    if (it == matching.end()) return invalid_parameter("Invalid marker: " + *q.marker);
    begin = static_cast<size_t>(it - matching.begin());
  }
  nlohmann::json out;
  out["EventSourceMappings"] = nlohmann::json::array();
  const size_t end = std::min(matching.size(), begin + max_items);
  for (size_t i = begin; i < end; ++i)
    out["EventSourceMappings"].push_back(describe_mapping(*matching[i]));
  if (end < matching.size()) out["NextMarker"] = matching[end]->uuid();
  return out;
}

namespace {

// The caller's mapping an event source mapping ARN names, or nullptr.
std::shared_ptr<poller::EventSourceMapping> by_arn(const Context& ctx, const std::string& arn) {
  constexpr std::string_view kKind = ":event-source-mapping:";
  const auto at = arn.find(kKind);
  if (at == std::string::npos) return nullptr;
  auto mapping = own(ctx, arn.substr(at + kKind.size()));
  return mapping && mapping->arn() == arn ? mapping : nullptr;
}

std::optional<Error> validate(const char* operation, const nlohmann::json& input) {
  return protocol::validate_input(*protocol::Model::lambda().input(operation), input);
}

}  // namespace

Output tag_resource(Context& ctx, const std::string& arn, const nlohmann::json& body) {
  nlohmann::json input = body;
  input["Resource"] = arn;  // the model's URI member
  if (auto e = validate("TagResource", input)) return *e;
  auto mapping = by_arn(ctx, arn);
  if (!mapping) return not_found();
  auto tags = mapping->config()->tags;
  for (const auto& [k, v] : input.at("Tags").items()) tags[k] = v.get<std::string>();
  mapping->retag(std::move(tags));
  if (ctx.journal) ctx.journal->save(*mapping);
  return nlohmann::json(nullptr);
}

Output untag_resource(Context& ctx, const std::string& arn, const std::vector<std::string>& keys) {
  const nlohmann::json input{{"Resource", arn}, {"TagKeys", keys}};
  if (auto e = validate("UntagResource", input)) return *e;
  auto mapping = by_arn(ctx, arn);
  if (!mapping) return not_found();
  auto tags = mapping->config()->tags;
  for (const auto& k : keys) tags.erase(k);
  mapping->retag(std::move(tags));
  if (ctx.journal) ctx.journal->save(*mapping);
  return nlohmann::json(nullptr);
}

Output list_tags(Context& ctx, const std::string& arn) {
  if (auto e = validate("ListTags", {{"Resource", arn}})) return *e;
  auto mapping = by_arn(ctx, arn);
  if (!mapping) return not_found();
  return nlohmann::json{{"Tags", mapping->config()->tags}};
}

}  // namespace kinesisd::lambda
