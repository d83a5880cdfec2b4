"""A runtime handler for tests: seed 000's CTR handler behind a module-level
counter. It imports boto3 at module level (what made per-batch processes
slow), appends "pid calls records" per invocation to $CALLS_LOG, and fails on
purpose for records whose data is "raise", "exit" or "sleep"."""
import base64
import os
import time

import boto3  # noqa: F401  - the import a cold start pays for

from ctr_stream_handler import handler as ctr_handler

calls = 0


def handler(event, context):
    global calls
    calls += 1
    datas = [base64.b64decode(r["kinesis"]["data"]) for r in event["Records"]]
    with open(os.environ["CALLS_LOG"], "a") as log:
        log.write("%d %d %d\n" % (os.getpid(), calls, len(datas)))
    if b"raise" in datas:
        raise RuntimeError("asked to raise")
    if b"exit" in datas:
        os._exit(7)
    if b"sleep" in datas:
        time.sleep(10)
    return ctr_handler(event, context)
