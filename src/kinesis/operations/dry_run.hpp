// DryRun on PutRecord, PutRecords, GetRecords, GetShardIterator and
// SubscribeToShard ("Test your permissions and request inputs with dry run",
// the Kinesis developer guide): the call's IAM, parameter and existence
// checks run as usual and a failing one answers its usual error; when all
// pass the answer is HTTP 400 DryRunOperationException and nothing is read or
// written. KMS permissions are not checked. Under --limits aws dry runs have
// a limit of their own, 1 call per second per stream shared by the five
// operations, past which they get ThrottlingException.
#pragma once

#include "kinesis/log/stream.hpp"
#include "kinesis/operations/operation.hpp"

namespace kinesisd::operations {

// Whether the call asks for a dry run.
bool dry_run(const json& in);

// The answer of a dry run whose checks passed.
Error dry_run_answer(Context& ctx, const log::Stream& stream);

}  // namespace kinesisd::operations
