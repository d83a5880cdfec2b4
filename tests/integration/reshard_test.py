"""SplitShard, MergeShards and UpdateShardCount through boto3, and readers
that follow a stream through them: the Lambda-style poller, and a reader that
drains parents before children as the Kinesis Client Library does. Each sees
every record once and in order per partition key."""
import base64
import collections
import json
import os
import pathlib
import shutil
import tempfile
import threading
import time
import unittest

import harness

HALF = str(2 ** 127)


class Reshard(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kinesisd-reshard-")
        audit = os.path.join(self.tmp, "audit.log")
        config = {"streams": [{"name": "rs", "shards": 1}],
                  "handlers": {"audit": {"type": "shared_library",
                                         "path": os.environ["KINESISD_AUDIT_PLUGIN"],
                                         "config": {"path": audit}}},
                  "event_source_mappings": [{"stream": "rs", "handler": "audit", "BatchSize": 7,
                                             "StartingPosition": "TRIM_HORIZON"}]}
        path = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps(config))
        self.audit = audit
        self.server = harness.Server("--config", path)
        self.k = harness.boto3_client(self.server)

    def tearDown(self):
        self.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def put(self, start, n):
        records = [{"Data": json.dumps({"n": i}).encode(), "PartitionKey": "key-%d" % (i % 6)}
                   for i in range(start, start + n)]
        self.assertEqual(self.k.put_records(StreamName="rs", Records=records)["FailedRecordCount"], 0)

    def assertError(self, code, message, fn, **kwargs):
        with self.assertRaises(self.k.exceptions.ClientError) as e:
            fn(**kwargs)
        self.assertEqual(e.exception.response["Error"]["Code"], code)
        if message:
            self.assertEqual(e.exception.response["Error"]["Message"], message)

    def test_split_merge_and_a_consumer_that_follows(self):
        self.put(0, 60)
        self.k.split_shard(StreamName="rs", ShardToSplit="shardId-000000000000",
                           NewStartingHashKey=HALF)
        shards = {s["ShardId"]: s for s in self.k.list_shards(StreamName="rs")["Shards"]}
        self.assertEqual(sorted(shards), ["shardId-000000000000", "shardId-000000000001",
                                          "shardId-000000000002"])
        self.assertIn("EndingSequenceNumber", shards["shardId-000000000000"]["SequenceNumberRange"])
        self.assertEqual(shards["shardId-000000000001"]["ParentShardId"], "shardId-000000000000")
        self.assertEqual(shards["shardId-000000000001"]["HashKeyRange"]["EndingHashKey"],
                         str(2 ** 127 - 1))
        self.assertEqual(shards["shardId-000000000002"]["HashKeyRange"]["StartingHashKey"], HALF)
        self.put(60, 60)

        # The closed parent reads to its end; the response that reaches it names the
        # children instead of a next iterator.
        it = self.k.get_shard_iterator(StreamName="rs", ShardId="shardId-000000000000",
                                       ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        first = self.k.get_records(ShardIterator=it, Limit=50)
        self.assertEqual(len(first["Records"]), 50)
        last = self.k.get_records(ShardIterator=first["NextShardIterator"])
        self.assertEqual(len(last["Records"]), 10)
        self.assertNotIn("NextShardIterator", last)
        self.assertEqual(sorted(c["ShardId"] for c in last["ChildShards"]),
                         ["shardId-000000000001", "shardId-000000000002"])

        self.assertError("InvalidArgumentException",
                         "Shards shardId-000000000002 and shardId-000000000001 in stream rs under "
                         "account 000000000000 are not an adjacent pair of shards eligible for "
                         "merging",
                         self.k.merge_shards, StreamName="rs", ShardToMerge="shardId-000000000002",
                         AdjacentShardToMerge="shardId-000000000001")
        self.k.merge_shards(StreamName="rs", ShardToMerge="shardId-000000000001",
                            AdjacentShardToMerge="shardId-000000000002")
        merged = self.k.list_shards(StreamName="rs")["Shards"][-1]
        self.assertEqual((merged["ShardId"], merged["ParentShardId"], merged["AdjacentParentShardId"]),
                         ("shardId-000000000003", "shardId-000000000001", "shardId-000000000002"))
        self.put(120, 60)

        self.assertError("ResourceNotFoundException",
                         "Could not find shard shardId-000000000009 in stream rs under account "
                         "000000000000.",
                         self.k.split_shard, StreamName="rs", ShardToSplit="shardId-000000000009",
                         NewStartingHashKey=HALF)
        self.assertError("InvalidArgumentException",
                         "NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000003 "
                         "in stream rs under account 000000000000 is not both greater than one "
                         "plus the shard's StartingHashKey 0 and less than the shard's "
                         "EndingHashKey 340282366920938463463374607431768211455.",
                         self.k.split_shard, StreamName="rs", ShardToSplit="shardId-000000000003",
                         NewStartingHashKey="1")
        self.assertError("ResourceInUseException", None, self.k.split_shard, StreamName="rs",
                         ShardToSplit="shardId-000000000000", NewStartingHashKey=HALF)

        # The poller followed: 180 records, each once, in order per key.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(pathlib.Path(self.audit).read_text().splitlines()
                                                  if os.path.exists(self.audit) else []) < 180:
            time.sleep(0.05)
        time.sleep(0.2)
        per_key = {}
        for line in pathlib.Path(self.audit).read_text().splitlines():
            _, _, key, data = line.split(" ")
            per_key.setdefault(key, []).append(json.loads(base64.b64decode(data))["n"])
        self.assertEqual(sum(len(v) for v in per_key.values()), 180)
        for key, ns in per_key.items():
            self.assertEqual(ns, sorted(ns), key)
            self.assertEqual(len(ns), len(set(ns)), key)


