"""Warm handlers through the Lambda Runtime API (`"type": "runtime"`), driven
end to end: seed 000's CTR pipeline at batch size 5 through a Python handler
that imports boto3, its instance reused across batches and stopped when idle;
a handler that raises, exits, times out or cannot be imported; partial batch
responses; a Node.js handler; the START/END/REPORT log lines and the metrics."""
import json
import os
import pathlib
import re
import shutil
import sys
import tempfile
import time
import unittest
import urllib.request

import harness

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
RUNNER = [sys.executable, str(REPO / "examples/handlers/python/run.py")]
CTR = (REPO / "examples/data/connect-ctr.json").read_bytes()


def wait_until(predicate, timeout=30, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.01)
    raise AssertionError("timed out waiting for " + what)


def calls(path):
    if not os.path.exists(path):
        return []
    return [tuple(int(x) for x in line.split()) for line in pathlib.Path(path).read_text().splitlines()]


class Runtime(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kinesisd-runtime-")
        self.calls = os.path.join(self.tmp, "calls.log")
        self.dlq = os.path.join(self.tmp, "dlq")
        self.server = None

    def tearDown(self):
        if self.server:
            self.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def start(self, handler, mapping, streams=("ctr",)):
        config = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(config).write_text(json.dumps({
            "streams": [{"name": s} for s in streams],
            "handlers": {"ctr": handler},
            "event_source_mappings": [dict({"stream": "ctr", "handler": "ctr",
                                            "StartingPosition": "TRIM_HORIZON"}, **mapping)]}))
        self.server = harness.Server("--config", config, cwd=str(REPO))
        self.kinesis = harness.boto3_client(self.server)

    def python_handler(self, **extra):
        return dict({"type": "runtime", "command": RUNNER, "handler": "warm_ctr.handler",
                     "env": {"PYTHONPATH": "%s:%s" % (HERE / "handlers", REPO / "examples/handlers/python"),
                             "CALLS_LOG": self.calls}}, **extra)

    def dead(self):
        return sorted(f for f in os.listdir(self.dlq) if f.endswith(".json")) if os.path.isdir(self.dlq) else []

    def test_seed_000_drains_200_records_at_batch_size_5_warm_in_one_process(self):
        self.start(self.python_handler(idle_ms=1500), {"BatchSize": 5})
        # The cold start (an interpreter importing boto3) happens once.
        started = time.monotonic()
        self.kinesis.put_record(StreamName="ctr", PartitionKey="c-0", Data=CTR)
        wait_until(lambda: len(calls(self.calls)) == 1, what="the first batch")
        cold = time.monotonic() - started
        records = [{"PartitionKey": "c-%d" % i, "Data": CTR} for i in range(200)]
        started = time.monotonic()
        self.kinesis.put_records(StreamName="ctr", Records=records)
        wait_until(lambda: sum(c[2] for c in calls(self.calls)) == 201, what="200 more records")
        warm = time.monotonic() - started
        print("cold start + first batch %.3f s; 200 records warm %.3f s" % (cold, warm),
              file=sys.stderr)
        self.assertLess(warm, 1.0)
        got = calls(self.calls)
        self.assertEqual({pid for pid, _, _ in got}, {got[0][0]})  # one process
        self.assertEqual([n for _, n, _ in got], list(range(1, len(got) + 1)))  # module state kept
        self.assertTrue(all(size <= 5 for _, _, size in got))
        log = self.server.log()
        self.assertEqual(log.count("cold start"), 1)
        self.assertRegex(log, r"\[ctr\] REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\t"
                              r"Billed Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t"
                              r"Init Duration: [\d.]+ ms")
        self.assertIn("[ctr] START RequestId: ", log)
        self.assertIn("[ctr] END RequestId: ", log)
        # The handler's own output, with the request id.
        self.assertRegex(log, r"\[ctr\] [0-9a-f-]{36}\t")
        metrics = urllib.request.urlopen(self.server.endpoint + "/metrics").read().decode()
        self.assertIn('kinesisd_handler_cold_starts_total{function="ctr"} 1', metrics)
        self.assertRegex(metrics, r'kinesisd_handler_warm_invocations_total\{function="ctr"\} \d+')

        # Idle for idle_ms: the process goes; the next batch is a cold start.
        wait_until(lambda: "stopped after 1500 ms idle" in self.server.log(), timeout=10,
                   what="the idle stop")
        self.kinesis.put_record(StreamName="ctr", PartitionKey="c-x", Data=CTR)
        wait_until(lambda: sum(c[2] for c in calls(self.calls)) == 202, what="one more")
        last = calls(self.calls)[-1]
        self.assertNotEqual(last[0], got[0][0])
        self.assertEqual(last[1], 1)
        self.assertEqual(self.server.log().count("cold start"), 2)

    def test_raise_exit_timeout_are_function_errors_and_the_next_batch_gets_a_working_instance(self):
        self.start(self.python_handler(timeout_ms=1000),
                   {"BatchSize": 1, "MaximumRetryAttempts": 1,
                    "DestinationConfig": {"OnFailure": {"Destination": "file://" + self.dlq}}})
        for i, what in enumerate([b"raise", b"exit", b"sleep"]):
            self.kinesis.put_record(StreamName="ctr", PartitionKey="k", Data=what)
            wait_until(lambda: len(self.dead()) == i + 1, what="%s dead-lettered" % what)
        self.kinesis.put_record(StreamName="ctr", PartitionKey="k", Data=CTR)
        wait_until(lambda: calls(self.calls) and calls(self.calls)[-1][2] == 1 and
                   len(calls(self.calls)) == 7, what="the good record")
        got = calls(self.calls)
        # raise x2 (one instance, kept), exit x2 (each a fresh instance), sleep x2, then good.
        self.assertEqual(got[0][0], got[1][0])
        self.assertNotEqual(got[2][0], got[3][0])
        self.assertNotEqual(got[6][0], got[5][0])
        failures = [json.loads(pathlib.Path(self.dlq, f).read_text()) for f in self.dead()]
        self.assertTrue(all(f["requestContext"]["condition"] == "RetryAttemptsExhausted" and
                            f["requestContext"]["approximateInvokeCount"] == 2 for f in failures))
        log = self.server.log()
        self.assertIn('"errorType": "RuntimeError"', log)
        self.assertIn("Runtime exited with error: exit status 7", log)
        self.assertIn("Task timed out after 1.00 seconds", log)

    def test_an_import_that_fails_is_a_function_error_every_time(self):
        handler = self.python_handler()
        handler["handler"] = "no_such_module.handler"
        self.start(handler, {"BatchSize": 1, "MaximumRetryAttempts": 0,
                             "DestinationConfig": {"OnFailure": {"Destination": "file://" + self.dlq}}})
        self.kinesis.put_record(StreamName="ctr", PartitionKey="k", Data=CTR)
        wait_until(lambda: self.dead(), what="the dead letter")
        # The error is logged as the batch fails, beside the dead letter's write.
        wait_until(lambda: "Runtime.ImportModuleError" in self.server.log(), what="the error")

    def test_partial_batch_responses_through_the_runtime_api(self):
        self.start(self.python_handler(),
                   {"BatchSize": 5, "FunctionResponseTypes": ["ReportBatchItemFailures"],
                    "MaximumRetryAttempts": 0,
                    "DestinationConfig": {"OnFailure": {"Destination": "file://" + self.dlq}}})
        records = [{"PartitionKey": "k", "Data": CTR if i != 2 else b'{"not": "a ctr"}'}
                   for i in range(5)]
        put = self.kinesis.put_records(StreamName="ctr", Records=records)
        wait_until(lambda: self.dead(), what="the failed part")
        failure = json.loads(pathlib.Path(self.dlq, self.dead()[0]).read_text())
        info = failure["KinesisBatchInfo"]
        self.assertEqual(info["startSequenceNumber"], put["Records"][2]["SequenceNumber"])
        self.assertEqual(info["batchSize"], 3)

    def test_a_node_handler_runs_warm(self):
        self.start({"type": "runtime", "command": ["node", str(REPO / "examples/handlers/node/run.mjs")],
                    "handler": "warm_counter.handler", "cwd": str(HERE / "handlers"),
                    "env": {"CALLS_LOG": self.calls}}, {"BatchSize": 2})
        for i in range(3):
            self.kinesis.put_record(StreamName="ctr", PartitionKey="k", Data=b"%d" % i)
            wait_until(lambda: sum(c[2] for c in calls(self.calls)) == i + 1, what="record %d" % i)
        got = calls(self.calls)
        self.assertEqual(len({pid for pid, _, _ in got}), 1)
        self.assertEqual([n for _, n, _ in got], list(range(1, len(got) + 1)))


if __name__ == "__main__":
    unittest.main()
