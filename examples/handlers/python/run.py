#!/usr/bin/env python3
"""Runs an unmodified Lambda handler (def handler(event, context)) for kinesisd.

    python3 run.py [MODULE:FUNCTION]

As a `runtime` handler (AWS_LAMBDA_RUNTIME_API set, as Lambda sets it): the
runner imports the handler once (MODULE:FUNCTION, or Lambda's _HANDLER
"module.function") and then serves invocations through the Lambda Runtime API
until kinesisd stops it, so module-level state (clients, caches, counters)
lives across batches as in a warm Lambda environment. An import that fails is
reported to /runtime/init/error, an uncaught exception to
/runtime/invocation/{id}/error in Lambda's error shape (errorMessage,
errorType, stackTrace).

As a `process` handler (no AWS_LAMBDA_RUNTIME_API): kinesisd starts it once per
batch with Lambda's Kinesis event on stdin; the return value is written as JSON
on stdout (nothing for None), an uncaught exception exits with status 1 after
printing its traceback to stderr. Anything the handler prints goes to stderr.

MODULE is looked up next to this file, in the working directory and on
PYTHONPATH.
"""
import http.client
import importlib
import json
import os
import sys
import time
import traceback
import uuid


class LambdaContext:
    """The attributes and method of Lambda's Python context object."""

    def __init__(self, request_id=None, deadline_ms=None, function_arn=None):
        name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "handler")
        region = os.environ.get("AWS_REGION", "us-east-1")
        account = os.environ.get("KINESISD_ACCOUNT_ID", "000000000000")
        timeout_s = float(os.environ.get("AWS_LAMBDA_FUNCTION_TIMEOUT", "30"))
        self.function_name = name
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.invoked_function_arn = function_arn or f"arn:aws:lambda:{region}:{account}:function:{name}"
        self.memory_limit_in_mb = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"))
        self.aws_request_id = request_id or str(uuid.uuid4())
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME", f"/aws/lambda/{name}")
        self.log_stream_name = os.environ.get(
            "AWS_LAMBDA_LOG_STREAM_NAME", time.strftime("%Y/%m/%d/[$LATEST]") + uuid.uuid4().hex)
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms if deadline_ms else (time.time() + timeout_s) * 1000

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def error_shape(exc):
    return {"errorMessage": str(exc), "errorType": type(exc).__name__,
            "stackTrace": traceback.format_tb(exc.__traceback__)}


def load_handler(spec):
    for path in (os.environ.get("LAMBDA_TASK_ROOT"), os.getcwd(),
                 os.path.dirname(os.path.abspath(__file__))):
        if path and path not in sys.path:
            sys.path.insert(0, path)
    if ":" in spec:
        module_name, function_name = spec.split(":", 1)
    else:  # Lambda's "dir/module.function"
        module_name, function_name = spec.rsplit(".", 1)
        module_name = module_name.replace("/", ".")
    return getattr(importlib.import_module(module_name), function_name)


def serve_runtime(api, spec):
    conn = http.client.HTTPConnection(api)

    def call(method, path, body=None, headers=None):
        conn.request(method, "/2018-06-01/runtime/" + path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response, response.read()

    try:
        handler = load_handler(spec)
    except Exception as exc:  # reported as Lambda's Runtime.ImportModuleError
        traceback.print_exc()
        shape = error_shape(exc)
        shape["errorType"] = "Runtime.ImportModuleError"
        call("POST", "init/error", json.dumps(shape),
             {"Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError"})
        return 1
    while True:
        response, body = call("GET", "invocation/next")
        if response.status != 200:
            return 0  # kinesisd is stopping this instance
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        context = LambdaContext(request_id, int(response.getheader("Lambda-Runtime-Deadline-Ms")),
                                response.getheader("Lambda-Runtime-Invoked-Function-Arn"))
        try:
            result = handler(json.loads(body), context)
        except Exception as exc:  # the function's error, reported; the instance stays
            traceback.print_exc()
            shape = error_shape(exc)
            call("POST", f"invocation/{request_id}/error", json.dumps(shape),
                 {"Lambda-Runtime-Function-Error-Type": shape["errorType"]})
            continue
        call("POST", f"invocation/{request_id}/response", json.dumps(result))


def run_once(spec):
    event = json.load(sys.stdin)
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # print() in the handler is log output, as in Lambda
    try:
        result = load_handler(spec)(event, LambdaContext())
    except Exception:  # the handler's failure is reported, not re-raised
        traceback.print_exc()
        return 1
    finally:
        sys.stdout = real_stdout
    if result is not None:
        json.dump(result, real_stdout)
    real_stdout.flush()
    return 0


def main():
    spec = sys.argv[1] if len(sys.argv) == 2 else os.environ.get("_HANDLER", "")
    if not spec or ("." not in spec and ":" not in spec):
        sys.stderr.write("usage: run.py MODULE:FUNCTION (or _HANDLER=module.function)\n")
        return 2
    api = os.environ.get("AWS_LAMBDA_RUNTIME_API")
    return serve_runtime(api, spec) if api else run_once(spec)


if __name__ == "__main__":
    sys.exit(main())