def read_like_kcl(k, stream):
    """Reads every shard from TRIM_HORIZON, starting a shard only once its
    parents are read to their end. Returns the records in read order."""
    shards, token = [], None
    while True:
        page = k.list_shards(NextToken=token) if token else k.list_shards(StreamName=stream)
        shards += page["Shards"]
        token = page.get("NextToken")
        if not token:
            break
    done, records, pending = set(), [], list(shards)
    while pending:
        ready = [s for s in pending
                 if all(p in done for p in (s.get("ParentShardId"), s.get("AdjacentParentShardId"))
                        if p)]
        assert ready, "no shard is ready: %r" % pending
        for shard in ready:
            it = k.get_shard_iterator(StreamName=stream, ShardId=shard["ShardId"],
                                      ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            closed = "EndingSequenceNumber" in shard["SequenceNumberRange"]
            while it:
                r = k.get_records(ShardIterator=it, Limit=1000)
                records += r["Records"]
                it = r.get("NextShardIterator")
                if not closed and not r["Records"] and r["MillisBehindLatest"] == 0:
                    break  # an open shard read to its tip
            done.add(shard["ShardId"])
            pending.remove(shard)
    return records


class UpdateShardCount(unittest.TestCase):
    def setUp(self):
        self.server = harness.Server()
        self.k = harness.boto3_client(self.server)

    def tearDown(self):
        self.server.stop()

    def error(self, fn, **kwargs):
        with self.assertRaises(self.k.exceptions.ClientError) as e:
            fn(**kwargs)
        return e.exception.response["Error"]

    def test_uniform_ranges_lineage_and_limits(self):
        self.k.create_stream(StreamName="us", ShardCount=3)
        out = self.k.update_shard_count(StreamName="us", TargetShardCount=5,
                                        ScalingType="UNIFORM_SCALING")
        self.assertEqual((out["CurrentShardCount"], out["TargetShardCount"]), (3, 5))
        shards = self.k.list_shards(StreamName="us")["Shards"]
        open_ = [s for s in shards if "EndingSequenceNumber" not in s["SequenceNumberRange"]]
        width = 2 ** 128 // 5
        self.assertEqual(sorted(int(s["HashKeyRange"]["StartingHashKey"]) for s in open_),
                         [i * width for i in range(5)])
        ids = {s["ShardId"] for s in shards}
        for s in shards:  # every new shard descends from real shards
            for p in (s.get("ParentShardId"), s.get("AdjacentParentShardId")):
                self.assertTrue(p is None or p in ids, s)
        summary = self.k.describe_stream_summary(StreamName="us")["StreamDescriptionSummary"]
        self.assertEqual(summary["OpenShardCount"], 5)

        err = self.error(self.k.update_shard_count, StreamName="us", TargetShardCount=11,
                         ScalingType="UNIFORM_SCALING")
        self.assertEqual((err["Code"], err["Message"]), (
            "LimitExceededException",
            "UpdateShardCount cannot scale up over double your current open shard count. "
            "Current open shard count: 5, Target shard count: 11"))
        err = self.error(self.k.update_shard_count, StreamName="us", TargetShardCount=2,
                         ScalingType="UNIFORM_SCALING")
        self.assertEqual((err["Code"], err["Message"]), (
            "LimitExceededException",
            "UpdateShardCount cannot scale down below half your current open shard count. "
            "Current open shard count: 5, Target shard count: 2"))
        for target in (6, 5, 6, 5, 6, 5, 6, 5, 6):  # 10 scalings in 24 h, counting the first
            self.k.update_shard_count(StreamName="us", TargetShardCount=target,
                                      ScalingType="UNIFORM_SCALING")
        err = self.error(self.k.update_shard_count, StreamName="us", TargetShardCount=5,
                         ScalingType="UNIFORM_SCALING")
        self.assertEqual(err["Code"], "LimitExceededException")

        self.k.create_stream(StreamName="od", StreamModeDetails={"StreamMode": "ON_DEMAND"})
        err = self.error(self.k.update_shard_count, StreamName="od", TargetShardCount=2,
                         ScalingType="UNIFORM_SCALING")
        self.assertEqual(err["Code"], "ValidationException")

    def test_kcl_reader_sees_every_record_once_in_order_while_resharding(self):
        self.k.create_stream(StreamName="live", ShardCount=2)
        keys = ["agent-%02d" % i for i in range(50)]
        total, batch = 10_000, 250
        written = collections.Counter()
        progress = threading.Semaphore(0)
        failures = []

        def write():
            n = 0
            while n < total:
                records = []
                for _ in range(batch):
                    key = keys[n % len(keys)]
                    records.append({"PartitionKey": key, "Data": json.dumps(
                        {"key": key, "seq": written[key]}).encode()})
                    written[key] += 1
                    n += 1
                out = self.k.put_records(StreamName="live", Records=records)
                if out["FailedRecordCount"]:
                    failures.append(out)
                progress.release()
        writer = threading.Thread(target=write)
        writer.start()

        def after_batches(count):
            for _ in range(count):
                self.assertTrue(progress.acquire(timeout=30))

        half_of_first = str(2 ** 126)
        after_batches(6)
        self.k.split_shard(StreamName="live", ShardToSplit="shardId-000000000000",
                           NewStartingHashKey=half_of_first)
        after_batches(6)
        self.k.merge_shards(StreamName="live", ShardToMerge="shardId-000000000002",
                            AdjacentShardToMerge="shardId-000000000003")
        after_batches(6)
        self.k.update_shard_count(StreamName="live", TargetShardCount=4,
                                  ScalingType="UNIFORM_SCALING")
        after_batches(6)
        self.k.update_shard_count(StreamName="live", TargetShardCount=2,
                                  ScalingType="UNIFORM_SCALING")
        writer.join()
        self.assertEqual(failures, [])
        self.assertEqual(self.k.describe_stream_summary(
            StreamName="live")["StreamDescriptionSummary"]["OpenShardCount"], 2)

        per_key = collections.defaultdict(list)
        for r in read_like_kcl(self.k, "live"):
            doc = json.loads(r["Data"])
            self.assertEqual(doc["key"], r["PartitionKey"])
            per_key[doc["key"]].append(doc["seq"])
        self.assertEqual(sum(len(v) for v in per_key.values()), total)
        for key in keys:
            self.assertEqual(per_key[key], list(range(written[key])), key)


class WhileUpdating(unittest.TestCase):
    """AWS's resharding as its developer guide describes it ("Resharding a
    stream", "After resharding"): while a SplitShard, MergeShards or
    UpdateShardCount is in progress the stream is UPDATING, the parent shards
    stay open (no EndingSequenceNumber) and take the puts, and no child is
    listed; when the stream is ACTIVE again the parents are closed and the
    children are listed and take the puts."""

    def setUp(self):
        self.server = harness.Server("--test-clock", "1", update_ms=5000)
        self.k = harness.boto3_client(self.server)

    def tearDown(self):
        self.server.stop()

    def shards(self, name):
        return {s["ShardId"]: s for s in self.k.list_shards(StreamName=name)["Shards"]}

    def status(self, name):
        return self.k.describe_stream_summary(StreamName=name)[
            "StreamDescriptionSummary"]["StreamStatus"]

    def test_parents_take_the_puts_until_the_stream_is_active(self):
        self.k.create_stream(StreamName="u", ShardCount=2)
        self.k.split_shard(StreamName="u", ShardToSplit="shardId-000000000000",
                           NewStartingHashKey=str(2 ** 126))
        self.assertEqual(self.status("u"), "UPDATING")
        shards = self.shards("u")
        self.assertEqual(sorted(shards), ["shardId-000000000000", "shardId-000000000001"])
        self.assertNotIn("EndingSequenceNumber",
                         shards["shardId-000000000000"]["SequenceNumberRange"])
        put = self.k.put_record(StreamName="u", Data=b"x", PartitionKey="k",
                                ExplicitHashKey="1")
        self.assertEqual(put["ShardId"], "shardId-000000000000")
        # Another reshard waits for this one (AWS: the stream is not ACTIVE).
        with self.assertRaises(self.k.exceptions.ResourceInUseException):
            self.k.merge_shards(StreamName="u", ShardToMerge="shardId-000000000000",
                                AdjacentShardToMerge="shardId-000000000001")

        harness.advance_clock(self.server, 5000)
        self.assertEqual(self.status("u"), "ACTIVE")
        shards = self.shards("u")
        self.assertEqual(len(shards), 4)
        self.assertIn("EndingSequenceNumber",
                      shards["shardId-000000000000"]["SequenceNumberRange"])
        self.assertEqual(shards["shardId-000000000002"]["ParentShardId"],
                         "shardId-000000000000")
        put = self.k.put_record(StreamName="u", Data=b"y", PartitionKey="k",
                                ExplicitHashKey="1")
        self.assertEqual(put["ShardId"], "shardId-000000000002")

    def test_a_reshard_in_progress_survives_a_crash(self):
        with tempfile.TemporaryDirectory() as data:
            server = harness.Server("--test-clock", "1", "--data-dir", data, update_ms=5000)
            try:
                k = harness.boto3_client(server)
                k.create_stream(StreamName="d", ShardCount=1)
                k.split_shard(StreamName="d", ShardToSplit="shardId-000000000000",
                              NewStartingHashKey=HALF)
            finally:
                server.kill()
            server = harness.Server("--test-clock", "1", "--data-dir", data, update_ms=5000)
            try:
                k = harness.boto3_client(server)
                summary = k.describe_stream_summary(StreamName="d")["StreamDescriptionSummary"]
                self.assertEqual(summary["StreamStatus"], "UPDATING")
                self.assertEqual(summary["OpenShardCount"], 1)
                harness.advance_clock(server, 5000)
                summary = k.describe_stream_summary(StreamName="d")["StreamDescriptionSummary"]
                self.assertEqual((summary["StreamStatus"], summary["OpenShardCount"]),
                                 ("ACTIVE", 2))
            finally:
                server.stop()

    def test_update_shard_count_too(self):
        self.k.create_stream(StreamName="c", ShardCount=1)
        self.k.update_shard_count(StreamName="c", TargetShardCount=2,
                                  ScalingType="UNIFORM_SCALING")
        self.assertEqual(self.status("c"), "UPDATING")
        self.assertEqual(len(self.shards("c")), 1)
        harness.advance_clock(self.server, 5000)
        self.assertEqual(self.status("c"), "ACTIVE")
        open_shards = [s for s in self.shards("c").values()
                       if "EndingSequenceNumber" not in s["SequenceNumberRange"]]
        self.assertEqual(len(open_shards), 2)


if __name__ == "__main__":
    unittest.main()
