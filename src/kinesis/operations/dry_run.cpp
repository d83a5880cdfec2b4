#include "kinesis/operations/dry_run.hpp"

#include "kinesis/operations/control_plane_quotas.hpp"

namespace kinesisd::operations {

bool dry_run(const json& in) {
  const auto it = in.find("DryRun");
  return it != in.end() && it->is_boolean() && it->get<bool>();
}

Error dry_run_answer(Context& ctx, const log::Stream& stream) {
  if (ctx.quotas && !ctx.quotas->admit_dry_run(stream.arn(), ctx.now_ms))
    return errors::make("ThrottlingException", "Rate exceeded for DryRun requests on stream " +
                                                   stream.name() + " under account " +
                                                   stream.account() + ".");
  // The model's words for the exception (DryRunOperationException).
  return errors::make("DryRunOperationException",
                      "The request was rejected because the DryRun parameter was specified.");
}

}  // namespace kinesisd::operations
