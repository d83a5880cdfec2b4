"""Seed 002's consumer: Genesys Cloud conversation events arrive on a Kinesis
stream (through EventBridge in the blueprint); this function reads each one and
logs what happened in which conversation. An event it cannot process (not
JSON, or no conversation id) raises: Lambda (and kinesisd) retries the batch,
bisects it to find the bad event, and once retries run out sends that batch
to the on-failure destination, the blueprint's SQS dead-letter queue, so the
event is kept for root-cause analysis and reprocessing.
"""
import base64
import json


def handler(event, context):
    for record in event["Records"]:
        raw = base64.b64decode(record["kinesis"]["data"])
        try:
            body = json.loads(raw)
            detail = body["detail"]
            conversation = detail["eventBody"]["id"]
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"cannot process event {record['kinesis']['sequenceNumber']}: {e!r}")
        topic = detail.get("topicName", body.get("detail-type", "-"))
        print(f"conversation {conversation}: {topic}")
    return {}
