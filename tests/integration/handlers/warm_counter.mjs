// A Node.js runtime handler for tests: counts its calls at module level and
// appends "pid calls records" per invocation to $CALLS_LOG.
import { appendFileSync } from "node:fs";

let calls = 0;

export const handler = async (event) => {
  calls += 1;
  appendFileSync(process.env.CALLS_LOG, `${process.pid} ${calls} ${event.Records.length}\n`);
  return { batchItemFailures: [] };
};
