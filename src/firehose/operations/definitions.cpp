#include "firehose/operations/definitions.hpp"

#include <spdlog/spdlog.h>

#include "firehose/delivery/delivery_journal.hpp"
#include "firehose/operations/catalog.hpp"

namespace kinesisd::firehose {
namespace {

delivery::DeliveryJournal* journal_of(const Context& ctx) {
  return ctx.restoring ? nullptr : ctx.registry.world().journal;
}

json state_of(const delivery::DeliveryStream& stream, json row) {
  json tags = json::array();
  for (const auto& [k, v] : stream.tags()) tags.push_back({k, v});
  row["tags"] = std::move(tags);
  row["encryption"] = stream.encryption();
  const auto [deleting, gone] = stream.deletion();
  row["deleting_at_ms"] = deleting;
  row["gone_at_ms"] = gone;
  return row;
}

}  // namespace

void record_created(const Context& ctx, const delivery::DeliveryStream& stream,
                    const json& create_input) {
  auto* journal = journal_of(ctx);
  if (!journal) return;
  const auto& id = stream.identity();
  json row{{"identity",
            {{"name", id.name},
             {"region", id.region},
             {"account", id.account},
             {"created_ms", id.created_ms},
             {"ready_at_ms", stream.ready_at_ms()}}},
           {"create", create_input},
           {"updates", json::array()}};
  journal->save(id.arn, state_of(stream, std::move(row)));
}

void record_updated(const Context& ctx, const delivery::DeliveryStream& stream,
                    const json& update_input) {
  auto* journal = journal_of(ctx);
  if (!journal) return;
  auto row = journal->definition(stream.identity().arn);
  if (!row) return;
  (*row)["updates"].push_back({{"input", update_input}, {"at_ms", ctx.now_ms}});
  journal->save(stream.identity().arn, *row);
}

void record_state(const Context& ctx, const delivery::DeliveryStream& stream) {
  auto* journal = journal_of(ctx);
  if (!journal) return;
  auto row = journal->definition(stream.identity().arn);
  if (!row) return;
  journal->save(stream.identity().arn, state_of(stream, std::move(*row)));
}

size_t restore_delivery_streams(delivery::DeliveryRegistry& registry, const Settings& settings) {
  auto* journal = registry.world().journal;
  if (!journal) return 0;
  size_t restored = 0;
  for (const auto& row : journal->load()) {
    const auto& id = row.at("identity");
    const std::string name = id.at("name");
    Settings at_creation = settings;
    const int64_t created_ms = id.at("created_ms");
    at_creation.create_delay_ms = id.value("ready_at_ms", created_ms) - created_ms;
    Context ctx{registry, at_creation, id.at("region"), created_ms, id.at("account")};
    ctx.restoring = true;
    auto created = create_delivery_stream(ctx, row.at("create"));
    if (!created.ok()) {
      spdlog::error("data dir: delivery stream {} does not come back: {}", name,
                    created.error().message);
      continue;
    }
    auto stream = registry.find(id.at("account"), id.at("region"), name);
    if (!stream) continue;  // (not started: it is gone already)
    for (const auto& update : row.value("updates", json::array())) {
      ctx.now_ms = update.at("at_ms");
      auto updated = update_destination(ctx, update.at("input"));
      if (!updated.ok())
        spdlog::error("data dir: delivery stream {}: an update does not apply again: {}", name,
                      updated.error().message);
    }
    std::vector<std::string> keys;
    for (const auto& [k, v] : stream->tags()) keys.push_back(k);
    stream->untag(keys);
    std::vector<std::pair<std::string, std::string>> tags;
    for (const auto& t : row.value("tags", json::array())) tags.emplace_back(t.at(0), t.at(1));
    stream->tag(tags);
    if (row.contains("encryption")) stream->set_encryption(row["encryption"]);
    if (const int64_t deleting = row.value("deleting_at_ms", int64_t{0}))
      stream->remove(deleting, row.value("gone_at_ms", deleting));
    stream->start();  // its buffer, from the log or the source's checkpoint, as it was
    ++restored;
  }
  return restored;
}

}  // namespace kinesisd::firehose
