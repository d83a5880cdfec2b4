// Kinesis requests as complete HTTP/1.1 messages, built before the clock
// starts: POST / with X-Amz-Target, a SigV4-shaped Authorization header (the
// emulators check its shape, not the signature) and a JSON body. After
// sign_requests_with(), the header carries a real signature made at build
// time (valid for the 5 minutes of AWS's clock skew: longer than any run).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kinesisd::bench {

// Signs every request built from now on with this access key and secret
// (kinesisd --auth sigv4 verifies them).
void sign_requests_with(std::string access_key, std::string secret);

std::string kinesis_request(std::string_view host, std::string_view operation,
                            std::string_view json_body,
                            std::string_view target_prefix = "Kinesis_20131202");

// Firehose's PutRecordBatch body: {"DeliveryStreamName":..,"Records":[{"Data":..}...]}.
std::string put_record_batch_body(std::string_view delivery_stream, int count, int size,
                                  unsigned seed);

// {"StreamName":..,"Records":[{"Data":..,"PartitionKey":..}...]} with `count`
// records of `size` bytes each; keys spread over many values from `seed`.
std::string put_records_body(std::string_view stream, int count, int size, unsigned seed);
std::string put_record_body(std::string_view stream, int size, unsigned seed);

// What the response bodies say, found without a JSON parser.
long failed_record_count(std::string_view body);  // -1 when absent
std::string json_string_member(std::string_view body, std::string_view name);
size_t count_records(std::string_view get_records_body);

}  // namespace kinesisd::bench
