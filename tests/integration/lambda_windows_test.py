"""Tumbling windows (TumblingWindowInSeconds) on Lambda-style mappings, driven
by boto3 and the AWS CLI: a Python handler counts records per window in its
state (process and runtime kinds); the final invocations' counts add up to
the records put, a window's state grows across its invocations, an answer
without state fails the batch, and a split closes the parent's window."""
import json
import os
import pathlib
import subprocess
import sys
import unittest

import harness

REPO = pathlib.Path(__file__).resolve().parents[2]
HANDLERS = pathlib.Path(__file__).resolve().parent / "handlers"
RUN = [sys.executable, str(REPO / "examples/handlers/python/run.py")]


class TumblingWindows(harness.ServerCase, unittest.TestCase):
    TMP_PREFIX = "kinesisd-windows-"
    LOG_NAME = "windows.log"

    def start(self, env=None):
        env = dict({"PYTHONPATH": str(HANDLERS), "WINDOW_LOG": self.log}, **(env or {}))
        config = {"streams": [{"name": "w", "shards": 2}, {"name": "one", "shards": 1}],
                  "handlers": {
                      "count-process": {"type": "process", "command": RUN + ["window_count:handler"],
                                        "env": env},
                      "count-runtime": {"type": "runtime", "command": RUN,
                                        "handler": "window_count.handler", "env": env}}}
        path = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps(config))
        self.server = harness.Server("--config", path, "--test-clock", "1", cwd=str(REPO))
        self.kinesis = harness.boto3_client(self.server)
        self.lam = harness.boto3_client(self.server, "lambda")

    def invocations(self):
        if not os.path.exists(self.log):
            return []
        return [json.loads(line) for line in pathlib.Path(self.log).read_text().splitlines()]

    def advance(self, ms):
        harness.advance_clock(self.server, ms)

    def clear_of_a_window_end(self, window_s):
        """Windows are aligned to whole multiples of their length on kinesisd's
        clock, which the real clock moves too: when one ends within 20 s, start
        the next now, so no window closes by itself while records go in."""
        window_ms = window_s * 1000
        into = harness.advance_clock(self.server, 0) % window_ms
        if into > window_ms - 20_000:
            self.advance(window_ms - into + 500)

    def stream_arn(self, name):
        return self.kinesis.describe_stream_summary(StreamName=name)[
            "StreamDescriptionSummary"]["StreamARN"]

    def test_final_counts_add_up_and_state_grows_across_invocations(self):
        self.start()
        for kind in ("process", "runtime"):
            with self.subTest(kind=kind):
                if os.path.exists(self.log):
                    os.remove(self.log)
                mapping = self.lam.create_event_source_mapping(
                    EventSourceArn=self.stream_arn("w"), FunctionName="count-" + kind,
                    StartingPosition="LATEST", BatchSize=5, TumblingWindowInSeconds=60)
                self.assertEqual(mapping["TumblingWindowInSeconds"], 60)
                harness.wait_until(lambda: self.lam.get_event_source_mapping(
                    UUID=mapping["UUID"])["State"] == "Enabled", what="Enabled")
                self.clear_of_a_window_end(60)
                for i in range(23):
                    self.kinesis.put_record(StreamName="w", Data=b"{}", PartitionKey="k%d" % i,
                                            ExplicitHashKey="0" if i % 3 else str(2 ** 128 - 1))
                harness.settle(self.server)  # every record handled, in windows still open
                self.assertEqual([i for i in self.invocations() if i["final"]], [])
                self.advance(61_000)  # every window is over
                finals = harness.wait_until(
                    lambda: [i for i in self.invocations() if i["final"]]
                    if sum(i["count"] for i in self.invocations() if i["final"]) >= 23 else None,
                    what="the final invocations")
                self.assertEqual(sum(f["count"] for f in finals), 23)
                self.assertTrue(all(f["records"] == 0 and not f["early"] for f in finals))
                for shard in ("shardId-000000000000", "shardId-000000000001"):
                    counts = [i["count"] for i in self.invocations()
                              if i["shard"] == shard and not i["final"]]
                    self.assertGreater(len(counts), 1, shard)  # more than one batch of 5
                    self.assertEqual(counts, sorted(counts))  # the state carried over
                first = self.invocations()[0]
                self.assertTrue(first["window"]["start"].endswith(":00Z"))
                self.assertEqual(first["source"], self.stream_arn("w"))
                self.lam.delete_event_source_mapping(UUID=mapping["UUID"])

    def test_an_answer_without_state_fails_the_batch(self):
        self.start(env={"FORGET": "1"})
        dlq = os.path.join(self.tmp, "dlq")
        mapping = self.lam.create_event_source_mapping(
            EventSourceArn=self.stream_arn("one"), FunctionName="count-process",
            StartingPosition="TRIM_HORIZON", TumblingWindowInSeconds=30, MaximumRetryAttempts=0,
            DestinationConfig={"OnFailure": {"Destination": "file://" + dlq}})
        self.kinesis.put_record(StreamName="one", Data=b"{}", PartitionKey="k")
        harness.settle(self.server)
        failures = [f for f in os.listdir(dlq) if f.endswith(".json")]
        self.assertEqual(len(failures), 1)
        self.assertEqual(self.lam.get_event_source_mapping(UUID=mapping["UUID"])[
            "LastProcessingResult"], "PROBLEM: Function call failed")
        self.assertIn('has no "state" object', self.server.log())

    def test_a_split_closes_the_parents_window_and_the_aws_cli_sees_it(self):
        self.start()
        env = dict(os.environ, **harness.CLIENT_ENV)
        out = subprocess.run(
            ["aws", "--endpoint-url", self.server.endpoint, "--output", "json", "lambda",
             "create-event-source-mapping", "--event-source-arn", self.stream_arn("one"),
             "--function-name", "count-process", "--starting-position", "TRIM_HORIZON",
             "--tumbling-window-in-seconds", "900"],
            env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(json.loads(out.stdout)["TumblingWindowInSeconds"], 900)
        self.clear_of_a_window_end(900)
        for i in range(3):
            self.kinesis.put_record(StreamName="one", Data=b"{}", PartitionKey="p%d" % i)
        harness.settle(self.server)
        self.kinesis.split_shard(StreamName="one", ShardToSplit="shardId-000000000000",
                                 NewStartingHashKey=str(2 ** 127))
        # No clock move: the parent, read to its end, has its final invocation.
        final = harness.wait_until(
            lambda: [i for i in self.invocations() if i["final"]], what="the parent's final")
        self.assertEqual([(f["shard"], f["count"]) for f in final], [("shardId-000000000000", 3)])


if __name__ == "__main__":
    unittest.main()
