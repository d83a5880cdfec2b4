"""The Python handler bench/handler_latency.py drives: for every record it
appends "invoked_ns data" to $STAMP_LOG. It imports boto3 at module level, as
seed 000's handler does, which is what a per-batch process pays each time."""
import os
import time

import boto3  # noqa: F401


def handler(event, context):
    now = time.time_ns()
    with open(os.environ["STAMP_LOG"], "a") as log:
        for record in event["Records"]:
            log.write("%d %s\n" % (now, record["kinesis"]["data"]))
