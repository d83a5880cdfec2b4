"""/_kinesisd/reset: test isolation without a restart. Real clients (boto3)
make streams, delivery streams, mappings and fault rules; a reset leaves
only what the config file and --streams declare, empty, as a fresh start
would, and with a --data-dir a restart after it brings nothing back."""
import json
import os
import pathlib
import sys
import unittest
import urllib.error
import urllib.request

import harness

REPO = pathlib.Path(__file__).resolve().parents[2]
HANDLERS = pathlib.Path(__file__).resolve().parent / "handlers"
RUN = [sys.executable, str(REPO / "examples/handlers/python/run.py")]
ROLE = "arn:aws:iam::000000000000:role/f"


class Reset(harness.ServerCase, unittest.TestCase):
    TMP_PREFIX = "kinesisd-reset-"
    LOG_NAME = "processed.log"

    def start(self, *args):
        config = {"streams": [{"name": "ctr", "shards": 2}],
                  "handlers": {"append": {"type": "runtime", "command": RUN,
                                          "handler": "slow_append.handler",
                                          "env": {"PYTHONPATH": str(HANDLERS),
                                                  "PROCESSED_LOG": self.log,
                                                  "DELAY_MS": "0"}}},
                  "event_source_mappings": [{"stream": "ctr", "handler": "append",
                                             "BatchSize": 5,
                                             "StartingPosition": "TRIM_HORIZON"}],
                  "delivery_streams": [{"DeliveryStreamName": "declared",
                                        "ExtendedS3DestinationConfiguration": {
                                            "RoleARN": ROLE, "BucketARN": "arn:aws:s3:::lake"}}]}
        path = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps(config))
        self.server = harness.Server("--config", path, "--streams", "flagged:1",
                                     "--s3-dir", os.path.join(self.tmp, "s3"),
                                     "--test-clock", "1", "--faults", "1", *args, cwd=str(REPO))
        self.kinesis = harness.boto3_client(self.server)
        self.firehose = harness.boto3_client(self.server, "firehose")
        self.aws_lambda = harness.boto3_client(self.server, "lambda")

    def post(self, what, body=None, content_type="application/json"):
        return harness.control(self.server, what, body, content_type)

    def make_things_by_api(self):
        self.kinesis.create_stream(StreamName="made", ShardCount=1)
        harness.wait_until(lambda: self.kinesis.describe_stream_summary(StreamName="made")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="ACTIVE")
        arn = self.kinesis.describe_stream_summary(StreamName="made")[
            "StreamDescriptionSummary"]["StreamARN"]
        self.kinesis.register_stream_consumer(StreamARN=arn, ConsumerName="efo")
        self.kinesis.add_tags_to_stream(StreamName="ctr", Tags={"team": "a"})
        self.kinesis.put_record(StreamName="ctr", Data=b"{}", PartitionKey="before-reset")
        self.firehose.create_delivery_stream(
            DeliveryStreamName="by-api", ExtendedS3DestinationConfiguration={
                "RoleARN": ROLE, "BucketARN": "arn:aws:s3:::lake",
                "BufferingHints": {"IntervalInSeconds": 900, "SizeInMBs": 128}})
        harness.wait_until(lambda: self.firehose.describe_delivery_stream(
            DeliveryStreamName="by-api")["DeliveryStreamDescription"][
            "DeliveryStreamStatus"] == "ACTIVE", what="ACTIVE")
        # Buffered for 900 s: a reset drops it, it is never written.
        self.firehose.put_record(DeliveryStreamName="by-api", Record={"Data": b"dropped\n"})
        self.aws_lambda.create_event_source_mapping(
            EventSourceArn=arn, FunctionName="append", StartingPosition="LATEST")
        status, _ = self.post("faults", {"operation": "ListStreams",
                                         "error": "LimitExceededException"})
        self.assertEqual(status, 200)
        # 10 minutes: less than the buffer's 900 s, so the record is still buffered at the reset
        status, _ = self.post("clock", {"advance_ms": 600_000})
        self.assertEqual(status, 200)

    def assert_fresh(self):
        self.assertEqual(self.kinesis.list_streams()["StreamNames"], ["ctr", "flagged"])
        self.assertEqual(self.kinesis.list_tags_for_stream(StreamName="ctr")["Tags"], [])
        shards = self.kinesis.list_shards(StreamName="ctr")["Shards"]
        for shard in shards:  # the declared stream is back, empty
            it = self.kinesis.get_shard_iterator(StreamName="ctr", ShardId=shard["ShardId"],
                                                 ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            self.assertEqual(self.kinesis.get_records(ShardIterator=it)["Records"], [])
        self.assertEqual(self.firehose.list_delivery_streams()["DeliveryStreamNames"],
                         ["declared"])
        mappings = self.aws_lambda.list_event_source_mappings()["EventSourceMappings"]
        self.assertEqual([m["FunctionArn"].rsplit(":", 1)[1] for m in mappings], ["append"])
        self.assertTrue(mappings[0]["EventSourceArn"].endswith("/ctr"))

    def test_reset_leaves_what_the_config_declares_and_nothing_else(self):
        self.start()
        original = self.aws_lambda.list_event_source_mappings()["EventSourceMappings"][0]["UUID"]
        self.make_things_by_api()
        status, body = self.post("reset")
        self.assertEqual(status, 200, body)
        self.assertEqual((body["reset"], body["streams"], body["delivery_streams"],
                          body["event_source_mappings"]), (True, 2, 1, 1), body)
        self.assertLess(body["took_ms"], 5000, body)
        self.assert_fresh()
        # The declared mapping is a new one, reading the new stream from its start.
        mapping = self.aws_lambda.list_event_source_mappings()["EventSourceMappings"][0]
        self.assertNotEqual(mapping["UUID"], original)
        # The fault rule is gone (ListStreams above succeeded) and the clock is back.
        status, rules = self.server_get("/_kinesisd/faults")
        self.assertEqual((status, rules), (200, {"rules": []}))
        status, clock = self.post("clock", {"advance_ms": 0})
        now_ms = self.kinesis.describe_stream_summary(StreamName="ctr")[
            "StreamDescriptionSummary"]["StreamCreationTimestamp"].timestamp() * 1000
        self.assertLess(abs(clock["now_ms"] - now_ms), 60_000)
        # The buffered Firehose record was dropped, not delivered.
        self.assertEqual(self.post("flush")[0], 200)
        written = [p.read_bytes() for p in pathlib.Path(self.tmp, "s3").rglob("*") if p.is_file()]
        self.assertNotIn(b"dropped\n", b"".join(written))
        # What the declared mapping handles after the reset is only what came after it.
        self.kinesis.put_record(StreamName="ctr", Data=b"{}", PartitionKey="after-reset")
        self.assertEqual(self.post("wait")[0], 200)
        seen = pathlib.Path(self.log).read_text().splitlines()
        self.assertEqual(seen.count("after-reset"), 1)
        # A stream of a name that existed before is made anew by the API.
        self.kinesis.create_stream(StreamName="made", ShardCount=1)

    def test_with_a_data_directory_a_restart_after_a_reset_brings_nothing_back(self):
        data = os.path.join(self.tmp, "data")
        self.start("--data-dir", data)
        self.make_things_by_api()
        self.assertEqual(self.post("reset")[0], 200)
        self.assert_fresh()
        self.server.stop()
        self.start("--data-dir", data)
        self.assert_fresh()
        # Only the declared streams' directories are left on disk.
        left = sorted(p.name.rsplit("-", 1)[0]
                      for p in pathlib.Path(data, "streams").glob("*/*") if p.is_dir())
        self.assertEqual(left, ["ctr", "flagged"])
        self.assertEqual(list(pathlib.Path(data, "firehose").rglob("*.seg")), [])

    def test_only_post_and_only_json(self):
        self.start()
        req = urllib.request.Request(self.server.endpoint + "/_kinesisd/reset", method="GET")
        with self.assertRaises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=10)
        self.assertEqual(e.exception.code, 405)
        status, _ = self.post("reset", {}, content_type="text/plain")
        self.assertEqual(status, 415)
        self.assertEqual(self.kinesis.list_streams()["StreamNames"], ["ctr", "flagged"])

    def server_get(self, path):
        with urllib.request.urlopen(self.server.endpoint + path, timeout=10) as r:
            return r.status, json.loads(r.read())


if __name__ == "__main__":
    unittest.main()
