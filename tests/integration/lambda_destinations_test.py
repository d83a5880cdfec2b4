"""Lambda's on-failure destinations in a real local AWS: moto's server
(moto_server, on the machine image) stands in for SQS, SNS and S3, kinesisd
finds it through AWS_ENDPOINT_URL as an AWS SDK would. A mapping whose
function always fails sends Lambda's on-failure record to an SQS queue (read
back with boto3), to an SNS topic (through a queue subscribed to it) and to
an S3 bucket (with the event as "payload", under Lambda's key); a FIFO queue
is refused; a destination that does not take the batch drops it, counted."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.request

import boto3
from botocore.exceptions import ClientError

import harness
from firehose_s3_api_test import Moto

wait_until = harness.wait_until


class LambdaDestinations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = Moto()
        cls.moto.start()
        aws = dict(endpoint_url=cls.moto.url, region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
        cls.sqs = boto3.client("sqs", **aws)
        cls.sns = boto3.client("sns", **aws)
        cls.s3 = boto3.client("s3", **aws)
        cls.queue = cls.make_queue("dlq")
        cls.sub_queue = cls.make_queue("from-topic")
        topic = cls.sns.create_topic(Name="failures")["TopicArn"]
        cls.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=cls.sub_queue[1])
        cls.s3.create_bucket(Bucket="failed-batches")
        cls.tmp = tempfile.mkdtemp(prefix="kinesisd-destinations-")
        config = {
            "streams": [{"name": n, "shards": 1} for n in ("to-sqs", "to-sns", "to-s3", "to-gone")],
            # Nothing listens on port 1: every invocation is a function error.
            "handlers": {"down": {"type": "http", "url": "http://127.0.0.1:1/invocations"}},
            "event_source_mappings": [
                {"stream": stream, "handler": "down", "StartingPosition": "TRIM_HORIZON",
                 "MaximumRetryAttempts": 0,
                 "DestinationConfig": {"OnFailure": {"Destination": destination}}}
                for stream, destination in [
                    ("to-sqs", cls.queue[1]), ("to-sns", topic),
                    ("to-s3", "arn:aws:s3:::failed-batches"),
                    ("to-gone", "arn:aws:sqs:us-east-1:123456789012:no-such-queue")]],
        }
        path = pathlib.Path(cls.tmp, "kinesisd.json")
        path.write_text(json.dumps(config))
        env = dict(os.environ, AWS_ENDPOINT_URL=cls.moto.url)
        cls.server = harness.Server("--config", str(path), env=env)
        cls.kinesis = harness.boto3_client(cls.server)
        cls.lam = harness.boto3_client(cls.server, "lambda")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.moto.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def make_queue(cls, name):
        url = cls.sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = cls.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        return url, arn["Attributes"]["QueueArn"]

    def mapping(self, stream):
        for m in self.lam.list_event_source_mappings()["EventSourceMappings"]:
            if m["EventSourceArn"].endswith("/" + stream):
                return m
        raise AssertionError("no mapping reads " + stream)

    def receive(self, url):
        got = []

        def some():
            got.extend(self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)
                       .get("Messages", []))
            return got
        wait_until(some, timeout=30, what="a message in " + url)
        return got

    def put(self, stream):
        return self.kinesis.put_record(StreamName=stream, Data=b'{"ContactId":"c-1"}',
                                       PartitionKey="c-1")

    def check_record(self, record, stream, put):
        self.assertEqual(record["version"], "1.0")
        self.assertEqual(record["requestContext"]["condition"], "RetryAttemptsExhausted")
        self.assertEqual(record["requestContext"]["approximateInvokeCount"], 1)
        self.assertEqual(record["responseContext"]["functionError"], "Unhandled")
        info = record["KinesisBatchInfo"]
        self.assertEqual(info["shardId"], "shardId-000000000000")
        self.assertEqual(info["startSequenceNumber"], put["SequenceNumber"])
        self.assertEqual(info["endSequenceNumber"], put["SequenceNumber"])
        self.assertEqual(info["batchSize"], 1)
        self.assertTrue(info["streamArn"].endswith(":stream/" + stream))

    def test_sqs_gets_lambdas_on_failure_record(self):
        put = self.put("to-sqs")
        [message] = self.receive(self.queue[0])
        record = json.loads(message["Body"])
        self.check_record(record, "to-sqs", put)
        self.assertNotIn("payload", record)  # SQS and SNS get the metadata only

    def test_sns_publishes_it_to_its_subscribers(self):
        put = self.put("to-sns")
        [message] = self.receive(self.sub_queue[0])
        envelope = json.loads(message["Body"])  # SNS's notification around it
        self.assertEqual(envelope["Type"], "Notification")
        self.check_record(json.loads(envelope["Message"]), "to-sns", put)

    def test_s3_gets_the_record_and_the_event_under_lambdas_key(self):
        put = self.put("to-s3")
        uuid = self.mapping("to-s3")["UUID"]

        def keys():
            return [o["Key"] for o in
                    self.s3.list_objects_v2(Bucket="failed-batches").get("Contents", [])]
        wait_until(keys, timeout=30, what="the failure object")
        [key] = keys()
        self.assertRegex(key, r"^aws/lambda/%s/shardId-000000000000/\d{4}/\d{2}/\d{2}/"
                              r"\d{4}-\d{2}-\d{2}T\d{2}\.\d{2}\.\d{2}-[0-9a-f-]{36}$" % uuid)
        doc = json.loads(self.s3.get_object(Bucket="failed-batches", Key=key)["Body"].read())
        self.check_record(doc, "to-s3", put)
        [event] = doc["payload"]["Records"]
        self.assertEqual(event["kinesis"]["sequenceNumber"], put["SequenceNumber"])

    def test_a_destination_that_does_not_take_it_drops_the_batch(self):
        self.put("to-gone")
        self.put("to-gone")
        pattern = re.compile(r'kinesisd_esm_destination_delivery_failures_total\{[^}]*'
                             r'stream="to-gone"[^}]*\} (\d+)')

        def failures():
            text = urllib.request.urlopen(self.server.endpoint + "/metrics").read().decode()
            m = pattern.search(text)
            return int(m[1]) if m else 0
        # Dropped, not retried: the second batch is reached too.
        wait_until(lambda: failures() >= 2, timeout=30, what="two dropped batches")
        self.assertIn("QueueDoesNotExist", self.server.log())

    def test_fifo_queues_are_refused(self):
        with self.assertRaises(ClientError) as e:
            self.lam.create_event_source_mapping(
                EventSourceArn="arn:aws:kinesis:us-east-1:000000000000:stream/to-sqs",
                FunctionName="down", StartingPosition="LATEST",
                DestinationConfig={"OnFailure": {
                    "Destination": "arn:aws:sqs:us-east-1:123456789012:dlq.fifo"}})
        self.assertEqual(e.exception.response["Error"]["Code"], "InvalidParameterValueException")
        self.assertIn("FIFO", e.exception.response["Error"]["Message"])


@unittest.skipUnless(shutil.which("moto_server"), "moto_server is not installed")
class Seed002Example(unittest.TestCase):
    """examples/lambda/run.py: seed 002's consumer with its SQS dead-letter queue."""

    def test_the_malformed_event_reaches_the_dead_letter_queue(self):
        repo = pathlib.Path(__file__).resolve().parents[2]
        p = subprocess.run([sys.executable, str(repo / "examples/lambda/run.py"), "seed-002"],
                           capture_output=True, text=True, timeout=120, env=os.environ)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("put 10 events, one malformed", p.stdout)
        self.assertIn("dead-letter queue: RetryAttemptsExhausted after", p.stdout)
        self.assertIn("batch of 1 from", p.stdout)


if __name__ == "__main__":
    unittest.main()
