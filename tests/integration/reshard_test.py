"""SplitShard and MergeShards through boto3, and the Lambda-style poller
following a stream through both: parents are drained before their children,
so every record reaches the handler once and in order per partition key."""
import base64
import json
import os
import pathlib
import shutil
import tempfile
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


if __name__ == "__main__":
    unittest.main()
