#!/usr/bin/env node
// Runs an unmodified Node.js Lambda handler as a kinesisd `runtime` handler:
//
//   node run.mjs [FILE.EXPORT]        (or _HANDLER=file.export, as Lambda sets it)
//
// It imports the handler once, then serves invocations through the Lambda
// Runtime API at $AWS_LAMBDA_RUNTIME_API until kinesisd stops it, so
// module-level state lives across batches as in a warm Lambda environment.
// Async handlers (returning a promise) and callback handlers both work. An
// import that fails goes to /runtime/init/error, a thrown error or a rejected
// promise to /runtime/invocation/{id}/error, in Lambda's error shape.
import path from "node:path";
import { pathToFileURL } from "node:url";

const api = `http://${process.env.AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime`;
const spec = process.argv[2] ?? process.env._HANDLER ?? "";
const root = process.env.LAMBDA_TASK_ROOT ?? process.cwd();

const shape = (err) => ({
  errorType: err?.name ?? "Error",
  errorMessage: err?.message ?? String(err),
  stackTrace: (err?.stack ?? "").split("\n").slice(1).map((l) => l.trim()),
});

async function post(where, body, type) {
  const headers = { "content-type": "application/json" };
  if (type) headers["Lambda-Runtime-Function-Error-Type"] = type;
  await fetch(`${api}/${where}`, { method: "POST", body: JSON.stringify(body), headers });
}

async function load() {
  const dot = spec.lastIndexOf(".");
  if (dot < 1) throw new Error(`bad handler '${spec}': expected file.export`);
  const file = spec.slice(0, dot), name = spec.slice(dot + 1);
  let module;
  for (const ext of [".mjs", ".js", ".cjs"]) {
    try {
      module = await import(pathToFileURL(path.resolve(root, file + ext)).href);
      break;
    } catch (err) {
      if (err.code !== "ERR_MODULE_NOT_FOUND") throw err;
    }
  }
  if (!module) throw new Error(`Cannot find module '${file}' in ${root}`);
  const fn = module[name] ?? module.default?.[name];
  if (typeof fn !== "function") throw new Error(`${spec} is undefined or not exported`);
  return fn;
}

let handler;
try {
  handler = await load();
} catch (err) {
  console.error(err);
  await post("init/error", { ...shape(err), errorType: "Runtime.ImportModuleError" },
             "Runtime.ImportModuleError");
  process.exit(1);
}

for (;;) {
  const next = await fetch(`${api}/invocation/next`);
  if (next.status !== 200) process.exit(0);  // kinesisd is stopping this instance
  const id = next.headers.get("lambda-runtime-aws-request-id");
  const deadline = Number(next.headers.get("lambda-runtime-deadline-ms"));
  const event = await next.json();
  const context = {
    awsRequestId: id,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: next.headers.get("lambda-runtime-invoked-function-arn"),
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await new Promise((resolve, reject) => {
      const returned = handler(event, context, (err, value) => (err ? reject(err) : resolve(value)));
      if (returned && typeof returned.then === "function") returned.then(resolve, reject);
      else if (handler.length < 3) resolve(returned);
    });
    await post(`invocation/${id}/response`, result ?? null);
  } catch (err) {
    console.error(err);
    const s = shape(err);
    await post(`invocation/${id}/error`, s, s.errorType);
  }
}
