// `kinesisd tail STREAM`: what `kcat -C` is to Kafka. Talks to a running
// kinesisd (or any Kinesis endpoint) and prints the records of every shard
// as they arrive, one line each (cli/record_line.hpp), following reshards: a
// child shard is read from its start once its parents are read to their end.
//
//   kinesisd tail STREAM|STREAM-ARN [--endpoint URL] [--region R]
//       [--from latest|trim-horizon|TIME] [--json | --base64] [--count N]
//
// The endpoint is --endpoint, else $AWS_ENDPOINT_URL_KINESIS, else
// $AWS_ENDPOINT_URL, else http://localhost:4567; the region --region, else
// $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1. Calls are signed
// with the environment's credentials (kinesisd --auth sigv4 checks them).
// TIME is an ISO 8601 UTC time (2026-12-07T10:00:00Z) or epoch seconds.
// Ctrl-C (SIGINT) or SIGTERM ends it with status 0; --count N after N
// records. An unknown stream or an unreachable endpoint: a line on stderr,
// status 1; a bad flag: status 2.
#pragma once

#include <atomic>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace kinesisd::cli {

// `args` are what follows "tail". Returns the exit status.
int run_tail(const std::vector<std::string>& args,
             const std::function<const char*(const char*)>& environment, std::ostream& out,
             std::ostream& err, const std::atomic<bool>& stop);

// The process's entry for `kinesisd tail ...` (argv[0] is "tail"): stops on
// SIGINT and SIGTERM, prints to stdout and stderr.
int tail_main(int argc, char** argv);

}  // namespace kinesisd::cli
