#!/usr/bin/env python3
"""Runs an unmodified Lambda handler as a kinesisd `process` handler.

    python3 run.py MODULE:FUNCTION

kinesisd starts this once per batch with Lambda's Kinesis event on stdin. The
runner imports MODULE (looked up next to this file, in the working directory
and on PYTHONPATH), calls FUNCTION(event, context) exactly as Lambda would, and
writes the return value as JSON on stdout (nothing for None). Anything the
handler prints goes to stderr, which kinesisd copies into its log. An uncaught
exception is a function error: the traceback goes to stderr and the exit
status is 1, so kinesisd retries, bisects or dead-letters the batch.
"""
import importlib
import json
import os
import sys
import time
import traceback
import uuid


class LambdaContext:
    """The attributes and method of Lambda's Python context object."""

    def __init__(self):
        name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "handler")
        region = os.environ.get("AWS_REGION", "us-east-1")
        account = os.environ.get("KINESISD_ACCOUNT_ID", "000000000000")
        timeout_s = float(os.environ.get("AWS_LAMBDA_FUNCTION_TIMEOUT", "30"))
        self.function_name = name
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.invoked_function_arn = f"arn:aws:lambda:{region}:{account}:function:{name}"
        self.memory_limit_in_mb = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"))
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{name}"
        self.log_stream_name = time.strftime("%Y/%m/%d/[$LATEST]") + uuid.uuid4().hex
        self.identity = None
        self.client_context = None
        self._deadline = time.monotonic() + timeout_s

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def main():
    if len(sys.argv) != 2 or ":" not in sys.argv[1]:
        sys.stderr.write("usage: run.py MODULE:FUNCTION\n")
        return 2
    module_name, function_name = sys.argv[1].split(":", 1)
    for path in (os.getcwd(), os.path.dirname(os.path.abspath(__file__))):
        if path not in sys.path:
            sys.path.insert(0, path)
    event = json.load(sys.stdin)
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # print() in the handler is log output, as in Lambda
    try:
        handler = getattr(importlib.import_module(module_name), function_name)
        result = handler(event, LambdaContext())
    except Exception:  # the handler's failure is reported, not re-raised
        traceback.print_exc()
        return 1
    finally:
        sys.stdout = real_stdout
    if result is not None:
        json.dump(result, real_stdout)
    real_stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
