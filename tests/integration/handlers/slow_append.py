"""A slow Kinesis handler for tests: takes $DELAY_MS (300 by default) per
batch, then appends each record's partition key to $PROCESSED_LOG; fails
every batch when $FAIL is set."""
import os
import time


def handler(event, context):
    time.sleep(int(os.environ.get("DELAY_MS", "300")) / 1000)
    if os.environ.get("FAIL"):
        raise RuntimeError("failing as asked")
    with open(os.environ["PROCESSED_LOG"], "a") as log:
        for r in event["Records"]:
            log.write(r["kinesis"]["partitionKey"] + "\n")
    return {}
