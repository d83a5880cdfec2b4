#include "kinesis/operations/put_errors.hpp"

#include "kinesis/operations/stream_lookup.hpp"

namespace kinesisd::operations {

std::optional<Error> refusal_error(const log::Stream::AppendResult& result,
                                   std::span<const PutEntry> records, const log::Stream& stream,
                                   bool batch) {
  using Refusal = log::Stream::AppendResult::Refusal;
  switch (result.refusal) {
    case Refusal::kNone:
      return std::nullopt;
    case Refusal::kNotWritable:
      return errors::resource_not_found(stream_not_found_message(stream.name(), stream.account()));
    case Refusal::kTooLarge: {
      const auto& entry = records[result.record];
      std::string path = "data";
      if (batch) {  // appended, not operator+ (GCC 12 -Wrestrict false positive at -O3)
        path = "records.";
        path.append(std::to_string(result.record + 1)).append(".member.data");
      }
      const auto n = std::to_string(entry.data.size());
      return errors::validation(
          "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=" + n +
          " cap=" + n + "]' at '" + path +
          "' failed to satisfy constraint: Member must have length less than or equal to " +
          std::to_string(result.max_record_bytes - entry.partition_key.size()));
    }
  }
  return errors::internal_failure();
}

Error record_error(const log::Stream::Placed& placed, const log::Stream& stream,
                   uint64_t memory_limit_bytes) {
  if (placed.status == log::AppendStatus::kFull)
    // A throughput error, so every SDK backs off and retries.
    return errors::make(
        "ProvisionedThroughputExceededException",
        "kinesisd holds " + std::to_string(memory_limit_bytes >> 20) +
            " MiB of records in memory, its --max-memory-mb limit, and takes no more for stream " +
            stream.name() +
            " until retention frees some: start kinesisd with --data-dir to keep records on "
            "disk, or shorten the retention period (DecreaseStreamRetentionPeriod).");
  if (placed.status == log::AppendStatus::kThrottled)
    // The API reference's PutRecords example response.
    return errors::make("ProvisionedThroughputExceededException",
                        "Rate exceeded for shard " + (placed.shard ? placed.shard->id() : "") +
                            " in stream " + stream.name() + " under account " + stream.account() +
                            ".");
  return errors::make("InternalFailure", "Internal service failure.", 500);
}

}  // namespace kinesisd::operations
