#include "kinesis/log/edit_journal.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "kinesis/log/stream_edit_codec.hpp"

namespace kinesisd::log {
namespace {

constexpr std::string_view kStreams = "streams";
constexpr std::string_view kEdits = "stream_edits";
constexpr std::string_view kAccount = "account";

std::string number(uint64_t n) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(n));
  return buf;
}

}  // namespace

EditJournal::EditJournal(storage::Database& db) : db_(db) {
  // Sequences continue above every recorded one.
  uint64_t last = 0;
  for (const auto& [key, value] : db_.scan(kEdits)) {
    const auto slash = key.find('/');
    if (slash != std::string::npos)
      last = std::max<uint64_t>(last, std::strtoull(key.c_str() + slash + 1, nullptr, 10));
  }
  next_sequence_ = last + 1;
}

void EditJournal::record(const StreamIdentity& stream, const StreamEdit& edit) {
  const std::string id = number(stream.id);
  const std::string key = id + "/" + number(next_sequence_++);
  const std::string value = encode_edit(edit).dump();
  if (edit.created) {
    const std::string identity = encode_identity(stream).dump();
    db_.transaction([&] {
      db_.put(kStreams, id, identity);
      db_.put(kEdits, key, value);
    });
    return;
  }
  db_.put(kEdits, key, value);
}

void EditJournal::forget(const StreamIdentity& stream) {
  const std::string id = number(stream.id);
  db_.transaction([&] {
    db_.erase_prefix(kEdits, id + "/");
    db_.erase(kStreams, id);
  });
}

std::vector<EditJournal::Recovered> EditJournal::load() const {
  std::vector<Recovered> out;
  for (const auto& [id, identity] : db_.scan(kStreams)) {
    Recovered r;
    try {
      r.identity = decode_identity(nlohmann::json::parse(identity));
    } catch (const std::exception& e) {
      spdlog::error("{}: stream {} cannot be read back ({}); skipped", db_.path(), id, e.what());
      continue;
    }
    for (const auto& [key, value] : db_.scan(kEdits, id + "/")) {
      try {
        r.edits.push_back(decode_edit(nlohmann::json::parse(value)));
      } catch (const std::exception& e) {
        spdlog::error("{}: edit {} cannot be read back ({}); skipped", db_.path(), key, e.what());
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

void EditJournal::record_account(const std::string& region, const AccountSettings::Record& r) {
  nlohmann::json j = {{"started_ms", r.started_ms}};
  if (r.ended_ms) j["ended_ms"] = *r.ended_ms;
  db_.put(kAccount, region, j.dump());
}

void EditJournal::forget_accounts() { db_.erase_prefix(kAccount, ""); }

std::vector<std::pair<std::string, AccountSettings::Record>> EditJournal::load_account() const {
  std::vector<std::pair<std::string, AccountSettings::Record>> out;
  for (const auto& [region, value] : db_.scan(kAccount)) {
    try {
      const auto j = nlohmann::json::parse(value);
      AccountSettings::Record r;
      r.started_ms = j.at("started_ms").get<int64_t>();
      if (j.contains("ended_ms")) r.ended_ms = j["ended_ms"].get<int64_t>();
      out.emplace_back(region, r);
    } catch (const std::exception& e) {
      spdlog::error("{}: account settings of {} cannot be read back ({})", db_.path(), region,
                    e.what());
    }
  }
  return out;
}

}  // namespace kinesisd::log
