"""kinesisd as CI pipelines run it: /health to wait on, /metrics that move,
streams created at start-up, --port 0 with --port-file for parallel jobs,
JSON logs, and a prompt, clean stop on SIGTERM under full load."""
import json
import os
import pathlib
import signal
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.request

import harness


def get(server, path):
    with urllib.request.urlopen(server.endpoint + path, timeout=5) as r:
        return r.status, r.headers.get("Content-Type"), r.read().decode()


def metric(text, series):
    for line in text.splitlines():
        if line.startswith(series + " "):
            return float(line.rsplit(" ", 1)[1])
    return None


class Serving(unittest.TestCase):
    def test_health_and_metrics(self):
        with harness.Server("--streams", "orders:2") as server:
            status, ctype, body = get(server, "/health")
            self.assertEqual(status, 200)
            self.assertEqual(ctype, "application/json")
            health = json.loads(body)
            self.assertEqual(health["status"], "ok")
            self.assertRegex(health["version"], r"^\d+\.\d+\.\d+$")
            self.assertGreaterEqual(health["uptime_seconds"], 0)

            kinesis = harness.boto3_client(server)
            series = ('kinesisd_incoming_records_total{region="us-east-1",stream="orders",'
                      'shard="%s"}')
            _, ctype, before = get(server, "/metrics")
            self.assertTrue(ctype.startswith("text/plain; version=0.0.4"))
            put = kinesis.put_records(StreamName="orders", Records=[
                {"Data": b"x" * 10, "PartitionKey": "k%d" % i} for i in range(20)])
            shards = {}
            for r in put["Records"]:
                shards[r["ShardId"]] = shards.get(r["ShardId"], 0) + 1
            it = kinesis.get_shard_iterator(StreamName="orders", ShardId="shardId-000000000000",
                                            ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            kinesis.get_records(ShardIterator=it)
            _, _, after = get(server, "/metrics")
            for shard, n in shards.items():
                self.assertEqual(metric(before, series % shard), 0)
                self.assertEqual(metric(after, series % shard), n)
            self.assertEqual(metric(after, 'kinesisd_requests_total{operation="PutRecords"}'), 1)
            self.assertEqual(
                metric(after, 'kinesisd_request_duration_seconds_count{operation="PutRecords"}'), 1)
            self.assertEqual(metric(after, 'kinesisd_outgoing_records_total{region="us-east-1",'
                                           'stream="orders",shard="shardId-000000000000"}'),
                             shards.get("shardId-000000000000", 0))

    def test_start_up_streams_are_active_at_the_ready_line(self):
        env = dict(os.environ, KINESISD_STREAMS="from-env:3")
        with harness.Server("--create-stream-ms", "60000", "--streams", "a:2,b", env=env) as server:
            kinesis = harness.boto3_client(server)
            for name, shards in (("a", 2), ("b", 1)):
                d = kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
                self.assertEqual((d["StreamStatus"], d["OpenShardCount"]), ("ACTIVE", shards))
            # The flag wins over the environment.
            self.assertNotIn("from-env", kinesis.list_streams()["StreamNames"])
        with harness.Server(env=env) as server:
            d = harness.boto3_client(server).describe_stream_summary(StreamName="from-env")
            self.assertEqual(d["StreamDescriptionSummary"]["OpenShardCount"], 3)

    def test_port_file_lets_parallel_servers_pick_free_ports(self):
        with tempfile.TemporaryDirectory() as tmp:
            files = [os.path.join(tmp, "port%d" % i) for i in range(2)]
            servers = [harness.Server("--port-file", f) for f in files]
            try:
                ports = [int(pathlib.Path(f).read_text()) for f in files]
                self.assertEqual(ports, [s.port for s in servers])
                self.assertNotEqual(ports[0], ports[1])
                for s in servers:
                    self.assertEqual(get(s, "/health")[0], 200)
            finally:
                for s in servers:
                    s.stop()

    def test_json_logs_one_object_per_line(self):
        server = harness.Server("--log-format", "json", "--log-level", "debug")
        try:
            harness.boto3_client(server).list_streams()
        finally:
            server.stop()
        time.sleep(0.1)
        lines = [l for l in server.log().splitlines() if l.startswith("{")]
        self.assertTrue(lines)
        docs = [json.loads(l) for l in lines]
        self.assertTrue(any("ListStreams -> 200" in d["msg"] for d in docs), lines)
        self.assertTrue(all({"time", "level", "msg"} <= d.keys() for d in docs))

    def test_sigterm_under_full_load_stops_within_a_second(self):
        server = harness.Server("--streams", "load:4", "--log-level", "warn")
        stop = threading.Event()
        acked = []
        errors = []

        def writer(n):
            kinesis = harness.boto3_client(server)
            records = [{"Data": b"x" * 100, "PartitionKey": "w%d-%d" % (n, i)} for i in range(500)]
            while not stop.is_set():
                try:
                    r = kinesis.put_records(StreamName="load", Records=records)
                    acked.append(len(r["Records"]) - r["FailedRecordCount"])
                except Exception as e:  # connection refused/reset once the server stops
                    errors.append(e)
                    return

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        self.assertTrue(acked, "no load was generated")
        start = time.monotonic()
        server.proc.send_signal(signal.SIGTERM)
        code = server.proc.wait(timeout=5)
        elapsed = time.monotonic() - start
        stop.set()
        for t in threads:
            t.join()
        self.assertEqual(code, 0, server.log())
        self.assertLess(elapsed, 1.0)


if __name__ == "__main__":
    unittest.main()
