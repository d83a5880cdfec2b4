"""Fault injection (--faults 1) driven by real clients: rules posted to
/_kinesisd/faults with a seed fail the same calls every time; count, every and
latency do what they say; a dropped connection is retried by boto3; a partial
rule fails a share of PutRecords records; errors carry their type, status and
message; handler faults drive a mapping into its retries and its on-failure
destination; LocalStack's environment variables work unchanged."""
import json
import os
import pathlib
import re
import shutil
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError

import harness

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]


def call(server, method, path, body=None):
    req = urllib.request.Request(server.endpoint + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


class Faults(unittest.TestCase):
    def setUp(self):
        self.server = harness.Server("--faults", "1", "--streams", "orders:2")
        self.k = harness.boto3_client(self.server)

    def tearDown(self):
        self.server.stop()

    def add(self, rule):
        status, body = call(self.server, "POST", "/_kinesisd/faults", rule)
        self.assertEqual(status, 200, body)
        return body["ids"]

    def pattern(self, n=60):
        out = []
        for i in range(n):
            try:
                self.k.put_record(StreamName="orders", PartitionKey="k%d" % i, Data=b"x")
                out.append(False)
            except ClientError as e:
                self.assertEqual(e.response["Error"]["Code"], "InternalFailure")
                self.assertEqual(e.response["ResponseMetadata"]["HTTPStatusCode"], 500)
                out.append(True)
        return out

    def test_a_seeded_rule_fails_the_same_calls_every_time(self):
        rule = {"operation": "PutRecord", "stream": "orders", "probability": 0.3, "seed": 7,
                "error": "InternalFailure"}
        self.add(rule)
        first = self.pattern()
        self.assertEqual(call(self.server, "DELETE", "/_kinesisd/faults")[1], {"removed": 1})
        self.add(rule)
        self.assertEqual(self.pattern(), first)
        self.assertTrue(5 < sum(first) < 35, first)
        call(self.server, "DELETE", "/_kinesisd/faults")
        self.assertEqual(self.pattern(10), [False] * 10)

    def test_a_shard_rule_fails_only_that_shards_puts(self):
        self.add({"operation": "PutRecord", "shard": "shardId-000000000001", "error": "InternalFailure"})
        shards = set()
        for i in range(40):
            try:
                shards.add(self.k.put_record(StreamName="orders", PartitionKey="p%d" % i,
                                             Data=b"x")["ShardId"])
            except ClientError:
                pass
        self.assertEqual(shards, {"shardId-000000000000"})

    def test_count_every_and_the_listing(self):
        ids = self.add([{"operation": "ListStreams", "count": 2, "error": "ServiceUnavailable"},
                        {"operation": "DescribeStreamSummary", "every": 3,
                         "error": "KMSThrottlingException", "message": "slow down"}])
        codes = []
        for _ in range(3):
            try:
                self.k.list_streams()
                codes.append(200)
            except ClientError as e:
                codes.append(e.response["ResponseMetadata"]["HTTPStatusCode"])
        self.assertEqual(codes, [503, 503, 200])
        got = []
        for _ in range(6):
            try:
                self.k.describe_stream_summary(StreamName="orders")
                got.append("ok")
            except ClientError as e:
                got.append((e.response["Error"]["Code"], e.response["Error"]["Message"]))
        self.assertEqual(got, ["ok", "ok", ("KMSThrottlingException", "slow down")] * 2)
        status, listing = call(self.server, "GET", "/_kinesisd/faults")
        rules = {r["id"]: r for r in listing["rules"]}
        self.assertEqual((rules[ids[0]]["fired"], rules[ids[0]]["remaining"]), (2, 0))
        self.assertEqual((rules[ids[1]]["matched"], rules[ids[1]]["fired"]), (6, 2))
        metrics = urllib.request.urlopen(self.server.endpoint + "/metrics").read().decode()
        self.assertIn('kinesisd_injected_faults_total{rule="%d",operation="ListStreams"} 2' % ids[0],
                      metrics)
        self.assertEqual(call(self.server, "DELETE", "/_kinesisd/faults/%d" % ids[0])[0], 200)
        self.assertEqual(call(self.server, "DELETE", "/_kinesisd/faults/%d" % ids[0])[0], 404)

    def test_latency_holds_the_answer_back(self):
        self.add({"operation": "ListStreams", "latency_ms": 400})
        started = time.monotonic()
        self.assertIn("orders", self.k.list_streams()["StreamNames"])
        self.assertGreaterEqual(time.monotonic() - started, 0.4)
        started = time.monotonic()
        self.k.describe_stream_summary(StreamName="orders")  # another operation: at once
        self.assertLess(time.monotonic() - started, 0.3)

    def test_a_dropped_connection_is_retried_by_boto3(self):
        self.add({"operation": "ListStreams", "count": 1, "drop": True})
        for k, v in harness.CLIENT_ENV.items():
            os.environ.setdefault(k, v)
        retrying = boto3.client("kinesis", endpoint_url=self.server.endpoint,
                                region_name="us-east-1")  # boto3's default retries
        self.assertIn("orders", retrying.list_streams()["StreamNames"])
        self.add({"operation": "ListStreams", "count": 1, "drop": True})
        with self.assertRaises((ConnectionClosedError, EndpointConnectionError)):
            self.k.list_streams()  # no retries: the client sees the drop

    def test_partial_fails_a_share_of_the_records_and_stores_the_rest(self):
        self.add({"operation": "PutRecords", "partial": 0.3, "seed": 3})
        records = [{"PartitionKey": "k%d" % i, "Data": b"%d" % i} for i in range(20)]
        out = self.k.put_records(StreamName="orders", Records=records)
        self.assertEqual(out["FailedRecordCount"], 6)
        failed = [e for e in out["Records"] if "ErrorCode" in e]
        self.assertEqual(len(failed), 6)
        self.assertTrue(all(e["ErrorCode"] == "ProvisionedThroughputExceededException" and
                            re.fullmatch(r"Rate exceeded for shard shardId-00000000000[01] in "
                                         r"stream orders under account 000000000000\.",
                                         e["ErrorMessage"]) for e in failed), failed)
        stored = 0
        for shard in ("shardId-000000000000", "shardId-000000000001"):
            it = self.k.get_shard_iterator(StreamName="orders", ShardId=shard,
                                           ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            stored += len(self.k.get_records(ShardIterator=it)["Records"])
        self.assertEqual(stored, 14)

    def test_a_rule_posted_as_a_form_or_text_is_refused(self):
        # What a web page can POST without a preflight: refused, no rule added.
        for content_type in ("text/plain", "application/x-www-form-urlencoded",
                             "multipart/form-data; boundary=x"):
            req = urllib.request.Request(
                self.server.endpoint + "/_kinesisd/faults", method="POST",
                data=b'{"operation": "ListStreams", "error": "LimitExceededException"}',
                headers={"Content-Type": content_type})
            with self.assertRaises(urllib.error.HTTPError) as e:
                urllib.request.urlopen(req)
            self.assertEqual(e.exception.code, 415, content_type)
        self.assertEqual(call(self.server, "GET", "/_kinesisd/faults")[1], {"rules": []})
        self.k.list_streams()

    def test_rules_that_cannot_be_used_are_refused_naming_the_key(self):
        for rule, key in [({"operation": "PutRecord", "error": "InternalFailure", "colour": 1}, "colour"),
                          ({"operation": "PutRecord", "error": "NoSuchException"}, "error"),
                          ({"operation": "Teleport", "error": "InternalFailure"}, "operation"),
                          ({"operation": "PutRecord", "drop": True, "latency_ms": 5}, "drop"),
                          ({"operation": "PutRecord", "partial": 0.5}, "partial"),
                          ([{"operation": "*", "drop": True}, {"operation": "*"}], "[1].error")]:
            status, body = call(self.server, "POST", "/_kinesisd/faults", rule)
            self.assertEqual((status, body.get("key")), (400, key), body)
        self.assertEqual(call(self.server, "GET", "/_kinesisd/faults")[1], {"rules": []})


class HandlerFaults(unittest.TestCase):
    """A mapping of stream "ctr" to a process handler "enrich" that appends each
    event to self.log, failures to the directory self.dlq."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kinesisd-faults-")
        self.log = os.path.join(self.tmp, "events.log")
        self.dlq = os.path.join(self.tmp, "dlq")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def config(self, mapping, **sections):
        path = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps(dict({
            "streams": [{"name": "ctr"}],
            "handlers": {"enrich": {"type": "process",
                                    "command": [sys.executable,
                                                str(HERE / "handlers" / "append_event.py"), self.log]}},
            "event_source_mappings": [dict({
                "stream": "ctr", "handler": "enrich", "StartingPosition": "TRIM_HORIZON",
                "DestinationConfig": {"OnFailure": {"Destination": "file://" + self.dlq}}},
                **mapping)]}, **sections)))
        return path

    def dead(self):
        return [f for f in os.listdir(self.dlq) if f.endswith(".json")] if os.path.isdir(self.dlq) else []

    def wait(self, predicate):
        deadline = time.monotonic() + 30
        while not predicate() and time.monotonic() < deadline:
            time.sleep(0.05)

    def test_function_errors_drive_a_mapping_to_its_retries_and_on_failure_destination(self):
        config = self.config({"BatchSize": 5, "MaximumRetryAttempts": 1},
                             faults=[{"function": "enrich", "handler_error": "function", "count": 2}])
        with harness.Server("--config", config, cwd=str(REPO)) as server:
            k = harness.boto3_client(server)
            k.put_records(StreamName="ctr", Records=[
                {"PartitionKey": "c", "Data": b"first-%d" % i} for i in range(5)])
            self.wait(self.dead)
            files = self.dead()
            self.assertEqual(len(files), 1)
            failure = json.loads(pathlib.Path(self.dlq, files[0]).read_text())
            self.assertEqual(failure["requestContext"]["condition"], "RetryAttemptsExhausted")
            self.assertEqual(failure["requestContext"]["approximateInvokeCount"], 2)
            self.assertFalse(os.path.exists(self.log))  # the handler never ran
            # The rule is spent: the next batch reaches the handler.
            k.put_record(StreamName="ctr", PartitionKey="c", Data=b"second")
            # The handler creates its log before it writes the event into it.
            self.wait(lambda: os.path.exists(self.log) and
                      "c2Vjb25k" in pathlib.Path(self.log).read_text())
            self.assertIn("c2Vjb25k", pathlib.Path(self.log).read_text())  # base64 "second"

    def test_throttles_are_retried_without_using_retries_until_the_handler_runs(self):
        config = self.config({"MaximumRetryAttempts": 0})
        with harness.Server("--config", config, "--faults", "1", cwd=str(REPO)) as server:
            status, body = call(server, "POST", "/_kinesisd/faults",
                                {"function": "enrich", "handler_error": "throttle", "count": 3})
            self.assertEqual(status, 200, body)
            k = harness.boto3_client(server)
            k.put_record(StreamName="ctr", PartitionKey="c", Data=b"once")
            self.wait(lambda: os.path.exists(self.log))
            self.assertTrue(os.path.exists(self.log), server.log())
            self.assertFalse(self.dead())
            rules = call(server, "GET", "/_kinesisd/faults")[1]["rules"]
            self.assertEqual(rules[0]["fired"], 3)


class LocalStackEnvironment(unittest.TestCase):
    def test_error_probability_and_initialize_streams(self):
        env = dict(os.environ, KINESIS_ERROR_PROBABILITY="1.0",
                   INITIALIZE_STREAMS="first:2,second::us-west-2")
        with harness.Server(env=env) as server:
            k = harness.boto3_client(server)
            self.assertEqual(k.describe_stream_summary(StreamName="first")[
                "StreamDescriptionSummary"]["OpenShardCount"], 2)
            west = boto3.client("kinesis", endpoint_url=server.endpoint, region_name="us-west-2",
                                aws_access_key_id="AKID", aws_secret_access_key="SECRET",
                                config=Config(retries={"total_max_attempts": 1}))
            self.assertEqual(west.describe_stream_summary(StreamName="second")[
                "StreamDescriptionSummary"]["OpenShardCount"], 4)  # kinesis-mock's default
            with self.assertRaises(ClientError) as caught:
                k.put_record(StreamName="first", PartitionKey="k", Data=b"x")
            self.assertEqual(caught.exception.response["Error"]["Code"],
                             "ProvisionedThroughputExceededException")
            out = k.put_records(StreamName="first", Records=[{"PartitionKey": "k", "Data": b"x"}] * 3)
            self.assertEqual(out["FailedRecordCount"], 3)


if __name__ == "__main__":
    unittest.main()
