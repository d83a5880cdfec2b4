"""The README's tour, run with the real AWS CLI against the real binary."""
import base64
import json
import os
import subprocess
import unittest

import harness


class AwsCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()
        cls.env = dict(os.environ, **harness.CLIENT_ENV)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def aws(self, *args, endpoint=None, tls=()):
        cmd = ["aws", "--endpoint-url", endpoint or self.server.endpoint, *tls, "--output", "json",
               "kinesis", *args]
        p = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, "%s failed: %s" % (" ".join(args), p.stderr))
        return json.loads(p.stdout) if p.stdout.strip() else None

    def test_tour(self):
        self.aws("create-stream", "--stream-name", "orders", "--shard-count", "2")
        self.aws("wait", "stream-exists", "--stream-name", "orders")
        put = self.aws("put-record", "--stream-name", "orders", "--partition-key", "customer-1",
                       "--data", "hello")
        self.assertEqual(len(put["SequenceNumber"]), 56)
        batch = self.aws("put-records", "--stream-name", "orders", "--records",
                         "Data=one,PartitionKey=customer-1", "Data=two,PartitionKey=customer-1")
        self.assertEqual(batch["FailedRecordCount"], 0)
        self.assertTrue(all(r["ShardId"] == put["ShardId"] for r in batch["Records"]))

        it = self.aws("get-shard-iterator", "--stream-name", "orders", "--shard-id", put["ShardId"],
                      "--shard-iterator-type", "TRIM_HORIZON")["ShardIterator"]
        got = self.aws("get-records", "--shard-iterator", it)
        # CLI v1 takes --data and Data= as text and base64-encodes them (the README says so).
        data = [base64.b64decode(r["Data"]) for r in got["Records"]]
        self.assertEqual(data, [b"hello", b"one", b"two"])
        self.assertIn("NextShardIterator", got)

        self.assertIn("orders", self.aws("list-streams")["StreamNames"])
        shards = self.aws("list-shards", "--stream-name", "orders")["Shards"]
        self.assertEqual([s["ShardId"] for s in shards], ["shardId-000000000000", "shardId-000000000001"])
        summary = self.aws("describe-stream-summary", "--stream-name", "orders")["StreamDescriptionSummary"]
        self.assertEqual(summary["OpenShardCount"], 2)
        self.aws("delete-stream", "--stream-name", "orders")
        self.aws("wait", "stream-not-exists", "--stream-name", "orders")

    def test_over_tls_on_the_same_port(self):
        # The command: https on the very port plain HTTP uses, certificate not checked.
        insecure = ("--no-verify-ssl",)
        https = "https://127.0.0.1:%d" % self.server.port
        self.aws("create-stream", "--stream-name", "secure", "--shard-count", "1",
                 endpoint=https, tls=insecure)
        put = self.aws("put-record", "--stream-name", "secure", "--partition-key", "k",
                       "--data", "over-tls", endpoint=https, tls=insecure)
        it = self.aws("get-shard-iterator", "--stream-name", "secure", "--shard-id", put["ShardId"],
                      "--shard-iterator-type", "TRIM_HORIZON", endpoint=https,
                      tls=insecure)["ShardIterator"]
        got = self.aws("get-records", "--shard-iterator", it, endpoint=https, tls=insecure)
        self.assertEqual([base64.b64decode(r["Data"]) for r in got["Records"]], [b"over-tls"])
        # Verified: the generated certificate names localhost and is trusted as a CA bundle.
        names = self.aws("list-streams", endpoint=self.server.tls_endpoint,
                         tls=("--ca-bundle", self.server.tls_cert))["StreamNames"]
        self.assertIn("secure", names)

    def test_error_reaches_the_cli(self):
        cmd = ["aws", "--endpoint-url", self.server.endpoint, "kinesis", "describe-stream",
               "--stream-name", "missing-stream"]
        p = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 254 if p.returncode == 254 else 255)
        self.assertIn("An error occurred (ResourceNotFoundException) when calling the DescribeStream "
                      "operation: Stream missing-stream under account 000000000000 not found.", p.stderr)


if __name__ == "__main__":
    unittest.main()
