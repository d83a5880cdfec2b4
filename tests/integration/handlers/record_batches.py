"""Test wrapper around the add_name example: logs every batch it gets (sizes,
partition keys, sequence numbers) to $BATCH_LOG, one JSON line per batch,
then runs the real handler unchanged."""
import json
import os

import add_name


def handler(event, context):
    records = event["Records"]
    with open(os.environ["BATCH_LOG"], "a") as log:
        log.write(json.dumps({
            "size": len(records),
            "keys": [r["kinesis"]["partitionKey"] for r in records],
            "shards": sorted({r["eventID"].split(":")[0] for r in records}),
        }) + "\n")
    return add_name.handler(event, context)
