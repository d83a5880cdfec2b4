// The CBOR decoder, and what a decoded request becomes (its JSON-protocol
// form by the PutRecords input shape), and the encoder back.
#include "fuzz_input.hpp"
#include "protocol/cbor.hpp"
#include "protocol/model.hpp"

KINESISD_FUZZ_TARGET(cbor) {
  auto value = kinesisd::protocol::cbor_decode({reinterpret_cast<const char*>(data), size});
  if (!value) return 0;
  const auto& model = kinesisd::protocol::Model::kinesis();
  const auto* shape = model.input("PutRecords");
  auto request = *value;
  kinesisd::protocol::cbor_request_to_json(request, *shape);
  const std::string back =
      kinesisd::protocol::json_reply_to_cbor(*value, model.output("GetRecords"));
  if (!kinesisd::protocol::cbor_decode(back)) __builtin_trap();  // what we write, we read
  return 0;
}
