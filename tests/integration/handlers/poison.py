"""A handler that fails on poison records: any record whose JSON data has
"poison": true makes the whole batch a function error. Records of batches
that succeed are logged to $PROCESSED_LOG (one "key seq" line each)."""
import base64
import json
import os


def handler(event, context):
    for r in event["Records"]:
        if json.loads(base64.b64decode(r["kinesis"]["data"])).get("poison"):
            raise ValueError("poison record " + r["kinesis"]["sequenceNumber"])
    with open(os.environ["PROCESSED_LOG"], "a") as log:
        for r in event["Records"]:
            log.write(r["kinesis"]["partitionKey"] + " " + r["kinesis"]["sequenceNumber"] + "\n")
