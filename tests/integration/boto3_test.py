"""The data plane driven by boto3, including the error answers AWS gives."""
import base64
import time
import unittest

from botocore.exceptions import ClientError

import harness


class Boto3DataPlane(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()
        cls.k = harness.boto3_client(cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def error_of(self, fn, **kwargs):
        with self.assertRaises(ClientError) as cm:
            fn(**kwargs)
        return cm.exception.response["Error"]["Code"], cm.exception.response["Error"]["Message"]

    def test_create_describe_delete(self):
        self.k.create_stream(StreamName="lifecycle", ShardCount=3)
        d = self.k.describe_stream(StreamName="lifecycle")["StreamDescription"]
        self.assertEqual(d["StreamStatus"], "ACTIVE")
        self.assertEqual([s["ShardId"] for s in d["Shards"]],
                         ["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"])
        self.assertEqual(d["Shards"][0]["HashKeyRange"]["EndingHashKey"],
                         "113427455640312821154458202477256070484")
        self.assertFalse(d["HasMoreShards"])
        s = self.k.describe_stream_summary(StreamName="lifecycle")["StreamDescriptionSummary"]
        self.assertEqual(s["OpenShardCount"], 3)
        self.assertEqual(s["StreamARN"], "arn:aws:kinesis:us-east-1:000000000000:stream/lifecycle")
        code, msg = self.error_of(self.k.create_stream, StreamName="lifecycle", ShardCount=1)
        self.assertEqual(code, "ResourceInUseException")
        self.assertEqual(msg, "Stream lifecycle under account 000000000000 already exists.")
        self.k.delete_stream(StreamName="lifecycle")
        code, msg = self.error_of(self.k.describe_stream, StreamName="lifecycle")
        self.assertEqual(code, "ResourceNotFoundException")
        self.assertEqual(msg, "Stream lifecycle under account 000000000000 not found.")

    def test_on_demand_stream_has_four_shards(self):
        self.k.create_stream(StreamName="ondemand", StreamModeDetails={"StreamMode": "ON_DEMAND"})
        s = self.k.describe_stream_summary(StreamName="ondemand")["StreamDescriptionSummary"]
        self.assertEqual(s["StreamModeDetails"]["StreamMode"], "ON_DEMAND")
        self.assertEqual(s["OpenShardCount"], 4)

    def test_put_and_get_by_stream_arn(self):
        self.k.create_stream(StreamName="byarn", ShardCount=1)
        arn = "arn:aws:kinesis:us-east-1:000000000000:stream/byarn"
        put = self.k.put_record(StreamARN=arn, Data=b"\x00\x01binary\xff", PartitionKey="k\u00e9y")
        it = self.k.get_shard_iterator(StreamARN=arn, ShardId=put["ShardId"],
                                       ShardIteratorType="AT_SEQUENCE_NUMBER",
                                       StartingSequenceNumber=put["SequenceNumber"])["ShardIterator"]
        recs = self.k.get_records(ShardIterator=it, StreamARN=arn)["Records"]
        self.assertEqual(recs[0]["Data"], b"\x00\x01binary\xff")
        self.assertEqual(recs[0]["PartitionKey"], "k\u00e9y")
        self.assertEqual(recs[0]["SequenceNumber"], put["SequenceNumber"])

    def test_five_batches_of_500_read_back_in_order_per_shard(self):
        self.k.create_stream(StreamName="bulk", ShardCount=4)
        sent = {}
        for batch in range(5):
            records = [{"Data": ("%d-%d" % (batch, i)).encode(), "PartitionKey": "key-%d" % (i % 37)}
                       for i in range(500)]
            out = self.k.put_records(StreamName="bulk", Records=records)
            self.assertEqual(out["FailedRecordCount"], 0)
            self.assertEqual(len(out["Records"]), 500)
            for rec, res in zip(records, out["Records"]):
                sent.setdefault(res["ShardId"], []).append((res["SequenceNumber"], rec["Data"]))
        total = 0
        for shard_id, expected in sent.items():
            it = self.k.get_shard_iterator(StreamName="bulk", ShardId=shard_id,
                                           ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            got = []
            while True:
                r = self.k.get_records(ShardIterator=it, Limit=300)
                got += [(x["SequenceNumber"], x["Data"]) for x in r["Records"]]
                it = r["NextShardIterator"]
                if r["MillisBehindLatest"] == 0 and not r["Records"]:
                    break
            self.assertEqual(got, expected)
            seqs = [int(s) for s, _ in got]
            self.assertEqual(seqs, sorted(seqs))
            total += len(got)
        self.assertEqual(total, 2500)

    def test_partition_key_routes_by_md5(self):
        self.k.create_stream(StreamName="routing", ShardCount=2)
        # MD5("pk1") = 329398...824 > 2^127, so shard 1; "a" -> 169552...497 < 2^127, so shard 0.
        self.assertEqual(self.k.put_record(StreamName="routing", Data=b"x", PartitionKey="pk1")["ShardId"],
                         "shardId-000000000001")
        self.assertEqual(self.k.put_record(StreamName="routing", Data=b"x", PartitionKey="a")["ShardId"],
                         "shardId-000000000000")
        self.assertEqual(self.k.put_record(StreamName="routing", Data=b"x", PartitionKey="pk1",
                                           ExplicitHashKey="0")["ShardId"], "shardId-000000000000")

    def test_iterator_types(self):
        self.k.create_stream(StreamName="iters", ShardCount=1)
        seqs = [self.k.put_record(StreamName="iters", Data=str(i).encode(), PartitionKey="p")["SequenceNumber"]
                for i in range(5)]
        def first(**kw):
            it = self.k.get_shard_iterator(StreamName="iters", ShardId="shardId-000000000000", **kw)
            return [r["Data"] for r in self.k.get_records(ShardIterator=it["ShardIterator"])["Records"]]
        self.assertEqual(first(ShardIteratorType="TRIM_HORIZON"), [b"0", b"1", b"2", b"3", b"4"])
        self.assertEqual(first(ShardIteratorType="AT_SEQUENCE_NUMBER", StartingSequenceNumber=seqs[2]),
                         [b"2", b"3", b"4"])
        self.assertEqual(first(ShardIteratorType="AFTER_SEQUENCE_NUMBER", StartingSequenceNumber=seqs[2]),
                         [b"3", b"4"])
        self.assertEqual(first(ShardIteratorType="LATEST"), [])
        self.assertEqual(first(ShardIteratorType="AT_TIMESTAMP", Timestamp=time.time() - 60), [b"0", b"1", b"2", b"3", b"4"])
        it = self.k.get_shard_iterator(StreamName="iters", ShardId="shardId-000000000000",
                                       ShardIteratorType="LATEST")["ShardIterator"]
        self.k.put_record(StreamName="iters", Data=b"late", PartitionKey="p")
        self.assertEqual([r["Data"] for r in self.k.get_records(ShardIterator=it)["Records"]], [b"late"])

    def test_list_streams_pages(self):
        for i in range(5):
            self.k.create_stream(StreamName="page-%d" % i, ShardCount=1)
        out = self.k.list_streams(Limit=2, ExclusiveStartStreamName="page-")
        self.assertEqual(out["StreamNames"], ["page-0", "page-1"])
        self.assertTrue(out["HasMoreStreams"])
        names = []
        pages = self.k.get_paginator("list_streams").paginate(PaginationConfig={"PageSize": 2})
        for page in pages:
            names += page["StreamNames"]
        self.assertTrue({"page-%d" % i for i in range(5)} <= set(names))
        self.assertEqual(names, sorted(names))

    def test_list_shards_pages_and_filters(self):
        self.k.create_stream(StreamName="shards", ShardCount=5)
        first = self.k.list_shards(StreamName="shards", MaxResults=2)
        self.assertEqual(len(first["Shards"]), 2)
        second = self.k.list_shards(NextToken=first["NextToken"], MaxResults=10)
        self.assertEqual([s["ShardId"] for s in second["Shards"]],
                         ["shardId-000000000002", "shardId-000000000003", "shardId-000000000004"])
        self.assertNotIn("NextToken", second)
        after = self.k.list_shards(StreamName="shards",
                                   ShardFilter={"Type": "AFTER_SHARD_ID", "ShardId": "shardId-000000000003"})
        self.assertEqual([s["ShardId"] for s in after["Shards"]], ["shardId-000000000004"])
        code, msg = self.error_of(self.k.list_shards, StreamName="shards", NextToken=first["NextToken"])
        self.assertEqual((code, msg), ("InvalidArgumentException",
                                       "NextToken and StreamName cannot be provided together."))

    def test_validation_messages(self):
        code, msg = self.error_of(self.k.create_stream, StreamName="bad name!", ShardCount=1)
        self.assertEqual(code, "ValidationException")
        self.assertEqual(msg, "1 validation error detected: Value 'bad name!' at 'streamName' failed to "
                              "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        code, msg = self.error_of(self.k.describe_stream, StreamName="x" * 129, Limit=100000)
        self.assertEqual(code, "ValidationException")
        self.assertEqual(msg, "2 validation errors detected: "
                              "Value '100000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; "
                              "Value '%s' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128" % ("x" * 129))

    def test_error_cases(self):
        self.k.create_stream(StreamName="errs", ShardCount=1)
        code, msg = self.error_of(self.k.put_record, StreamName="errs", Data=b"x", PartitionKey="p",
                                  ExplicitHashKey="340282366920938463463374607431768211456")
        self.assertEqual(code, "InvalidArgumentException")
        self.assertEqual(msg, "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
                              "Specified value was 340282366920938463463374607431768211456")
        code, msg = self.error_of(self.k.put_record, StreamName="missing", Data=b"x", PartitionKey="p")
        self.assertEqual((code, msg), ("ResourceNotFoundException",
                                       "Stream missing under account 000000000000 not found."))
        code, msg = self.error_of(self.k.get_shard_iterator, StreamName="errs", ShardId="shardId-000000000009",
                                  ShardIteratorType="LATEST")
        self.assertEqual((code, msg), ("ResourceNotFoundException",
                                       "Shard shardId-000000000009 in stream errs under account 000000000000 does not exist"))
        code, msg = self.error_of(self.k.get_shard_iterator, StreamName="errs", ShardId="shardId-000000000000",
                                  ShardIteratorType="AT_SEQUENCE_NUMBER")
        self.assertEqual(code, "InvalidArgumentException")
        self.assertTrue(msg.endswith("Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber."))
        it = self.k.get_shard_iterator(StreamName="errs", ShardId="shardId-000000000000",
                                       ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        raw = bytearray(base64.b64decode(it))
        raw[20] ^= 0x01
        code, msg = self.error_of(self.k.get_records, ShardIterator=base64.b64encode(bytes(raw)).decode())
        self.assertEqual((code, msg), ("InvalidArgumentException", "Invalid ShardIterator."))
        code, _ = self.error_of(self.k.get_records, ShardIterator=it[:-8])
        self.assertEqual(code, "InvalidArgumentException")
        code, msg = self.error_of(self.k.create_stream, StreamName="toomany", ShardCount=100000)
        self.assertEqual(code, "LimitExceededException")
        self.assertTrue(msg.startswith("This request would exceed the shard limit for the account 000000000000 "
                                       "in us-east-1. Current shard count for the account: "), msg)

    def test_region_comes_from_the_credential_scope(self):
        import boto3
        west = boto3.client("kinesis", endpoint_url=self.server.endpoint, region_name="eu-west-1",
                            aws_access_key_id="AKID", aws_secret_access_key="secret")
        west.create_stream(StreamName="regional", ShardCount=1)
        self.assertIn("regional", west.list_streams()["StreamNames"])
        self.assertNotIn("regional", self.k.list_streams(Limit=100)["StreamNames"])
        arn = west.describe_stream_summary(StreamName="regional")["StreamDescriptionSummary"]["StreamARN"]
        self.assertEqual(arn, "arn:aws:kinesis:eu-west-1:000000000000:stream/regional")


class StreamStates(unittest.TestCase):
    def test_creating_then_active_and_deleting_then_gone(self):
        with harness.Server(create_ms=300, delete_ms=300) as server:
            k = harness.boto3_client(server)
            k.create_stream(StreamName="slow", ShardCount=1)
            self.assertEqual(k.describe_stream_summary(StreamName="slow")["StreamDescriptionSummary"]["StreamStatus"],
                             "CREATING")
            with self.assertRaises(ClientError) as cm:
                k.put_record(StreamName="slow", Data=b"x", PartitionKey="p")
            self.assertEqual(cm.exception.response["Error"]["Code"], "ResourceNotFoundException")
            time.sleep(0.35)
            self.assertEqual(k.describe_stream_summary(StreamName="slow")["StreamDescriptionSummary"]["StreamStatus"],
                             "ACTIVE")
            k.delete_stream(StreamName="slow")
            self.assertEqual(k.describe_stream_summary(StreamName="slow")["StreamDescriptionSummary"]["StreamStatus"],
                             "DELETING")
            time.sleep(0.35)
            with self.assertRaises(ClientError) as cm:
                k.describe_stream_summary(StreamName="slow")
            self.assertEqual(cm.exception.response["Error"]["Code"], "ResourceNotFoundException")


if __name__ == "__main__":
    unittest.main()
