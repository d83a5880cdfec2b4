// SigV4's parts from outside: the Authorization header (or a presigned
// query), X-Amz-Date, the security token; parsed (protocol/auth), then
// verified against a secret (protocol/sigv4). Lines of the input: the
// Authorization value, X-Amz-Date, the query string, the body.
#include "fuzz_input.hpp"
#include "protocol/auth.hpp"
#include "protocol/sigv4.hpp"

KINESISD_FUZZ_TARGET(sigv4) {
  kinesisd::fuzz::Input in(data, size);
  const std::string_view authorization = in.until('\n');
  const std::string_view date = in.until('\n');
  const std::string_view query = in.until('\n');
  kinesisd::protocol::ApiRequest r;
  r.method = "POST";
  r.path = "/";
  r.query = query;
  r.body = in.rest();
  r.headers = {{"Host", "localhost:4567"},
               {"Content-Type", "application/x-amz-json-1.1"},
               {"X-Amz-Target", "Kinesis_20131202.ListStreams"}};
  if (!authorization.empty()) r.headers.push_back({"Authorization", authorization});
  if (!date.empty()) r.headers.push_back({"X-Amz-Date", date});
  const auto credentials = kinesisd::protocol::authenticate(r);
  if (credentials.ok())
    (void)kinesisd::protocol::verify_signature(r, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                               1'796'000'000'000);
  return 0;
}
