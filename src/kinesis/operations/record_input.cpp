#include "kinesis/operations/record_input.hpp"

#include <cstring>

#include "protocol/arn.hpp"

#include "kinesis/operations/input.hpp"
#include "protocol/base64.hpp"
#include "protocol/json_text.hpp"
#include "protocol/model.hpp"

namespace kinesisd::operations {

const PutLimits& PutLimits::model() {
  static const PutLimits limits = [] {
    const auto& m = protocol::Model::kinesis();
    auto max_of = [&](const char* shape) {
      const auto* s = m.shape(shape);
      return static_cast<size_t>(s && s->max ? *s->max : 0);
    };
    return PutLimits{max_of("PutRecordsRequestEntryList"), max_of("PartitionKey"), max_of("Data"),
                     max_of("StreamName")};
  }();
  return limits;
}

namespace {

struct RawEntry {
  std::string_view partition_key;
  std::string_view data_base64;
  std::optional<std::string_view> explicit_hash_key;
  bool keyed = true;
};

// Decodes every blob into one arena; false on invalid base64.
bool decode_into(const std::vector<RawEntry>& raw, PutRequest& out) {
  size_t total = 0;
  for (const auto& r : raw) total += protocol::base64_decoded_size(r.data_base64);
  out.arena.reset(new char[std::max<size_t>(total, 1)]);
  out.records.reserve(raw.size());
  char* at = out.arena.get();
  for (const auto& r : raw) {
    const size_t n = protocol::base64_decoded_size(r.data_base64);
    if (!protocol::base64_decode_into(r.data_base64, at)) return false;
    out.records.push_back({r.partition_key, std::string_view(at, n), r.explicit_hash_key, r.keyed});
    at += n;
  }
  return true;
}

bool stream_name_ok(std::string_view name) {
  if (name.empty() || name.size() > PutLimits::model().max_stream_name) return false;
  // The model's [a-zA-Z0-9_.-]+, in ASCII (std::isalnum is a call into the locale).
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '.' || c == '-'))
      return false;
  return true;
}

// ASCII only, so length in characters is length in bytes (the model counts
// characters); other keys take the general path.
bool partition_key_ok(std::string_view key) {
  if (key.empty() || key.size() > PutLimits::model().max_partition_key) return false;
  for (char c : key)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// The model's pattern 0|([1-9]\d{0,38}).
bool explicit_hash_key_ok(std::string_view key) {
  if (key == "0") return true;
  if (key.empty() || key.size() > 39 || key[0] < '1' || key[0] > '9') return false;
  for (char c : key)
    if (c < '0' || c > '9') return false;
  return true;
}

// A record's member by name, compared at its length (inlined: string_view's
// operator== was an out-of-line call per member of every record).
enum class Member { kData, kPartitionKey, kExplicitHashKey, kOther };

Member member_of(std::string_view name) {
  switch (name.size()) {
    case 4:
      return std::memcmp(name.data(), "Data", 4) == 0 ? Member::kData : Member::kOther;
    case 12:
      return std::memcmp(name.data(), "PartitionKey", 12) == 0 ? Member::kPartitionKey
                                                               : Member::kOther;
    case 15:
      return std::memcmp(name.data(), "ExplicitHashKey", 15) == 0 ? Member::kExplicitHashKey
                                                                  : Member::kOther;
    default:
      return Member::kOther;
  }
}

bool scan_entry(protocol::JsonScanner& j, RawEntry& e) {
  if (!j.begin_object()) return false;
  bool data = false, key = false;
  if (j.empty('}')) return false;
  do {
    std::string_view name, value;
    // The members as SDKs write them are matched whole; any other spelling
    // (spaces before the colon, say) is read as a key.
    Member member;
    if (j.take(R"("Data":)"))
      member = Member::kData;
    else if (j.take(R"("PartitionKey":)"))
      member = Member::kPartitionKey;
    else if (j.key(name))
      member = member_of(name);
    else
      return false;
    // Data is checked as base64 when decoded, which no escape survives.
    if (!(member == Member::kData ? j.raw_string(value) : j.string(value))) return false;
    if (member == Member::kData && !data) {
      if (protocol::base64_decoded_size(value) > PutLimits::model().max_blob) return false;
      e.data_base64 = value;
      data = true;
    } else if (member == Member::kPartitionKey && !key) {
      if (!partition_key_ok(value)) return false;
      e.partition_key = value;
      key = true;
    } else if (member == Member::kExplicitHashKey && !e.explicit_hash_key) {
      if (!explicit_hash_key_ok(value)) return false;
      e.explicit_hash_key = value;
    } else {
      return false;
    }
  } while (j.next('}'));
  return !j.failed() && data && key;
}

}  // namespace

PutRequest put_request_from(const json& in, bool batch) {
  PutRequest out;
  out.stream_name = opt_string(in, "StreamName");
  out.stream_arn = opt_string(in, "StreamARN");
  std::vector<RawEntry> raw;
  auto read = [&raw](const json& e) {
    RawEntry r;
    // Optional in today's model: an AUTO stream takes records without one.
    if (const auto* k = member(e, "PartitionKey"))
      r.partition_key = k->get_ref<const std::string&>();
    else
      r.keyed = false;
    r.data_base64 = e.at("Data").get_ref<const std::string&>();
    if (const auto* k = member(e, "ExplicitHashKey"))
      r.explicit_hash_key = k->get_ref<const std::string&>();
    raw.push_back(r);
  };
  if (batch)
    for (const auto& e : in.at("Records")) read(e);
  else
    read(in);
  decode_into(raw, out);  // the validator has checked the base64 already
  return out;
}

