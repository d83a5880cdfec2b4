#include "firehose/delivery/partition_query.hpp"

#include <dlfcn.h>

#include <nlohmann/json.hpp>

extern "C" {
#include <jq.h>
}

namespace kinesisd::delivery {
namespace {

// The part of libjq a query uses, resolved once with dlopen.
struct Jq {
  decltype(&::jq_init) init = nullptr;
  decltype(&::jq_set_error_cb) set_error_cb = nullptr;
  decltype(&::jq_compile) compile = nullptr;
  decltype(&::jq_start) start = nullptr;
  decltype(&::jq_next) next = nullptr;
  decltype(&::jq_teardown) teardown = nullptr;
  decltype(&::jv_parse_sized) parse_sized = nullptr;
  decltype(&::jv_get_kind) get_kind = nullptr;
  decltype(&::jv_dump_string) dump_string = nullptr;
  decltype(&::jv_string_value) string_value = nullptr;
  decltype(&::jv_invalid_get_msg) invalid_get_msg = nullptr;
  decltype(&::jv_free) free = nullptr;
  std::string error;  // why it is not there

  bool loaded() const { return error.empty(); }
};

const Jq& jq() {
  static const Jq lib = [] {
    Jq j;
    void* handle = dlopen("libjq.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      j.error = std::string("jq 1.6's library cannot be loaded (Debian: apt install libjq1): ") +
                dlerror();
      return j;
    }
    auto bind = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(handle, name));
      if (!fn && j.error.empty()) j.error = std::string("libjq.so.1 has no ") + name;
    };
    bind(j.init, "jq_init");
    bind(j.set_error_cb, "jq_set_error_cb");
    bind(j.compile, "jq_compile");
    bind(j.start, "jq_start");
    bind(j.next, "jq_next");
    bind(j.teardown, "jq_teardown");
    bind(j.parse_sized, "jv_parse_sized");
    bind(j.get_kind, "jv_get_kind");
    bind(j.dump_string, "jv_dump_string");
    bind(j.string_value, "jv_string_value");
    bind(j.invalid_get_msg, "jv_invalid_get_msg");
    bind(j.free, "jv_free");
    return j;  // the handle stays open for the process
  }();
  return lib;
}

// A jv's text (consumes it).
std::string dump(jv value) {
  const auto& j = jq();
  jv text = j.dump_string(value, 0);
  std::string out = j.string_value(text);
  j.free(text);
  return out;
}

}  // namespace

struct PartitionQuery::State {
  jq_state* jq = nullptr;
  std::string messages;  // what jq said while compiling or running

  ~State() {
    if (jq) ::kinesisd::delivery::jq().teardown(&jq);
  }
};

PartitionQuery::PartitionQuery(std::unique_ptr<State> state) : state_(std::move(state)) {}
PartitionQuery::~PartitionQuery() = default;

protocol::Outcome<std::unique_ptr<PartitionQuery>> PartitionQuery::compile(
    const std::string& program) {
  const auto& j = jq();
  if (!j.loaded())
    return protocol::errors::invalid_argument("kinesisd cannot run the MetadataExtractionQuery: " +
                                              j.error);
  auto state = std::make_unique<State>();
  state->jq = j.init();
  if (!state->jq)
    return protocol::errors::invalid_argument("kinesisd could not start jq for the query.");
  j.set_error_cb(
      state->jq,
      [](void* data, jv message) {
        auto* messages = static_cast<std::string*>(data);
        const auto& lib = ::kinesisd::delivery::jq();
        if (!messages->empty()) *messages += "; ";
        if (lib.get_kind(message) == JV_KIND_STRING) {
          *messages += lib.string_value(message);
          lib.free(message);
        } else {
          *messages += dump(message);
        }
      },
      &state->messages);
  if (!j.compile(state->jq, program.c_str()))
    return protocol::errors::invalid_argument(
        "The MetadataExtractionQuery '" + program +
        "' is not a valid JQ-1.6 expression: " + state->messages);
  return std::unique_ptr<PartitionQuery>(new PartitionQuery(std::move(state)));
}

std::optional<PartitionKeys> PartitionQuery::keys(std::string_view record, std::string& error) {
  const auto& j = jq();
  jv input = j.parse_sized(record.data(), static_cast<int>(record.size()));
  if (j.get_kind(input) == JV_KIND_INVALID) {
    jv message = j.invalid_get_msg(input);
    error = "The record is not valid JSON: " + (j.get_kind(message) == JV_KIND_STRING
                                                    ? std::string(j.string_value(message))
                                                    : std::string("unparsable"));
    j.free(message);
    return std::nullopt;
  }
  state_->messages.clear();
  j.start(state_->jq, input, 0);  // takes the input
  jv result = j.next(state_->jq);
  if (j.get_kind(result) == JV_KIND_INVALID) {
    jv message = j.invalid_get_msg(result);
    const bool has = j.get_kind(message) != JV_KIND_NULL && j.get_kind(message) != JV_KIND_INVALID;
    error = "The query failed on the record" + (has ? ": " + dump(message) : std::string());
    if (!has) j.free(message);
    return std::nullopt;
  }
  // The result as JSON text, read back with nlohmann (one object, its members plain values).
  const auto doc = nlohmann::json::parse(dump(result), nullptr, false);
  while (true) {  // drain further outputs so the next record starts clean
    jv more = j.next(state_->jq);
    const bool done = j.get_kind(more) == JV_KIND_INVALID;
    j.free(more);
    if (done) break;
  }
  if (!doc.is_object()) {
    error = "The query's result is not an object of partitioning keys.";
    return std::nullopt;
  }
  PartitionKeys keys;
  for (const auto& [name, value] : doc.items()) {
    if (value.is_string())
      keys[name] = value.get<std::string>();
    else if (value.is_number() || value.is_boolean())
      keys[name] = value.dump();
    else {
      error = "The partitioning key '" + name + "' is " +
              (value.is_null() ? std::string("null") : "not a string or a number") +
              " in the record.";
      return std::nullopt;
    }
  }
  return keys;
}

}  // namespace kinesisd::delivery
