"""Seed 000's ctrStreamHandler: the function Amazon Connect's CTR stream
triggers (batch size 5). It decodes each contact trace record, checks it is
one, and logs a one-line summary per contact.

Records that are not contact trace records are reported back as
batchItemFailures, so with FunctionResponseTypes [ReportBatchItemFailures]
Lambda (and kinesisd) retries from the first bad record and, once retries run
out, sends that batch to the on-failure destination while the good records
before it stay processed.
"""
import base64
import json

REQUIRED = ("ContactId", "Channel", "InitiationMethod")


def handler(event, context):
    failures = []
    for record in event["Records"]:
        sequence = record["kinesis"]["sequenceNumber"]
        try:
            ctr = json.loads(base64.b64decode(record["kinesis"]["data"]))
            missing = [k for k in REQUIRED if k not in ctr]
            if missing:
                raise ValueError(f"not a contact trace record, missing {missing}")
        except ValueError as e:
            print(f"{sequence}: {e}")
            failures.append({"itemIdentifier": sequence})
            continue
        queue = (ctr.get("Queue") or {}).get("Name", "-")
        print(f"contact {ctr['ContactId']} {ctr['Channel']} {ctr['InitiationMethod']} queue={queue}")
    return {"batchItemFailures": failures}
