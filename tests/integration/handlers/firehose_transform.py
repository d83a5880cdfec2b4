"""A Firehose transformation for tests (the shape of AWS's
kinesis-firehose-process-record blueprint): upper-cases each record, drops
"drop", fails "fail", and tags each output with the source shard when the
records come from a Kinesis stream."""
import base64


def handler(event, context):
    out = []
    for r in event["records"]:
        data = base64.b64decode(r["data"])
        if data == b"drop":
            out.append({"recordId": r["recordId"], "result": "Dropped", "data": r["data"]})
        elif data == b"fail":
            out.append({"recordId": r["recordId"], "result": "ProcessingFailed", "data": r["data"]})
        else:
            out.append({"recordId": r["recordId"], "result": "Ok",
                        "data": base64.b64encode(data.upper()).decode()})
    return {"records": out}
