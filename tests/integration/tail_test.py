"""`kinesisd tail STREAM`: a client of a running kinesisd that prints records
as they arrive. boto3 puts records on two shards; tail, driven in a pty and
through a pipe, prints each once, as text, pretty JSON or base64, follows a
split into the children, and ends on Ctrl-C with status 0."""
import base64
import os
import pty
import select
import signal
import subprocess
import time
import unittest

import harness


class Tail(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server("--streams", "ctr:2")
        cls.kinesis = harness.boto3_client(cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def tail(self, *args, env=None):
        return subprocess.Popen(
            [harness.binary(), "tail", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, **dict({"AWS_ENDPOINT_URL_KINESIS": self.server.endpoint},
                                        **(env or {}))))

    def put_on_both_shards(self, prefix, n=6):
        shards = set()
        for i in range(n):
            # Hash keys at both ends of the range: one record each shard in turn.
            key = str(0 if i % 2 == 0 else 2 ** 128 - 1)
            r = self.kinesis.put_record(StreamName="ctr", Data=b'{"n": %d}' % i,
                                        PartitionKey="%s-%d" % (prefix, i), ExplicitHashKey=key)
            shards.add(r["ShardId"])
        self.assertEqual(len(shards), 2)

    def test_from_trim_horizon_through_a_pipe_prints_each_record_once(self):
        self.put_on_both_shards("pipe")
        p = self.tail("ctr", "--from", "trim-horizon", "--count", "6")
        out, err = p.communicate(timeout=30)
        self.assertEqual(p.returncode, 0, err)
        lines = [line.split("\t") for line in out.decode().splitlines()]
        self.assertEqual(sorted(line[2] for line in lines), ["pipe-%d" % i for i in range(6)])
        self.assertEqual({line[0] for line in lines},
                         {"shardId-000000000000", "shardId-000000000001"})
        for line in lines:
            i = int(line[2].rsplit("-", 1)[1])
            self.assertEqual(line[3], '{"n": %d}' % i)
            self.assertTrue(line[1].isdigit())

    def test_in_a_pty_from_latest_until_ctrl_c(self):
        master, slave = pty.openpty()
        p = subprocess.Popen([harness.binary(), "tail", "ctr", "--endpoint", self.server.endpoint],
                             stdout=slave, stderr=slave, start_new_session=True)
        os.close(slave)
        try:
            time.sleep(0.5)  # LATEST: what comes after it has listed the shards
            self.put_on_both_shards("pty")
            text = b""
            deadline = time.monotonic() + 20
            while text.count(b"\n") < 6 and time.monotonic() < deadline:
                ready, _, _ = select.select([master], [], [], 0.5)
                if ready:
                    text += os.read(master, 65536)
            self.assertEqual(sorted(line.split(b"\t")[2] for line in text.splitlines()),
                             [b"pty-%d" % i for i in range(6)], text)
            p.send_signal(signal.SIGINT)  # Ctrl-C
            self.assertEqual(p.wait(timeout=10), 0)
        finally:
            if p.poll() is None:
                p.kill()
            os.close(master)

    def test_json_and_base64_payloads(self):
        self.kinesis.put_record(StreamName="ctr", Data=b'{"a": [1, 2]}', PartitionKey="j",
                                ExplicitHashKey="0")
        self.kinesis.put_record(StreamName="ctr", Data=b"\x00\xffbin", PartitionKey="b",
                                ExplicitHashKey="0")
        start = str(time.time() - 5)
        p = self.tail("ctr", "--from", start, "--json", "--count", "100")
        time.sleep(3)
        p.send_signal(signal.SIGTERM)
        out, _ = p.communicate(timeout=10)
        text = out.decode()
        self.assertIn('\tj\t\n{\n  "a": [\n    1,\n    2\n  ]\n}', text)
        self.assertIn("\tb\tbase64:" + base64.b64encode(b"\x00\xffbin").decode(), text)
        p = self.tail("ctr", "--from", "trim-horizon", "--base64", "--count", "200")
        time.sleep(3)
        p.send_signal(signal.SIGTERM)
        out, _ = p.communicate(timeout=10)
        self.assertIn("\tj\t" + base64.b64encode(b'{"a": [1, 2]}').decode(), out.decode())

    def test_it_follows_a_split_into_the_children(self):
        self.kinesis.create_stream(StreamName="split", ShardCount=1)
        harness.wait_until(lambda: self.kinesis.describe_stream_summary(StreamName="split")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="ACTIVE")
        self.kinesis.put_record(StreamName="split", Data=b"parent", PartitionKey="p")
        p = self.tail("split", "--from", "trim-horizon", "--count", "3")
        self.kinesis.split_shard(StreamName="split", ShardToSplit="shardId-000000000000",
                                 NewStartingHashKey=str(2 ** 127))
        harness.wait_until(lambda: self.kinesis.describe_stream_summary(StreamName="split")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="ACTIVE")
        self.kinesis.put_record(StreamName="split", Data=b"low", PartitionKey="l",
                                ExplicitHashKey="0")
        self.kinesis.put_record(StreamName="split", Data=b"high", PartitionKey="h",
                                ExplicitHashKey=str(2 ** 128 - 1))
        out, err = p.communicate(timeout=30)
        self.assertEqual(p.returncode, 0, err)
        lines = [line.split("\t") for line in out.decode().splitlines()]
        self.assertEqual([(line[0], line[3]) for line in lines][0],
                         ("shardId-000000000000", "parent"))
        self.assertEqual(sorted((line[0], line[3]) for line in lines[1:]),
                         [("shardId-000000000001", "low"), ("shardId-000000000002", "high")])

    def test_errors_are_one_line_with_a_status(self):
        p = self.tail("no-such-stream")
        _, err = p.communicate(timeout=10)
        self.assertEqual(p.returncode, 1)
        self.assertIn("ResourceNotFoundException", err.decode())
        p = self.tail("ctr", "--from", "yesterday")
        _, err = p.communicate(timeout=10)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--from takes latest, trim-horizon or a time", err.decode())
        p = self.tail("ctr", env={"AWS_ENDPOINT_URL_KINESIS": "http://127.0.0.1:1"})
        _, err = p.communicate(timeout=10)
        self.assertEqual(p.returncode, 1)
        self.assertIn("cannot reach http://127.0.0.1:1", err.decode())


if __name__ == "__main__":
    unittest.main()
