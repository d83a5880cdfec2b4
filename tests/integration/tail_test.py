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
            # From LATEST: probes until one shows, so the records after are surely read.
            text = b""
            deadline = time.monotonic() + 30
            while b"probe" not in text and time.monotonic() < deadline:
                self.kinesis.put_record(StreamName="ctr", Data=b"p", PartitionKey="probe")
                text += self.read_for(master, 0.3)
            self.assertIn(b"probe", text)
            self.put_on_both_shards("pty")
            while text.count(b"\tpty-") < 6 and time.monotonic() < deadline:
                text += self.read_for(master, 0.3)
            got = [line.split(b"\t")[2] for line in text.splitlines()
                   if line.split(b"\t")[2:3] != [b"probe"]]
            self.assertEqual(sorted(got), [b"pty-%d" % i for i in range(6)], text)
            p.send_signal(signal.SIGINT)  # Ctrl-C
            self.assertEqual(p.wait(timeout=10), 0)
        finally:
            if p.poll() is None:
                p.kill()
            os.close(master)

    @staticmethod
    def read_for(fd, seconds):
        """What arrives on `fd` within `seconds`."""
        out = b""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
        return out

    def test_json_and_base64_payloads(self):
        start = str(time.time() - 1)
        self.kinesis.put_record(StreamName="ctr", Data=b'{"a": [1, 2]}', PartitionKey="j",
                                ExplicitHashKey="0")
        self.kinesis.put_record(StreamName="ctr", Data=b"\x00\xffbin", PartitionKey="b",
                                ExplicitHashKey="0")
        pretty = '\tj\t\n{\n  "a": [\n    1,\n    2\n  ]\n}'
        binary = "\tb\tbase64:" + base64.b64encode(b"\x00\xffbin").decode()
        self.assertIn(pretty, self.tail_until("ctr", "--from", start, "--json", expect=[pretty, binary]))
        raw = "\tj\t" + base64.b64encode(b'{"a": [1, 2]}').decode()
        self.assertIn(raw, self.tail_until("ctr", "--from", "trim-horizon", "--base64", expect=[raw]))

    def tail_until(self, *args, expect):
        """Runs tail until its output holds every text of `expect` (or 30 s), then SIGTERM."""
        p = self.tail(*args)
        text = b""
        deadline = time.monotonic() + 30
        while not all(e.encode() in text for e in expect) and time.monotonic() < deadline:
            text += self.read_for(p.stdout.fileno(), 0.2)
        p.send_signal(signal.SIGTERM)
        rest, _ = p.communicate(timeout=10)
        self.assertEqual(p.returncode, 0)
        return (text + rest).decode()

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
