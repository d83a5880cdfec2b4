"""A Firehose transformation for tests: each record comes out as a line of
JSON saying what the transform event held for it (its data in base64, and
its kinesisRecordMetadata's partition key and subsequence number)."""
import base64
import json


def handler(event, context):
    out = []
    for r in event["records"]:
        meta = r.get("kinesisRecordMetadata", {})
        line = json.dumps({"data": r["data"], "partitionKey": meta.get("partitionKey"),
                           "subsequenceNumber": meta.get("subsequenceNumber")}) + "\n"
        out.append({"recordId": r["recordId"], "result": "Ok",
                    "data": base64.b64encode(line.encode()).decode()})
    return {"records": out}
