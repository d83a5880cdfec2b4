"""A tumbling-window Kinesis handler for tests: counts records per window in
its state; every invocation appends {"shard", "window", "final", "early",
"count", "records"} to $WINDOW_LOG. With $FORGET set it answers without a
state (which Lambda counts as a failed invocation)."""
import json
import os


def handler(event, context):
    if os.environ.get("FORGET"):
        return {}
    state = dict(event["state"])
    if not event["isFinalInvokeForWindow"]:
        state["count"] = state.get("count", 0) + len(event["Records"])
    with open(os.environ["WINDOW_LOG"], "a") as log:
        log.write(json.dumps({"shard": event["shardId"], "window": event["window"],
                              "final": event["isFinalInvokeForWindow"],
                              "early": event["isWindowTerminatedEarly"],
                              "count": state.get("count", 0),
                              "records": len(event["Records"]),
                              "source": event["eventSourceARN"]}) + "\n")
    return {"state": state}
