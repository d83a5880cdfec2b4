"""A Firehose transformation for dynamic-partitioning tests (the shape of the
developer guide's partitioning Lambda): every record goes on unchanged with
metadata.partitionKeys {"queue": <the record's queue>}; a record without a
queue gets no keys."""
import base64
import json


def handler(event, context):
    out = []
    for r in event["records"]:
        record = {"recordId": r["recordId"], "result": "Ok", "data": r["data"]}
        queue = json.loads(base64.b64decode(r["data"])).get("queue")
        if queue:
            record["metadata"] = {"partitionKeys": {"queue": queue}}
        out.append(record)
    return {"records": out}
