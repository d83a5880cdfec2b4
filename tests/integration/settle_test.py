"""/_kinesisd/wait and /_kinesisd/flush: tests that wait for the work to be
done instead of sleeping. Real clients put the records (boto3); wait
answers only once every record put before it is settled by every mapping
and delivery stream, flush makes Firehose deliver its buffers now."""
import json
import os
import pathlib
import sys
import time
import unittest

import harness

REPO = pathlib.Path(__file__).resolve().parents[2]
HANDLERS = pathlib.Path(__file__).resolve().parent / "handlers"
RUN = [sys.executable, str(REPO / "examples/handlers/python/run.py")]


def lines(path):
    return pathlib.Path(path).read_text().splitlines() if os.path.exists(path) else []


class Settle(harness.ServerCase, unittest.TestCase):
    TMP_PREFIX = "kinesisd-settle-"
    LOG_NAME = "processed.log"

    def start(self, env=None, mapping=None, *args):
        config = {"streams": [{"name": "ctr", "shards": 2}],
                  "handlers": {"slow": {"type": "runtime", "command": RUN,
                                        "handler": "slow_append.handler",
                                        "env": dict({"PYTHONPATH": str(HANDLERS),
                                                     "PROCESSED_LOG": self.log}, **(env or {}))}},
                  "event_source_mappings": [dict({"stream": "ctr", "handler": "slow",
                                                  "BatchSize": 5,
                                                  "StartingPosition": "TRIM_HORIZON"},
                                                 **(mapping or {}))]}
        path = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps(config))
        self.server = harness.Server("--config", path, "--s3-dir", os.path.join(self.tmp, "s3"),
                                     *args, cwd=str(REPO))
        self.kinesis = harness.boto3_client(self.server)

    def post(self, what, body=None, content_type="application/json"):
        return harness.control(self.server, what, body, content_type)

    def test_wait_returns_once_the_slow_handler_has_seen_every_record(self):
        self.start()
        for i in range(50):
            self.kinesis.put_record(StreamName="ctr", Data=b"{}", PartitionKey="c-%d" % i)
        status, body = self.post("wait")
        self.assertEqual((status, body["idle"]), (200, True), body)
        # 300 ms a batch of 5: the handler was still busy when the wait began.
        self.assertEqual(sorted(lines(self.log)), sorted("c-%d" % i for i in range(50)))
        self.assertGreater(body["waited_ms"], 300)
        status, body = self.post("wait")  # nothing new: at once
        self.assertEqual(status, 200)
        self.assertLess(body["waited_ms"], 1000)

    def test_a_failing_batch_settles_when_it_reaches_its_destination(self):
        dlq = os.path.join(self.tmp, "dlq")
        self.start(env={"FAIL": "1", "DELAY_MS": "10"}, mapping={
            "MaximumRetryAttempts": 2,
            "DestinationConfig": {"OnFailure": {"Destination": "file://" + dlq}}})
        self.kinesis.put_record(StreamName="ctr", Data=b"{}", PartitionKey="poison")
        status, body = self.post("wait")
        self.assertEqual((status, body["idle"]), (200, True), body)
        self.assertEqual(len([f for f in os.listdir(dlq) if f.endswith(".json")]), 1)

    def test_a_timeout_names_what_is_pending(self):
        self.start(env={"DELAY_MS": "2000"})
        self.kinesis.put_record(StreamName="ctr", Data=b"{}", PartitionKey="k")
        status, body = self.post("wait", {"timeout_ms": 200})
        self.assertEqual(status, 408)
        self.assertFalse(body["idle"])
        [pending] = body["pending"]["mappings"]
        self.assertRegex(pending["uuid"], r"^[0-9a-f-]{36}$")
        self.assertEqual(sum(pending["shards"].values()), 1)
        # A cross-site form or text/plain POST is refused.
        status, _ = self.post("wait", {"timeout_ms": 1}, content_type="text/plain")
        self.assertEqual(status, 415)

    def test_flush_delivers_a_900_second_buffer_now(self):
        self.start()
        fh = harness.boto3_client(self.server, "firehose")
        fh.create_delivery_stream(DeliveryStreamName="lake", ExtendedS3DestinationConfiguration={
            "RoleARN": "arn:aws:iam::000000000000:role/f", "BucketARN": "arn:aws:s3:::lake",
            "BufferingHints": {"IntervalInSeconds": 900, "SizeInMBs": 128}})
        harness.wait_until(lambda: fh.describe_delivery_stream(DeliveryStreamName="lake")[
            "DeliveryStreamDescription"]["DeliveryStreamStatus"] == "ACTIVE", what="ACTIVE")
        fh.put_record_batch(DeliveryStreamName="lake",
                            Records=[{"Data": b"r%d\n" % i} for i in range(10)])
        started = time.monotonic()
        status, body = self.post("flush")
        self.assertEqual((status, body["idle"]), (200, True), body)
        self.assertLess(time.monotonic() - started, 1.0)
        objects = [p for p in pathlib.Path(self.tmp, "s3", "lake").rglob("*") if p.is_file()]
        self.assertEqual(len(objects), 1)
        self.assertEqual(objects[0].read_bytes(), b"".join(b"r%d\n" % i for i in range(10)))


if __name__ == "__main__":
    unittest.main()