std::optional<PutRequest> scan_put_request(std::string_view body, bool batch) {
  protocol::JsonScanner j(body);
  std::vector<RawEntry> raw;
  std::optional<std::string_view> stream;
  RawEntry single;
  bool records = false;
  if (!j.begin_object() || j.empty('}')) return std::nullopt;
  do {
    std::string_view name;
    if (!j.key(name)) return std::nullopt;
    if (name == "StreamName" && !stream) {
      std::string_view value;
      if (!j.string(value) || !stream_name_ok(value)) return std::nullopt;
      stream = value;
    } else if (batch && name == "Records" && !records) {
      records = true;
      if (!j.begin_array() || j.empty(']')) return std::nullopt;
      const size_t max_records = PutLimits::model().max_records;
      raw.reserve(max_records);
      do {
        if (raw.size() == max_records) return std::nullopt;
        RawEntry e;
        if (!scan_entry(j, e)) return std::nullopt;
        raw.push_back(e);
      } while (j.next(']'));
    } else if (!batch && (name == "Data" || name == "PartitionKey" || name == "ExplicitHashKey")) {
      std::string_view value;
      if (!j.string(value)) return std::nullopt;
      if (name == "Data") {
        if (records || protocol::base64_decoded_size(value) > PutLimits::model().max_blob)
          return std::nullopt;
        single.data_base64 = value;
        records = true;  // Data seen (an empty blob is valid)
      } else if (name == "PartitionKey") {
        if (!single.partition_key.empty() || !partition_key_ok(value)) return std::nullopt;
        single.partition_key = value;
      } else {
        if (single.explicit_hash_key || !explicit_hash_key_ok(value)) return std::nullopt;
        single.explicit_hash_key = value;
      }
    } else {
      return std::nullopt;  // StreamARN, StreamId, ordering, unknown members: general path
    }
  } while (j.next('}'));
  if (j.failed() || !j.at_end() || !stream || !records) return std::nullopt;
  if (!batch) {
    if (single.partition_key.empty()) return std::nullopt;
    raw.push_back(single);
  }
  PutRequest out;
  out.stream_name = std::string(*stream);
  if (!decode_into(raw, out)) return std::nullopt;
  return out;
}

protocol::Outcome<log::HashKey> hash_key_of(const PutEntry& entry) {
  if (!entry.explicit_hash_key) return log::hash_partition_key(entry.partition_key);
  auto key = log::parse_hash_key(*entry.explicit_hash_key);
  if (!key)
    return errors::invalid_argument(
        "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
        "Specified value was " +
        std::string(*entry.explicit_hash_key));
  return *key;
}

protocol::Outcome<std::vector<log::Stream::Entry>> stream_entries(const PutRequest& request) {
  std::vector<log::Stream::Entry> entries;
  entries.reserve(request.records.size());
  for (const auto& r : request.records) {
    std::optional<log::HashKey> key;
    if (r.explicit_hash_key) {
      auto parsed = hash_key_of(r);
      if (!parsed.ok()) return parsed.error();
      key = parsed.value();
    }
    entries.push_back({r.partition_key, r.data, key});
  }
  return entries;
}

std::optional<protocol::Error> check_keys(const log::Stream& stream, const PutRequest& request,
                                          bool batch, bool ordered) {
  if (stream.distribution() == log::RecordDistribution::kAuto) {
    if (ordered)
      return errors::invalid_argument(
          "SequenceNumberForOrdering is not supported on stream " + stream.name() +
          " under account " + stream.account() +
          ": it uses the AUTO record distribution strategy, which orders no records by key.");
    return std::nullopt;
  }
  // Coral's answer for a member the model once required, as AWS recorded it
  // ("Value null at 'records.1.member.partitionKey' failed to satisfy
  // constraint: Member must not be null", snowplow/enrich#377), at most 10.
  std::vector<std::string> missing;
  for (size_t i = 0; i < request.records.size() && missing.size() < 10; ++i)
    if (!request.records[i].keyed)
      missing.push_back("Value null at '" +
                        (batch ? "records." + std::to_string(i + 1) + ".member.partitionKey"
                               : std::string("partitionKey")) +
                        "' failed to satisfy constraint: Member must not be null");
  if (missing.empty()) return std::nullopt;
  std::string message = std::to_string(missing.size()) +
                        (missing.size() == 1 ? " validation error" : " validation errors") +
                        " detected: ";
  for (size_t i = 0; i < missing.size(); ++i) message += (i ? "; " : "") + missing[i];
  return errors::validation(std::move(message));
}

std::string put_resource(const std::string& region, const std::string& account,
                         const PutRequest& request) {
  return request.stream_arn
             ? *request.stream_arn
             : protocol::stream_arn(region, account, request.stream_name.value_or(""));
}

}  // namespace kinesisd::operations
