"""--limits aws driven by real clients: boto3 with its default retries, a
PutRecords loop that re-sends failed records, GetRecords at 6 calls/s (boto3
and the JS SDK v3), the control plane's quotas, per-stream limits from the
config file, and a 10 MiB record's burst.

AWS's texts: PutRecord/PutRecords "Rate exceeded for shard shardId-... in
stream S under account A." (the PutRecords API reference's example);
GetRecords "Rate exceeded for Shard - A/S/shardId-..." (recorded in
risingwavelabs/risingwave#7453); per-stream quotas "Rate exceeded for stream S
under account A." (boto/botocore#821); per-account "Rate exceeded for account
A." (Graylog2/graylog-plugin-integrations#341)."""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

from botocore.exceptions import ClientError

import harness

ACCOUNT = "000000000000"


def throttled_total(server):
    text = urllib.request.urlopen(server.endpoint + "/metrics").read().decode()
    return sum(int(v) for v in re.findall(r"^kinesisd_throttled_requests_total\{[^}]*\} (\d+)$",
                                          text, re.M))


def read_shard(k, stream, shard="shardId-000000000000"):
    it = k.get_shard_iterator(StreamName=stream, ShardId=shard,
                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    out = []
    while True:
        try:
            got = k.get_records(ShardIterator=it, Limit=10000)
        except ClientError as e:  # over 2 MiB/s: wait, as a consumer does
            if e.response["Error"]["Code"] != "ProvisionedThroughputExceededException":
                raise
            time.sleep(1)
            continue
        out.extend(got["Records"])
        if not got["Records"]:
            return out
        it = got["NextShardIterator"]
        time.sleep(0.25)  # within 5 reads/s


def calls_until_refused(call, most=200):
    """Calls as fast as the client can until one call is refused: how many
    went through, the refusal's (code, message), and the seconds it took. A
    token bucket refills as time passes, so on a loaded machine the refusal
    may come later than the call after the bucket's size; callers bound the
    count by the time taken."""
    ok, started = 0, time.monotonic()
    while ok < most:
        try:
            call()
            ok += 1
        except ClientError as e:
            return ok, (e.response["Error"]["Code"], e.response["Error"]["Message"]), \
                time.monotonic() - started
    raise AssertionError("no call of %d was refused" % most)


class Limits(unittest.TestCase):
    def setUp(self):
        self.server = harness.Server("--limits", "aws", "--streams", "one:1")
        self.k = harness.boto3_client(self.server)

    def tearDown(self):
        self.server.stop()

    def test_boto3_default_retries_write_5000_records_through_one_shard_in_order(self):
        # Four producer processes, each with its own key, boto3's default
        # retries. Records of 2 KiB, so the shard's 1 MiB/s (512 of them a
        # second) is passed even on a loaded machine; the write capacity is
        # used up first. Under a sanitizer kinesisd is several times slower:
        # 1250 records of 8 KiB (128 a second) then.
        sanitized = bool(os.environ.get("KINESISD_SANITIZED"))
        each, pad = (313, 8100) if sanitized else (1250, 2000)
        producer = """
import os, sys, boto3
k = boto3.client("kinesis", endpoint_url=sys.argv[1], region_name="us-east-1")
pad = "." * int(sys.argv[4])
for i in range(int(sys.argv[3])):
    k.put_record(StreamName="one", PartitionKey=sys.argv[2],
                 Data=("%s %d %s" % (sys.argv[2], i, pad)).encode())
"""
        drain = self.k.put_records(StreamName="one", Records=[
            {"PartitionKey": "drain", "Data": b"." * 2048}] * 500)
        self.assertEqual(drain["FailedRecordCount"], 0)
        keys = ["producer-%d" % t for t in range(4)]
        env = dict(os.environ, **harness.CLIENT_ENV)
        started = time.monotonic()
        procs = [subprocess.Popen([sys.executable, "-c", producer, self.server.endpoint, key,
                                   str(each), str(pad)],
                                  env=env, stderr=subprocess.PIPE, text=True) for key in keys]
        for p in procs:
            _, err = p.communicate(timeout=120)
            self.assertEqual(p.returncode, 0, err)
        elapsed = time.monotonic() - started
        self.assertGreater(throttled_total(self.server), 0, "nothing was throttled")
        # 10 MiB through 1 MiB/s, from an empty bucket.
        self.assertGreater(elapsed, 9)
        records = [r for r in read_shard(self.k, "one") if r["PartitionKey"] != "drain"]
        self.assertEqual(len(records), 4 * each)
        for key in keys:
            mine = [r["Data"].decode().rsplit(" ", 1)[0] for r in records if r["PartitionKey"] == key]
            self.assertEqual(mine, ["%s %d" % (key, i) for i in range(each)])

    def test_put_records_fails_only_the_records_over_the_limit_and_a_resend_loop_gets_all_in(self):
        records = [{"PartitionKey": "k%d" % i, "Data": b"r%d" % i} for i in range(2500)]
        started = time.monotonic()
        first = [self.k.put_records(StreamName="one", Records=records[i:i + 500])
                 for i in range(0, 2500, 500)]
        elapsed = time.monotonic() - started
        failed = sum(r["FailedRecordCount"] for r in first)
        # 1000 records/s: the full second's 1000, and what refilled meanwhile.
        self.assertLessEqual(failed, 1500)
        self.assertGreaterEqual(failed, 1500 - 1000 * elapsed - 10)
        self.assertGreater(failed, 0)
        entry = next(e for r in first for e in r["Records"] if "ErrorCode" in e)
        self.assertEqual(entry["ErrorCode"], "ProvisionedThroughputExceededException")
        self.assertEqual(entry["ErrorMessage"],
                         "Rate exceeded for shard shardId-000000000000 in stream one under "
                         "account %s." % ACCOUNT)
        self.assertEqual(set(entry), {"ErrorCode", "ErrorMessage"})
        # The loop every producer writes: re-send what failed, after a pause.
        pending = [rec for r, start in zip(first, range(0, 2500, 500))
                   for rec, e in zip(records[start:start + 500], r["Records"]) if "ErrorCode" in e]
        rounds = 0
        while pending:
            rounds += 1
            self.assertLess(rounds, 50)
            time.sleep(0.2)
            out = self.k.put_records(StreamName="one", Records=pending[:500])
            pending = [rec for rec, e in zip(pending[:500], out["Records"])
                       if "ErrorCode" in e] + pending[500:]
        stored = {r["Data"] for r in read_shard(self.k, "one")}
        self.assertEqual(stored, {r["Data"] for r in records})

    def test_the_sixth_get_records_in_a_second_is_throttled_with_aws_message(self):
        self.k.put_record(StreamName="one", PartitionKey="k", Data=b"x")
        it = self.k.get_shard_iterator(StreamName="one", ShardId="shardId-000000000000",
                                       ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        time.sleep(1.1)  # a full bucket
        state = {"it": it}

        def read():
            state["it"] = self.k.get_records(ShardIterator=state["it"])["NextShardIterator"]
        ok, refused, elapsed = calls_until_refused(read)
        # Five calls at once, then one more each 200 ms.
        self.assertGreaterEqual(ok, 5)
        self.assertLessEqual(ok, 5 + 5 * elapsed + 1)
        self.assertEqual(refused, ("ProvisionedThroughputExceededException",
                                   "Rate exceeded for Shard - %s/one/shardId-000000000000"
                                   % ACCOUNT))

    def test_the_js_sdk_v3_sees_the_same_error_type(self):
        script = """
import { KinesisClient, GetShardIteratorCommand, GetRecordsCommand } from "@aws-sdk/client-kinesis";
const k = new KinesisClient({ endpoint: process.env.KINESISD_ENDPOINT, region: "us-east-1",
  maxAttempts: 1, credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" } });
let { ShardIterator } = await k.send(new GetShardIteratorCommand({ StreamName: "one",
  ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }));
await new Promise((r) => setTimeout(r, 1100));
const started = Date.now();
let ok = 0, refused = null;
while (!refused && ok < 100) {
  try { ShardIterator = (await k.send(new GetRecordsCommand({ ShardIterator }))).NextShardIterator;
        ok++; }
  catch (e) { refused = [e.name, e.message, e.$metadata.httpStatusCode]; }
}
console.log(JSON.stringify({ ok, refused, elapsed: (Date.now() - started) / 1000 }));
"""
        p = harness.run_node(self.server, "limits_get_records", script)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = json.loads(p.stdout.strip().splitlines()[-1])
        self.assertGreaterEqual(out["ok"], 5)
        self.assertLessEqual(out["ok"], 5 + 5 * out["elapsed"] + 1)
        self.assertEqual(out["refused"], ["ProvisionedThroughputExceededException",
                                  "Rate exceeded for Shard - %s/one/shardId-000000000000" % ACCOUNT,
                                  400])

    def test_control_plane_quotas_per_account_and_per_stream(self):
        time.sleep(1.1)
        # DescribeStream: 10/s per account.
        ok, refused, elapsed = calls_until_refused(lambda: self.k.describe_stream(StreamName="one"))
        self.assertGreaterEqual(ok, 10)
        self.assertLessEqual(ok, 10 + 10 * elapsed + 1)
        self.assertEqual(refused, ("LimitExceededException",
                                   "Rate exceeded for account %s." % ACCOUNT))
        arn = self.k.describe_stream_summary(StreamName="one")["StreamDescriptionSummary"]["StreamARN"]
        # ListStreamConsumers: 5/s per stream.
        ok, refused, elapsed = calls_until_refused(lambda: self.k.list_stream_consumers(StreamARN=arn))
        self.assertGreaterEqual(ok, 5)
        self.assertLessEqual(ok, 5 + 5 * elapsed + 1)
        self.assertEqual(refused, ("LimitExceededException",
                                   "Rate exceeded for stream one under account %s." % ACCOUNT))
        time.sleep(1.0)
        self.k.list_stream_consumers(StreamARN=arn)  # refilled

    def test_a_ten_mib_record_bursts_then_the_shard_refills(self):
        self.k.update_max_record_size(StreamARN=self.k.describe_stream_summary(StreamName="one")[
            "StreamDescriptionSummary"]["StreamARN"], MaxRecordSizeInKiB=10240)
        time.sleep(1.1)
        big = b"x" * (10 * 1024 * 1024 - 10)
        self.k.put_record(StreamName="one", PartitionKey="k", Data=big)
        with self.assertRaises(ClientError) as caught:
            self.k.put_record(StreamName="one", PartitionKey="k", Data=b"small")
        self.assertEqual(caught.exception.response["Error"]["Code"],
                         "ProvisionedThroughputExceededException")


class PerStreamLimits(unittest.TestCase):
    def test_the_config_file_turns_limits_on_for_one_stream(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "kinesisd.json")
            pathlib.Path(path).write_text(json.dumps({"streams": [
                {"name": "hot", "limits": "aws"}, {"name": "free"}]}))
            with harness.Server("--config", path) as server:
                k = harness.boto3_client(server)
                records = [{"PartitionKey": "k", "Data": b"x"}] * 500
                failed, elapsed = {}, {}
                for s in ("hot", "free"):
                    start = time.monotonic()
                    failed[s] = sum(k.put_records(StreamName=s, Records=records)["FailedRecordCount"]
                                    for _ in range(4))
                    elapsed[s] = time.monotonic() - start
                self.assertEqual(failed["free"], 0)
                # The shard takes 1000 records at once and 1000 more each second
                # after (a token bucket refilled as time passes), so of the 2000
                # sent at most 1000 + 1000/s x the time the four calls took get in;
                # a slow (sanitized, loaded) machine lets more in, never fewer out.
                accepted = 2000 - failed["hot"]
                self.assertGreaterEqual(accepted, 1000)
                self.assertLessEqual(accepted, 1000 + 1000 * elapsed["hot"] + 1)


class WithoutLimits(unittest.TestCase):
    def test_nothing_is_throttled(self):
        with harness.Server("--streams", "one:1") as server:
            k = harness.boto3_client(server)
            records = [{"PartitionKey": "k", "Data": b"x" * 100}] * 500
            for _ in range(10):
                self.assertEqual(k.put_records(StreamName="one", Records=records)["FailedRecordCount"], 0)
            for _ in range(20):
                k.describe_stream(StreamName="one")
            self.assertEqual(throttled_total(server), 0)


if __name__ == "__main__":
    unittest.main()
