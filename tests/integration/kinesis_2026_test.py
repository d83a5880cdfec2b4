"""Kinesis as AWS serves it since August-September 2026, driven by boto3 with
today's model (botocore 1.43.117's, loaded through AWS_DATA_PATH by the
harness): record distribution (AUTO spreads records evenly whatever their
key, keys become optional; USER_PARTITION_KEY still requires them) and DryRun
on the five data-plane operations. Channels are channels_test.py's."""
import json
import urllib.request
import unittest

from botocore.exceptions import ClientError

import harness

wait_until = harness.wait_until


def code(e):
    return e.exception.response["Error"]["Code"]


class RecordDistribution(unittest.TestCase):
    def setUp(self):
        self.server = harness.Server()
        self.k = harness.boto3_client(self.server)

    def tearDown(self):
        self.server.stop()

    def active(self, name):
        wait_until(lambda: self.k.describe_stream_summary(StreamName=name)[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what=name)
        return self.k.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]

    def test_auto_spreads_records_evenly_and_keys_become_optional(self):
        # "AUTO – Amazon Kinesis Data Streams distributes records evenly across shards and
        # ignores any partition key and ExplicitHashKey that producers supply." (the API
        # reference, CreateStream's RecordDistributionStrategy)
        self.k.create_stream(StreamName="auto", StreamModeDetails={"StreamMode": "ON_DEMAND"},
                             RecordDistributionStrategy="AUTO")
        summary = self.active("auto")
        self.assertEqual(summary["RecordDistributionStrategy"], "AUTO")
        arn = summary["StreamARN"]
        shards = {}
        for i in range(100):  # one key, no key: still every shard
            kwargs = {"PartitionKey": "same"} if i % 2 else {}
            r = self.k.put_record(StreamName="auto", Data=b"%d" % i, **kwargs)
            shards[r["ShardId"]] = shards.get(r["ShardId"], 0) + 1
        r = self.k.put_records(StreamName="auto", Records=[{"Data": b"b%d" % i} for i in range(40)])
        self.assertEqual(r["FailedRecordCount"], 0)
        for e in r["Records"]:
            shards[e["ShardId"]] = shards.get(e["ShardId"], 0) + 1
        self.assertEqual(len(shards), 4)  # an on-demand stream's 4 shards
        self.assertEqual(sorted(shards.values()), [35, 35, 35, 35])
        # "this value is not returned if the producer did not provide a partition key" (Record)
        records = []
        for shard in shards:
            it = self.k.get_shard_iterator(StreamName="auto", ShardId=shard,
                                           ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            records += self.k.get_records(ShardIterator=it)["Records"]
        self.assertEqual(len(records), 140)
        self.assertTrue(any("PartitionKey" not in x for x in records))
        self.assertTrue(any(x.get("PartitionKey") == "same" for x in records))
        with self.assertRaises(ClientError) as ordered:
            self.k.put_record(StreamName="auto", Data=b"x", PartitionKey="k",
                              SequenceNumberForOrdering=r["Records"][0]["SequenceNumber"])
        self.assertEqual(code(ordered), "InvalidArgumentException")

        # Back to USER_PARTITION_KEY, at once: a key is required again and routes again.
        self.k.update_stream_record_distribution_strategy(
            StreamARN=arn, RecordDistributionStrategy="USER_PARTITION_KEY")
        self.assertEqual(self.k.describe_stream_summary(StreamName="auto")[
            "StreamDescriptionSummary"]["RecordDistributionStrategy"], "USER_PARTITION_KEY")
        placed = {self.k.put_record(StreamName="auto", Data=b"y", PartitionKey="k")["ShardId"]
                  for _ in range(10)}
        self.assertEqual(len(placed), 1)

    def test_a_missing_partition_key_under_user_partition_key(self):
        self.k.create_stream(StreamName="keyed", ShardCount=2)
        self.assertEqual(self.active("keyed")["RecordDistributionStrategy"], "USER_PARTITION_KEY")
        # Coral's answer for a member the model required until 2026, as AWS printed it
        # (recorded in snowplow/enrich#377: "Value null at 'records.1.member.partitionKey'
        # failed to satisfy constraint: Member must not be null").
        with self.assertRaises(ClientError) as one:
            self.k.put_record(StreamName="keyed", Data=b"x")
        self.assertEqual(code(one), "ValidationException")
        self.assertEqual(one.exception.response["Error"]["Message"],
                         "1 validation error detected: Value null at 'partitionKey' failed to "
                         "satisfy constraint: Member must not be null")
        with self.assertRaises(ClientError) as batch:
            self.k.put_records(StreamName="keyed", Records=[
                {"Data": b"a", "PartitionKey": "k"}, {"Data": b"b"}, {"Data": b"c"}])
        self.assertEqual(batch.exception.response["Error"]["Message"],
                         "2 validation errors detected: Value null at "
                         "'records.2.member.partitionKey' failed to satisfy constraint: Member "
                         "must not be null; Value null at 'records.3.member.partitionKey' failed "
                         "to satisfy constraint: Member must not be null")

    def test_auto_is_for_on_demand_streams_only(self):
        # "Attempting to set AUTO on a provisioned stream results in an
        # InvalidArgumentException." (UpdateStreamRecordDistributionStrategy)
        with self.assertRaises(ClientError) as created:
            self.k.create_stream(StreamName="p", ShardCount=1, RecordDistributionStrategy="AUTO")
        self.assertEqual(code(created), "InvalidArgumentException")
        self.k.create_stream(StreamName="p", ShardCount=1)
        arn = self.active("p")["StreamARN"]
        with self.assertRaises(ClientError) as updated:
            self.k.update_stream_record_distribution_strategy(
                StreamARN=arn, RecordDistributionStrategy="AUTO")
        self.assertEqual(code(updated), "InvalidArgumentException")
        self.k.create_stream(StreamName="od", StreamModeDetails={"StreamMode": "ON_DEMAND"},
                             RecordDistributionStrategy="AUTO")
        od = self.active("od")["StreamARN"]
        with self.assertRaises(ClientError) as provisioned:
            self.k.update_stream_mode(StreamARN=od,
                                      StreamModeDetails={"StreamMode": "PROVISIONED"})
        self.assertEqual(code(provisioned), "InvalidArgumentException")


class DryRun(unittest.TestCase):
    """"If all checks pass, the API returns HTTP 400 with a DryRunOperationException
    ... If any check fails, the API returns the same error that the actual operation
    would return" ("Test your permissions and request inputs with dry run", the Kinesis
    developer guide)."""

    def test_the_five_operations_check_and_do_nothing(self):
        with harness.Server() as server:
            k = harness.boto3_client(server)
            k.create_stream(StreamName="d", ShardCount=1)
            wait_until(lambda: k.describe_stream_summary(StreamName="d")[
                "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="the stream")
            calls = [
                lambda: k.put_record(StreamName="d", Data=b"x", PartitionKey="k", DryRun=True),
                lambda: k.put_records(StreamName="d", Records=[{"Data": b"x", "PartitionKey": "k"}],
                                      DryRun=True),
                lambda: k.get_shard_iterator(StreamName="d", ShardId="shardId-000000000000",
                                             ShardIteratorType="TRIM_HORIZON", DryRun=True)]
            for call in calls:
                with self.assertRaises(ClientError) as dry:
                    call()
                self.assertEqual(code(dry), "DryRunOperationException")
                self.assertEqual(dry.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
            it = k.get_shard_iterator(StreamName="d", ShardId="shardId-000000000000",
                                      ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            with self.assertRaises(ClientError) as dry:
                k.get_records(ShardIterator=it, DryRun=True)
            self.assertEqual(code(dry), "DryRunOperationException")
            self.assertEqual(k.get_records(ShardIterator=it)["Records"], [])  # nothing was put
            # A failing check answers its usual error.
            with self.assertRaises(ClientError) as missing:
                k.put_record(StreamName="nope", Data=b"x", PartitionKey="k", DryRun=True)
            self.assertEqual(code(missing), "ResourceNotFoundException")
            with self.assertRaises(ClientError) as bad:
                k.get_shard_iterator(StreamName="d", ShardId="shardId-000000000000",
                                     ShardIteratorType="AT_SEQUENCE_NUMBER",
                                     StartingSequenceNumber="1", DryRun=True)
            self.assertEqual(code(bad), "InvalidArgumentException")
            # SubscribeToShard, on a registered consumer.
            arn = k.describe_stream_summary(StreamName="d")["StreamDescriptionSummary"]["StreamARN"]
            consumer = k.register_stream_consumer(StreamARN=arn, ConsumerName="c")["Consumer"]
            wait_until(lambda: k.describe_stream_consumer(ConsumerARN=consumer["ConsumerARN"])[
                "ConsumerDescription"]["ConsumerStatus"] == "ACTIVE", what="the consumer")
            with self.assertRaises(ClientError) as dry:
                k.subscribe_to_shard(ConsumerARN=consumer["ConsumerARN"],
                                     ShardId="shardId-000000000000",
                                     StartingPosition={"Type": "LATEST"}, DryRun=True)
            self.assertEqual(code(dry), "DryRunOperationException")

    def test_one_dry_run_a_second_per_stream_under_aws_limits(self):
        # "Requests with DryRun enabled are subject to a dedicated limit of 1 transaction
        # per second (TPS) per stream ... If you exceed this limit, the API returns
        # ThrottlingException."
        with harness.Server("--limits", "aws") as server:
            k = harness.boto3_client(server)
            k.create_stream(StreamName="d", ShardCount=1)
            wait_until(lambda: k.describe_stream_summary(StreamName="d")[
                "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="the stream")
            codes = []
            for _ in range(3):
                try:
                    k.put_record(StreamName="d", Data=b"x", PartitionKey="k", DryRun=True)
                except ClientError as e:
                    codes.append(e.response["Error"]["Code"])
            self.assertEqual(codes[0], "DryRunOperationException")
            self.assertIn("ThrottlingException", codes[1:])
            # The shard's own throughput is untouched: a real put goes in.
            k.put_record(StreamName="d", Data=b"x", PartitionKey="k")


if __name__ == "__main__":
    unittest.main()
