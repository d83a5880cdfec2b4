"""A Lambda-style mapping whose EventSourceArn is an enhanced fan-out
consumer's (boto3 and the AWS CLI create it): it reads each shard through the
consumer's subscription, delivers every record once and in order across a
takeover by another SubscribeToShard (boto3's event stream), and is disabled,
saying why, once the consumer is deregistered."""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

import harness

REPO = pathlib.Path(__file__).resolve().parents[2]
HANDLERS = pathlib.Path(__file__).resolve().parent / "handlers"
RUN = [sys.executable, str(REPO / "examples/handlers/python/run.py")]
LOW, HIGH = "0", str(2 ** 128 - 1)  # hash keys of shard 0 and shard 1


class ConsumerSource(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kinesisd-efo-mapping-")
        self.log = os.path.join(self.tmp, "processed.log")
        config = {"streams": [{"name": "s", "shards": 2}],
                  "handlers": {"append": {"type": "runtime", "command": RUN,
                                          "handler": "slow_append.handler",
                                          "env": {"PYTHONPATH": str(HANDLERS),
                                                  "PROCESSED_LOG": self.log,
                                                  "DELAY_MS": "0"}}}}
        path = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps(config))
        self.server = harness.Server("--config", path, "--test-clock", "1", cwd=str(REPO))
        self.kinesis = harness.boto3_client(self.server)
        self.lam = harness.boto3_client(self.server, "lambda")
        stream_arn = self.kinesis.describe_stream_summary(StreamName="s")[
            "StreamDescriptionSummary"]["StreamARN"]
        self.consumer = self.kinesis.register_stream_consumer(
            StreamARN=stream_arn, ConsumerName="lambda")["Consumer"]["ConsumerARN"]
        harness.wait_until(lambda: self.kinesis.describe_stream_consumer(
            ConsumerARN=self.consumer)["ConsumerDescription"]["ConsumerStatus"] == "ACTIVE",
            what="the consumer ACTIVE")

    def tearDown(self):
        self.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def advance(self, ms):
        harness.advance_clock(self.server, ms)

    def put(self, start, end):
        for i in range(start, end):
            for group, key in (("a", LOW), ("b", HIGH)):
                self.kinesis.put_record(StreamName="s", Data=b"{}", ExplicitHashKey=key,
                                        PartitionKey="%s-%03d" % (group, i))

    def seen(self):
        return pathlib.Path(self.log).read_text().splitlines() if os.path.exists(self.log) else []

    def test_every_record_once_in_order_across_a_takeover(self):
        mapping = self.lam.create_event_source_mapping(
            EventSourceArn=self.consumer, FunctionName="append", StartingPosition="TRIM_HORIZON",
            BatchSize=10)
        self.assertEqual(mapping["EventSourceArn"], self.consumer)
        self.put(0, 10)
        harness.settle(self.server)

        # 6 s later (kinesisd's clock) another SubscribeToShard of the same
        # consumer takes shard 0 over, as AWS lets a subscription older than 5 s be.
        self.advance(6_000)
        sub = self.kinesis.subscribe_to_shard(ConsumerARN=self.consumer,
                                              ShardId="shardId-000000000000",
                                              StartingPosition={"Type": "LATEST"})
        ended = threading.Event()

        def drain():
            try:
                for _ in sub["EventStream"]:
                    pass
            except Exception:
                pass
            ended.set()
        threading.Thread(target=drain, daemon=True).start()
        self.put(10, 20)
        # Its 5 s over, the mapping's poller subscribes again and takes shard 0 back.
        self.advance(6_000)
        harness.settle(self.server)
        self.assertTrue(ended.wait(10), "the other subscription did not end")
        self.assertIn("was taken over by another subscription", self.server.log())

        seen = self.seen()
        self.assertEqual(sorted(seen), sorted("%s-%03d" % (g, i) for g in "ab" for i in range(20)))
        for group in "ab":  # in order per shard
            mine = [k for k in seen if k.startswith(group)]
            self.assertEqual(mine, sorted(mine))

        # Deregistered: the mapping stops, disabled, and says why.
        self.kinesis.deregister_stream_consumer(ConsumerARN=self.consumer)
        got = harness.wait_until(lambda: (lambda m: m if m["State"] == "Disabled" else None)(
            self.lam.get_event_source_mapping(UUID=mapping["UUID"])), what="Disabled")
        self.assertIn("is not registered", got["LastProcessingResult"])
        self.put(20, 21)
        self.assertTrue(harness.settle(self.server)["idle"])  # nothing to wait for
        self.assertEqual(len(self.seen()), 40)

    def test_the_aws_cli_creates_one(self):
        env = dict(os.environ, **harness.CLIENT_ENV)
        out = subprocess.run(
            ["aws", "--endpoint-url", self.server.endpoint, "--output", "json", "lambda",
             "create-event-source-mapping", "--event-source-arn", self.consumer,
             "--function-name", "append", "--starting-position", "TRIM_HORIZON"],
            env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        created = json.loads(out.stdout)
        self.assertEqual(created["EventSourceArn"], self.consumer)
        self.put(0, 3)
        harness.wait_until(lambda: len(self.seen()) == 6, what="6 records through the consumer")


if __name__ == "__main__":
    unittest.main()
