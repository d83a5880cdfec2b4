"""Stream consumers (enhanced fan-out) through boto3: RegisterStreamConsumer,
DescribeStreamConsumer, ListStreamConsumers, DeregisterStreamConsumer, their
limits and tags, and SubscribeToShard over HTTP/1.1 (boto3's transport): the
event stream starts with initial-response, pushes records written after the
subscription in order, ends a closed shard with ChildShards, and refuses a
second subscription for the same consumer and shard."""
import threading
import time
import unittest

import harness

HALF = str(2 ** 127)


class Consumers(unittest.TestCase):
    def setUp(self):
        self.server = harness.Server(create_ms=100, delete_ms=100)
        self.k = harness.boto3_client(self.server)
        self.k.create_stream(StreamName="fanout", ShardCount=1)
        self.wait_stream("fanout")
        self.arn = self.k.describe_stream_summary(
            StreamName="fanout")["StreamDescriptionSummary"]["StreamARN"]

    def tearDown(self):
        self.server.stop()

    def wait_stream(self, name):
        for _ in range(100):
            if self.k.describe_stream_summary(
                    StreamName=name)["StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE":
                return
            time.sleep(0.02)
        self.fail("stream never became ACTIVE")

    def register(self, name):
        consumer = self.k.register_stream_consumer(StreamARN=self.arn, ConsumerName=name)["Consumer"]
        for _ in range(100):
            d = self.k.describe_stream_consumer(ConsumerARN=consumer["ConsumerARN"])
            if d["ConsumerDescription"]["ConsumerStatus"] == "ACTIVE":
                return consumer["ConsumerARN"]
            time.sleep(0.02)
        self.fail("consumer never became ACTIVE")

    def error(self, fn, **kwargs):
        with self.assertRaises(self.k.exceptions.ClientError) as e:
            fn(**kwargs)
        return e.exception.response["Error"]

    def test_lifecycle_arn_and_description(self):
        c = self.k.register_stream_consumer(StreamARN=self.arn, ConsumerName="app")["Consumer"]
        self.assertEqual(c["ConsumerStatus"], "CREATING")
        created = int(c["ConsumerCreationTimestamp"].timestamp())
        self.assertEqual(c["ConsumerARN"], "%s/consumer/app:%d" % (self.arn, created))
        arn = self.register("other")
        by_name = self.k.describe_stream_consumer(StreamARN=self.arn, ConsumerName="other")
        self.assertEqual(by_name["ConsumerDescription"]["ConsumerARN"], arn)
        self.assertEqual(by_name["ConsumerDescription"]["StreamARN"], self.arn)
        self.assertEqual(self.k.describe_stream_summary(
            StreamName="fanout")["StreamDescriptionSummary"]["ConsumerCount"], 2)

        err = self.error(self.k.register_stream_consumer, StreamARN=self.arn, ConsumerName="app")
        self.assertEqual(err["Code"], "ResourceInUseException")

        self.k.deregister_stream_consumer(ConsumerARN=arn)
        self.assertEqual(self.k.describe_stream_consumer(ConsumerARN=arn)
                         ["ConsumerDescription"]["ConsumerStatus"], "DELETING")
        time.sleep(0.15)
        self.assertEqual(self.error(self.k.describe_stream_consumer, ConsumerARN=arn)["Code"],
                         "ResourceNotFoundException")
        # A consumer ARN with another creation time names no consumer.
        stale = c["ConsumerARN"].rsplit(":", 1)[0] + ":1"
        self.assertEqual(self.error(self.k.describe_stream_consumer, ConsumerARN=stale)["Code"],
                         "ResourceNotFoundException")

    def test_list_pages_and_limits(self):
        for i in range(5):
            self.k.register_stream_consumer(StreamARN=self.arn, ConsumerName="c%02d" % i)
        err = self.error(self.k.register_stream_consumer, StreamARN=self.arn, ConsumerName="c05")
        self.assertEqual(err["Code"], "LimitExceededException")  # 5 CREATING at once
        time.sleep(0.15)
        for i in range(5, 20):
            self.k.register_stream_consumer(StreamARN=self.arn, ConsumerName="c%02d" % i)
            if i % 5 == 4:
                time.sleep(0.15)
        err = self.error(self.k.register_stream_consumer, StreamARN=self.arn, ConsumerName="c20")
        self.assertEqual(err["Code"], "LimitExceededException")  # 20 per stream

        names, token = [], None
        while True:
            kwargs = {"NextToken": token} if token else {}
            page = self.k.list_stream_consumers(StreamARN=self.arn, MaxResults=7, **kwargs)
            self.assertLessEqual(len(page["Consumers"]), 7)
            names += [c["ConsumerName"] for c in page["Consumers"]]
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual(names, ["c%02d" % i for i in range(20)])

    def test_tags_and_delete_guard(self):
        arn = self.register("tagged")
        self.k.tag_resource(ResourceARN=arn, Tags={"team": "contact-center"})
        self.assertEqual(self.k.list_tags_for_resource(ResourceARN=arn)["Tags"],
                         [{"Key": "team", "Value": "contact-center"}])
        self.k.untag_resource(ResourceARN=arn, TagKeys=["team"])
        self.assertEqual(self.k.list_tags_for_resource(ResourceARN=arn)["Tags"], [])
        # Tags on the consumer are not the stream's.
        self.assertEqual(self.k.list_tags_for_resource(ResourceARN=self.arn)["Tags"], [])

        err = self.error(self.k.delete_stream, StreamName="fanout")
        self.assertEqual(err["Code"], "ResourceInUseException")
        self.k.delete_stream(StreamName="fanout", EnforceConsumerDeletion=True)

    def test_subscribe_pushes_records_in_order(self):
        arn = self.register("reader")
        self.k.put_record(StreamName="fanout", Data=b"before", PartitionKey="k")
        sub = self.k.subscribe_to_shard(ConsumerARN=arn, ShardId="shardId-000000000000",
                                        StartingPosition={"Type": "LATEST"})

        def write():
            for i in range(30):
                self.k.put_record(StreamName="fanout", Data=b"r%02d" % i, PartitionKey="k")
        writer = threading.Thread(target=write)
        writer.start()
        got, continuation = [], None
        for event in sub["EventStream"]:
            e = event["SubscribeToShardEvent"]
            got += [r["Data"] for r in e["Records"]]
            continuation = e["ContinuationSequenceNumber"]
            if len(got) >= 30:
                break
        writer.join()
        sub["EventStream"].close()
        self.assertEqual(got, [b"r%02d" % i for i in range(30)])

        # A second subscription for the same consumer and shard within 5 s.
        err = self.error(self.k.subscribe_to_shard, ConsumerARN=arn,
                         ShardId="shardId-000000000000", StartingPosition={"Type": "LATEST"})
        self.assertEqual(err["Code"], "ResourceInUseException")

        # Another consumer resumes after the continuation number: nothing is replayed.
        other = self.register("resumer")
        self.k.put_record(StreamName="fanout", Data=b"after", PartitionKey="k")
        sub = self.k.subscribe_to_shard(
            ConsumerARN=other, ShardId="shardId-000000000000",
            StartingPosition={"Type": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": continuation})
        for event in sub["EventStream"]:
            records = event["SubscribeToShardEvent"]["Records"]
            if records:
                self.assertEqual([r["Data"] for r in records], [b"after"])
                break
        sub["EventStream"].close()

    def test_subscribe_over_tls(self):
        # boto3's chunked HTTP/1.1 event stream, inside TLS on the same port.
        arn = self.register("secure")
        secure = harness.boto3_client(self.server, tls=True)
        sub = secure.subscribe_to_shard(ConsumerARN=arn, ShardId="shardId-000000000000",
                                        StartingPosition={"Type": "LATEST"})
        for i in range(5):
            secure.put_record(StreamName="fanout", Data=b"tls-%d" % i, PartitionKey="k")
        got = []
        for event in sub["EventStream"]:
            got += [r["Data"] for r in event["SubscribeToShardEvent"]["Records"]]
            if len(got) >= 5:
                break
        sub["EventStream"].close()
        self.assertEqual(got, [b"tls-%d" % i for i in range(5)])

    def test_closed_shard_ends_with_child_shards(self):
        arn = self.register("follower")
        self.k.put_record(StreamName="fanout", Data=b"old", PartitionKey="k")
        sub = self.k.subscribe_to_shard(ConsumerARN=arn, ShardId="shardId-000000000000",
                                        StartingPosition={"Type": "TRIM_HORIZON"})
        events = iter(sub["EventStream"])
        first = next(events)["SubscribeToShardEvent"]
        self.assertEqual([r["Data"] for r in first["Records"]], [b"old"])
        self.k.split_shard(StreamName="fanout", ShardToSplit="shardId-000000000000",
                           NewStartingHashKey=HALF)
        last = None
        for event in events:
            last = event["SubscribeToShardEvent"]
            if last.get("ChildShards"):
                break
        self.assertEqual(sorted(c["ShardId"] for c in last["ChildShards"]),
                         ["shardId-000000000001", "shardId-000000000002"])
        self.assertEqual(last["ChildShards"][0]["ParentShards"], ["shardId-000000000000"])
        self.assertNotIn("ContinuationSequenceNumber", last)
        self.assertEqual(list(events), [])  # the stream ends after ChildShards

    def test_subscribe_errors(self):
        c = self.k.register_stream_consumer(StreamARN=self.arn, ConsumerName="early")["Consumer"]
        err = self.error(self.k.subscribe_to_shard, ConsumerARN=c["ConsumerARN"],
                         ShardId="shardId-000000000000", StartingPosition={"Type": "LATEST"})
        self.assertEqual(err["Code"], "ResourceInUseException")  # still CREATING
        arn = self.register("late")
        err = self.error(self.k.subscribe_to_shard, ConsumerARN=arn,
                         ShardId="shardId-000000000009", StartingPosition={"Type": "LATEST"})
        self.assertEqual(err["Code"], "ResourceNotFoundException")
        err = self.error(self.k.subscribe_to_shard, ConsumerARN=arn,
                         ShardId="shardId-000000000000",
                         StartingPosition={"Type": "AT_SEQUENCE_NUMBER"})
        self.assertEqual(err["Code"], "InvalidArgumentException")


if __name__ == "__main__":
    unittest.main()
