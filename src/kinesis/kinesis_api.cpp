#include "kinesis/kinesis_api.hpp"

#include "kinesis/operations/call_target.hpp"
#include "kinesis/operations/operation.hpp"
#include "kinesis/operations/record_input.hpp"
#include "protocol/arn.hpp"

namespace kinesisd::service {
namespace {

// What resolve() found, for call(): the stream and shard the call names, and
// the stream itself (null when it names none, or none by that name exists).
// What read_fast() read, for call_fast(): the operation and its request.
struct FastRead {
  const operations::Operation* op;
  std::shared_ptr<const operations::PutRequest> request;
};

struct Found {
  operations::CallTarget target;
  std::shared_ptr<log::Stream> stream;
};

operations::Context context(log::StreamStore& store, const protocol::SignedToken& signer,
                            channels::ChannelRegistry* channels, const Caller& caller) {
  operations::Context ctx{store, signer, caller.region, store.clock().now_ms()};
  ctx.channels = channels;
  ctx.content_type = caller.content_type;
  ctx.use_key = caller.use_key;
  ctx.caller_account = caller.account;
  return ctx;
}

// The answer of a rule's "error": its message, or the one AWS gives for the
// type where it has one for this call (put_errors.cpp, get_records.cpp and
// kinesis/operations/control_plane_quotas.hpp cite them).
protocol::Error injected_error(const faults::Fired& f, const operations::Context& ctx,
                               std::string_view operation, const operations::CallTarget& target) {
  std::string message;
  if (f.message) {
    message = *f.message;
  } else if (f.error == "ProvisionedThroughputExceededException" && !target.shard.empty()) {
    message = operation == "GetRecords"
                  ? "Rate exceeded for Shard - " + ctx.account() + "/" + target.stream + "/" +
                        target.shard
                  : "Rate exceeded for shard " + target.shard + " in stream " + target.stream +
                        " under account " + ctx.account() + ".";
  } else if ((f.error == "LimitExceededException" ||
              f.error == "ProvisionedThroughputExceededException") &&
             !target.stream.empty()) {
    message = "Rate exceeded for stream " + target.stream + " under account " + ctx.account() + ".";
  } else if (f.error == "LimitExceededException") {
    message = "Rate exceeded for account " + ctx.account() + ".";
  } else if (f.error != "InternalFailure" && f.error != "ServiceUnavailable") {
    message = "Injected by kinesisd fault rule " + std::to_string(f.rule) + ".";
  }
  return protocol::errors::make(f.error, std::move(message), f.status);
}

}  // namespace

const protocol::Model& KinesisApi::model() const { return protocol::Model::kinesis(); }

bool KinesisApi::implements(std::string_view operation) const {
  return operations::find_operation(operation) != nullptr;
}

// With fault rules every call takes the general path, which consults them.
// (The hot operations have no control-plane quota: their limits are the
// shards', checked in Stream::append.)
bool KinesisApi::reads_fast(std::string_view operation) const {
  if (faults_ && faults_->active()) return false;
  const auto* op = operations::find_operation(operation);
  return op && op->read_fast;
}

std::optional<Resolved> KinesisApi::read_fast(std::string_view operation, const Caller& caller,
                                              std::string_view body) const {
  const auto* op = operations::find_operation(operation);
  if (!op || !op->read_fast) return std::nullopt;
  auto request = std::make_shared<operations::PutRequest>();
  if (!op->read_fast(body, *request)) return std::nullopt;
  const std::string& account =
      caller.account.empty() ? store_.options().account_id : caller.account;
  Resolved read{operations::put_resource(caller.region, account, *request), {}};
  read.found = FastRead{op, std::move(request)};
  return read;
}

Outcome KinesisApi::call_fast(std::string_view, const Caller& caller, const Resolved& read) const {
  const auto* fast = std::any_cast<FastRead>(&read.found);
  if (!fast) return protocol::errors::internal_failure();
  auto ctx = context(store_, signer_, channels_, caller);
  return fast->op->run_fast(ctx, *fast->request);
}

Outcome KinesisApi::call(std::string_view operation, const Caller& caller,
                         const nlohmann::json& input, const Resolved& resolved,
                         Delivery& delivery) const {
  auto ctx = context(store_, signer_, channels_, caller);
  ctx.quotas = quotas_;
  const bool faulty = faults_ && faults_->active();
  const auto* found = std::any_cast<Found>(&resolved.found);
  const operations::CallTarget target = found ? found->target : operations::CallTarget{};
  if (found) ctx.resolved_stream = found->stream;
  if (quotas_) {
    if (auto refused =
            quotas_->admit(operation, ctx.account(), ctx.region, target.stream, ctx.now_ms)) {
      store_.throttles().add(operation, target.stream, "");
      return *refused;
    }
  }
  std::optional<faults::Fired> fault;
  if (faulty) {
    auto decision = faults_->on_call({operation, target.stream, target.shard});
    if (decision.latency_ms > 0 && delays_)
      delivery.defer = [delays = delays_, ms = decision.latency_ms](std::function<void()> send) {
        delays->after(ms, std::move(send));
      };
    fault = std::move(decision.fault);
  }
  if (fault) {
    switch (fault->effect) {
      case faults::Effect::kError:
        return injected_error(*fault, ctx, operation, target);
      case faults::Effect::kDrop:  // the request is lost before it is served
        delivery.drop = true;
        return protocol::Reply(nullptr);
      case faults::Effect::kPartial:
        ctx.partial_fault = &*fault;
        break;
      case faults::Effect::kLatency:
      case faults::Effect::kHandler:
        break;
    }
  }
  return operations::find_operation(operation)->run(ctx, input);
}

Resolved KinesisApi::resolve(std::string_view operation, const Caller& caller,
                             const nlohmann::json& input) const {
  const auto ctx = context(store_, signer_, channels_, caller);
  Found found;
  // The shard a PutRecord's key routes to is only for quotas and fault rules.
  found.target = operations::call_target(ctx, operation, input,
                                         /*route=*/quotas_ || (faults_ && faults_->active()));
  const auto& t = found.target;
  const std::string account = t.account.empty() ? ctx.account() : t.account;
  const std::string region = t.region.empty() ? caller.region : t.region;
  if (!t.stream.empty()) found.stream = store_.find(account, region, t.stream);
  Resolved r;
  if (auto consumer = input.find("ConsumerARN"); consumer != input.end() && consumer->is_string())
    r.resource_arn = consumer->get<std::string>();
  else if (auto arn = input.find("ResourceARN"); arn != input.end() && arn->is_string())
    r.resource_arn = arn->get<std::string>();
  else if (auto arn = input.find("StreamARN"); arn != input.end() && arn->is_string())
    r.resource_arn = arn->get<std::string>();
  else if (!t.stream.empty())
    r.resource_arn = protocol::stream_arn(region, account, t.stream);
  r.found = std::move(found);
  return r;
}

std::map<std::string, std::string> KinesisApi::resource_tags(const std::string& arn) const {
  if (auto ref = protocol::parse_stream_arn(arn)) {
    if (auto stream = store_.find(ref->account, ref->region, ref->name)) return stream->tags();
  } else if (auto consumer = protocol::parse_consumer_arn(arn)) {
    if (auto stream =
            store_.find(consumer->stream.account, consumer->stream.region, consumer->stream.name))
      for (const auto& c : stream->consumers(store_.clock().now_ms()))
        if (c.name == consumer->name) return c.tags;
  }
  return {};
}

std::string KinesisApi::resource_policy(const std::string& arn) const {
  if (!store_.any_resource_policy()) return {};  // the common case, without a lookup
  if (auto ref = protocol::parse_stream_arn(arn)) {
    if (auto stream = store_.find(ref->account, ref->region, ref->name))
      return stream->resource_policy();
  } else if (auto consumer = protocol::parse_consumer_arn(arn)) {
    if (auto stream =
            store_.find(consumer->stream.account, consumer->stream.region, consumer->stream.name))
      if (auto c = stream->consumer(consumer->name, store_.clock().now_ms()))
        return c->resource_policy;
  }
  return {};
}

faults::Vocabulary KinesisApi::vocabulary() {
  return faults::Vocabulary{
      [](std::string_view operation) { return operations::find_operation(operation) != nullptr; },
      [](std::string_view type) -> std::optional<int> {
        // The errors every AWS service may answer, then the model's own.
        if (type == "InternalFailure") return 500;
        if (type == "ServiceUnavailable") return 503;
        if (type == "ThrottlingException") return 400;
        const auto* shape = protocol::Model::kinesis().shape(type);
        if (!shape || !shape->exception) return std::nullopt;
        return shape->fault ? 500 : 400;
      }};
}

}  // namespace kinesisd::service
