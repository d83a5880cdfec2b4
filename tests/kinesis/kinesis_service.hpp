// The Kinesis API behind a Router, in memory, for tests that drive requests
// through the service layer (the router's own tests, the transports').
#pragma once

#include "kinesis/log/stream_store.hpp"
#include "protocol/signed_token.hpp"
#include "endpoint/aws_json_endpoint.hpp"
#include "server/cors.hpp"
#include "kinesis/kinesis_api.hpp"
#include "server/router.hpp"

namespace kinesisd::service::testing {

struct KinesisService {
  log::OffsetClock clock;
  log::StreamStore store{[] {
                           log::StoreOptions o;
                           o.create_delay_ms = 0;
                           return o;
                         }(),
                         clock};
  protocol::SignedToken signer;
  KinesisApi kinesis{store, signer};
  AwsJsonEndpoint aws_json{{&kinesis}, "us-east-1"};
  Preflight preflight;
  Router router{Endpoints{nullptr, nullptr, nullptr, &preflight, &aws_json}, nullptr};
};

}  // namespace kinesisd::service::testing
