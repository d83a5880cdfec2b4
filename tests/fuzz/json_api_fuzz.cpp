// A request body through AWS's order of checks, the validator and the
// operation: the first byte picks a Kinesis operation and the body format
// (JSON or CBOR), the rest is the body. A stream with two shards and a
// record exists, so operations get past "not found".
#include "fuzz_input.hpp"
#include "protocol/model.hpp"
#include "tests/kinesis/kinesis_service.hpp"

namespace {

using kinesisd::protocol::ApiRequest;

kinesisd::service::testing::KinesisService* make_service() {
  auto* s = new kinesisd::service::testing::KinesisService();
  for (const char* call : {R"({"StreamName":"s","ShardCount":2})",
                           R"({"StreamName":"s","PartitionKey":"k","Data":"aGk="})"}) {
    ApiRequest r;
    r.method = "POST";
    r.path = "/";
    const bool create = std::string_view(call).find("ShardCount") != std::string_view::npos;
    r.headers = {
        {"X-Amz-Target", create ? "Kinesis_20131202.CreateStream" : "Kinesis_20131202.PutRecord"},
        {"Content-Type", "application/x-amz-json-1.1"}};
    r.body = call;
    s->router.handle(r);
  }
  return s;
}

}  // namespace

KINESISD_FUZZ_TARGET(json_api) {
  static auto* service = make_service();
  static const auto operations = kinesisd::protocol::Model::kinesis().operations();
  kinesisd::fuzz::Input in(data, size);
  const uint8_t pick = in.byte();
  const std::string target = "Kinesis_20131202." + operations[pick % operations.size()];
  ApiRequest r;
  r.method = "POST";
  r.path = "/";
  r.headers = {
      {"X-Amz-Target", target},
      {"Content-Type", pick & 0x80 ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1"}};
  r.body = in.rest();
  const auto response = service->router.handle(r);
  if (response.status == 500) __builtin_trap();  // a bug, not a refusal
  if (response.streamed) response.streamed->close();
  return 0;
}
