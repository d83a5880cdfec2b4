// KPL aggregated records from outside (Firehose de-aggregates what a Kinesis
// source holds): any bytes, and any bytes behind the magic with a checksum
// that matches, so the protobuf reader behind it is reached.
#include "fuzz_input.hpp"
#include "kinesis/log/aggregated_record.hpp"
#include "kinesis/log/md5.hpp"

KINESISD_FUZZ_TARGET(kpl) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)kinesisd::log::deaggregate(bytes);
  std::string framed("\xF3\x89\x9A\xC2", 4);
  framed.append(bytes);
  const auto digest = kinesisd::log::md5(bytes);
  framed.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  if (auto records = kinesisd::log::deaggregate(framed)) {
    if (records->empty()) __builtin_trap();  // an aggregate holds at least one record
  }
  return 0;
}
