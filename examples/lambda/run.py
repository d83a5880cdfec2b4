#!/usr/bin/env python3
"""Runs seed 002's consumer with its SQS dead-letter queue, end to end, on
kinesisd beside moto's server (moto_server) as SQS.

    examples/lambda/run.py seed-002

Genesys Cloud conversation events go to the gc-event-streaming stream; the
gc-event-streaming-lambda function (examples/handlers/python/
genesys_conversation_handler.py) reads them in batches of 5. One event is
malformed: the function fails on its batch, kinesisd bisects it, retries it
once, and sends Lambda's on-failure record for the bad event to the
gc-event-streaming-dlq queue, the blueprint's dead-letter queue. kinesisd
finds SQS through AWS_ENDPOINT_URL, as an AWS SDK would; the queue's ARN names
moto's default account, 123456789012. Needs boto3, moto_server and a built
kinesisd (KINESISD_BIN, else build/kinesisd).
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import time

import boto3

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from local_aws import start_moto  # noqa: E402  (examples/local_aws.py)

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
CREDENTIALS = dict(region_name="us-east-1", aws_access_key_id="test",
                   aws_secret_access_key="test")


def wait_until(predicate, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    sys.exit("timed out waiting for " + what)


def conversation_event(conversation, topic):
    return {"version": "0", "detail-type": topic, "source": "aws.partner/genesys.com",
            "detail": {"topicName": topic, "eventBody": {"id": conversation}}}


def seed_002():
    moto, moto_url = start_moto()
    kinesisd = None
    try:
        sqs = boto3.client("sqs", endpoint_url=moto_url, **CREDENTIALS)
        dlq = sqs.create_queue(QueueName="gc-event-streaming-dlq",
                               Attributes={"VisibilityTimeout": "900",
                                           "MessageRetentionPeriod": "1209600"})["QueueUrl"]

        binary = os.environ.get("KINESISD_BIN", str(REPO / "build/kinesisd"))
        kinesisd = subprocess.Popen(
            [binary, "--port", "0", "--create-stream-ms", "0",
             "--config", str(HERE / "seed-002.json")],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=dict(os.environ, AWS_ENDPOINT_URL=moto_url))
        endpoint = None
        for line in kinesisd.stdout:
            m = re.search(r"listening on (http://\S+)", line)
            if m:
                endpoint = m.group(1)
                break
        if not endpoint:
            sys.exit("kinesisd did not start")
        kinesis = boto3.client("kinesis", endpoint_url=endpoint, **CREDENTIALS)
        events = [conversation_event("conv-%d" % i, "v2.detail.events.conversation.customer.end")
                  for i in range(9)]
        records = [{"Data": json.dumps(e).encode(), "PartitionKey": e["detail"]["eventBody"]["id"]}
                   for e in events]
        records.insert(6, {"Data": b'{"detail": "not a conversation event"}',
                           "PartitionKey": "bad"})
        put = kinesis.put_records(StreamName="gc-event-streaming", Records=records)
        print("put %d events, one malformed (%s)" % (len(records),
                                                     put["Records"][6]["SequenceNumber"]))

        def dead_letters():
            return sqs.receive_message(QueueUrl=dlq, WaitTimeSeconds=1).get("Messages")
        [message] = wait_until(dead_letters, "the dead-letter queue")
        failure = json.loads(message["Body"])
        info = failure["KinesisBatchInfo"]
        print("dead-letter queue: %s after %d invocations, batch of %d from %s" % (
            failure["requestContext"]["condition"],
            failure["requestContext"]["approximateInvokeCount"], info["batchSize"],
            info["startSequenceNumber"]))
    finally:
        if kinesisd:
            kinesisd.terminate()
            kinesisd.wait(timeout=10)
        moto.terminate()
        moto.wait(timeout=10)


if __name__ == "__main__":
    if sys.argv[1:] != ["seed-002"]:
        sys.exit("usage: examples/lambda/run.py seed-002")
    seed_002()
