"""Kinesis channels (CreateChannel and its family, 2026) driven by boto3 with
today's model (botocore 1.43.117's, loaded through AWS_DATA_PATH by the
harness): a channel delivers an on-demand stream's records to a bucket (a
folder of --s3-dir) once the oldest is DataFreshnessInSeconds old on
kinesisd's clock, checks each record against its RecordFormatType and sends
the invalid ones to the dead-letter prefix; the API's rules are the API
reference's and the developer guide's "Delivery quotas and limits"."""
import gzip
import json
import os
import tempfile
import unittest

import ctypes
import ctypes.util

from botocore.exceptions import ClientError

import harness

wait_until = harness.wait_until
ACCOUNT = "000000000000"
ROLE = "arn:aws:iam::%s:role/channel" % ACCOUNT


def code(e):
    return e.exception.response["Error"]["Code"]


def stream_arn(name):
    return "arn:aws:kinesis:us-east-1:%s:stream/%s" % (ACCOUNT, name)


def s3_destination(bucket="lake", compression="GZIP", **extra):
    d = {"StorageConfiguration": {"BucketARN": "arn:aws:s3:::" + bucket,
                                  "ExpectedBucketOwner": ACCOUNT,
                                  "CompressionType": compression}}
    d.update(extra)
    return d


def unzstd(frame):
    """A ZSTD frame decompressed by libzstd (RFC 8878), through ctypes."""
    lib = ctypes.CDLL(ctypes.util.find_library("zstd") or "libzstd.so.1")
    lib.ZSTD_getFrameContentSize.restype = ctypes.c_ulonglong
    lib.ZSTD_decompress.restype = ctypes.c_size_t
    size = lib.ZSTD_getFrameContentSize(frame, len(frame))
    out = ctypes.create_string_buffer(size)
    n = lib.ZSTD_decompress(out, size, frame, len(frame))
    assert n == size, n
    return out.raw[:n]


def objects(root, bucket):
    """{key: bytes} of every object in the bucket's folder."""
    out = {}
    base = os.path.join(root, bucket)
    for dirpath, _, files in os.walk(base):
        for f in files:
            path = os.path.join(dirpath, f)
            with open(path, "rb") as fh:
                out[os.path.relpath(path, base)] = fh.read()
    return out


class Channels(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.server = harness.Server("--s3-dir", self.dir.name, "--test-clock", "1")
        self.k = harness.boto3_client(self.server)

    def tearDown(self):
        self.server.stop()
        self.dir.cleanup()

    def on_demand(self, name):
        self.k.create_stream(StreamName=name, StreamModeDetails={"StreamMode": "ON_DEMAND"})
        self.k.get_waiter("stream_exists").wait(StreamName=name,
                                                WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})

    def create(self, name, stream, fmt="JSON", **destination):
        return self.k.create_channel(
            ChannelName=name, ServiceExecutionRoleARN=ROLE,
            StreamConfigurationList=[{"StreamARN": stream_arn(stream),
                                      "RecordConfiguration": {"RecordFormatType": fmt}}],
            S3DestinationConfiguration=s3_destination(**destination))["ChannelDescription"]

    def wait_active(self, arn):
        # The SDK's own waiter (waiters-2.json's ChannelActive).
        self.k.get_waiter("channel_active").wait(ChannelARN=arn,
                                                 WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})

    def test_a_channel_delivers_what_comes_after_it_is_active(self):
        self.on_demand("orders")
        self.k.put_record(StreamName="orders", Data=b'{"before": 1}', PartitionKey="k")
        harness.advance_clock(self.server, 1)  # the channel is ACTIVE after that record
        d = self.create("to-lake", "orders")
        self.assertEqual(d["ChannelStatus"], "ACTIVE")  # --create-stream-ms 0
        self.assertTrue(d["ChannelARN"].startswith(
            "arn:aws:kinesis:us-east-1:%s:channel/to-lake/" % ACCOUNT))
        self.assertEqual(d["ChannelARN"].rsplit("/", 1)[1], d["ChannelId"])
        s3 = d["S3DestinationConfiguration"]
        # The defaults AWS fills in (API reference; CDK's CfnChannel for the DLQ prefix).
        self.assertEqual(s3["DataFreshnessInSeconds"], 300)
        self.assertEqual(s3["DeadLetterQueueS3Configuration"]["BucketARN"], "arn:aws:s3:::lake")
        self.assertEqual(s3["DeadLetterQueueS3Configuration"]["ErrorOutputPrefix"],
                         "kinesis-channel/errors/to-lake/%s/" % d["ChannelId"])
        self.assertEqual(d["LoggingConfiguration"], {"CloudWatchLogs": {"Enabled": False}})
        self.wait_active(d["ChannelARN"])
        records = [{"Data": json.dumps({"contact": i}).encode(), "PartitionKey": "p%d" % i}
                   for i in range(20)]
        records.insert(5, {"Data": b"not json", "PartitionKey": "bad"})
        self.assertEqual(self.k.put_records(StreamName="orders", Records=records)
                         ["FailedRecordCount"], 0)
        # Nothing is written before the oldest record is 300 s old...
        harness.advance_clock(self.server, 200_000)
        self.assertEqual(objects(self.dir.name, "lake"), {})
        # ... then one object of the valid records, and one DLQ object.
        harness.advance_clock(self.server, 101_000)
        wait_until(lambda: len(objects(self.dir.name, "lake")) == 2, what="delivery")
        found = objects(self.dir.name, "lake")
        data_key = next(k for k in found if k.startswith("kinesis-channel/to-lake/"))
        dlq_key = next(k for k in found if k.startswith("kinesis-channel/errors/to-lake/"))
        self.assertTrue(data_key.endswith(".gz"), data_key)
        lines = gzip.decompress(found[data_key]).decode().splitlines()
        self.assertEqual(sorted(json.loads(x)["contact"] for x in lines), list(range(20)))
        dead = [json.loads(x) for x in found[dlq_key].decode().splitlines()]
        self.assertEqual(len(dead), 1)
        self.assertEqual(dead[0]["streamARN"], stream_arn("orders"))
        self.assertEqual(dead[0]["rawData"], "bm90IGpzb24=")  # b"not json"
        self.assertIn("JSON", dead[0]["errorMessage"])

    def test_flush_writes_what_a_channel_holds_and_wait_waits_for_it(self):
        self.on_demand("now")
        d = self.create("now-ch", "now", compression="NONE")
        self.wait_active(d["ChannelARN"])
        for i in range(5):
            self.k.put_record(StreamName="now", Data=b'{"n": %d}' % i, PartitionKey=str(i))
        # Not settled: the records wait for their freshness.
        status, answer = harness.control(self.server, "wait", {"timeout_ms": 200})
        self.assertEqual(status, 408)
        self.assertEqual(answer["pending"]["channels"], [{"name": "now-ch", "records": 5}])
        # flush writes them now and answers once they are written.
        status, answer = harness.control(self.server, "flush")
        self.assertEqual((status, answer["idle"]), (200, True))
        lines = [json.loads(x)["n"] for body in objects(self.dir.name, "lake").values()
                 for x in body.decode().splitlines()]
        self.assertEqual(sorted(lines), list(range(5)))

    def test_zstd_string_records_and_byte_arrays(self):
        self.on_demand("text")
        self.on_demand("bytes")
        a = self.create("text-ch", "text", fmt="STRING", compression="ZSTD")
        b = self.create("bytes-ch", "bytes", fmt="BYTE_ARRAY", compression="NONE",
                        bucket="raw")
        self.wait_active(a["ChannelARN"])
        self.wait_active(b["ChannelARN"])
        self.k.put_record(StreamName="text", Data="héllo".encode(), PartitionKey="k")
        self.k.put_record(StreamName="text", Data=b"\xff\xfe", PartitionKey="k")  # not UTF-8
        self.k.put_record(StreamName="bytes", Data=b"\x00\x01", PartitionKey="k")
        self.k.put_record(StreamName="bytes", Data=b"\xff", PartitionKey="k")
        harness.advance_clock(self.server, 301_000)
        wait_until(lambda: len(objects(self.dir.name, "lake")) == 2 and
                   len(objects(self.dir.name, "raw")) == 1, what="delivery")
        lake = objects(self.dir.name, "lake")
        key = next(k for k in lake if k.endswith(".zst"))
        text = unzstd(lake[key])
        self.assertEqual(text.decode(), "héllo\n")
        raw = objects(self.dir.name, "raw")
        self.assertEqual(list(raw.values()), [b"\x00\x01\xff"])  # back to back, as is

    def test_a_reshard_during_delivery_loses_and_repeats_nothing(self):
        self.on_demand("split")
        d = self.create("split-ch", "split", compression="NONE")
        self.wait_active(d["ChannelARN"])
        for i in range(30):
            self.k.put_record(StreamName="split", Data=b'{"n": %d}' % i, PartitionKey="p%d" % i)
        # On-demand streams refuse manual resharding: to the provisioned mode for the split.
        self.k.update_stream_mode(StreamARN=stream_arn("split"),
                                  StreamModeDetails={"StreamMode": "PROVISIONED"})
        wait_until(lambda: self.k.describe_stream_summary(StreamName="split")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="the mode switch")
        shard = self.k.list_shards(StreamName="split")["Shards"][0]
        lo = int(shard["HashKeyRange"]["StartingHashKey"])
        hi = int(shard["HashKeyRange"]["EndingHashKey"])
        self.k.split_shard(StreamName="split", ShardToSplit=shard["ShardId"],
                           NewStartingHashKey=str((lo + hi) // 2))
        wait_until(lambda: self.k.describe_stream_summary(StreamName="split")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="the split")
        for i in range(30, 60):
            self.k.put_record(StreamName="split", Data=b'{"n": %d}' % i, PartitionKey="p%d" % i)
        harness.advance_clock(self.server, 301_000)

        def delivered():
            return sorted(json.loads(line)["n"] for body in objects(self.dir.name, "lake").values()
                          for line in body.decode().splitlines())
        wait_until(lambda: len(delivered()) >= 60, what="delivery")
        self.assertEqual(delivered(), list(range(60)))

    def test_the_apis_rules(self):
        self.on_demand("s")
        self.k.create_stream(StreamName="prov", ShardCount=1)
        with self.assertRaises(ClientError) as provisioned:
            self.create("p", "prov")
        self.assertEqual(code(provisioned), "InvalidArgumentException")
        with self.assertRaises(ClientError) as missing:
            self.create("m", "nope")
        self.assertEqual(code(missing), "ResourceNotFoundException")
        with self.assertRaises(ClientError) as fresh:
            self.create("f", "s", DataFreshnessInSeconds=60)
        self.assertEqual(code(fresh), "InvalidArgumentException")
        with self.assertRaises(ClientError) as template:
            self.create("t", "s", StorageConfiguration={
                "BucketARN": "arn:aws:s3:::lake", "ExpectedBucketOwner": ACCOUNT,
                "CompressionType": "NONE", "OutputKeyTemplate": "!{nope}/x"})
        self.assertEqual(code(template), "InvalidArgumentException")
        with self.assertRaises(ClientError) as tables:
            self.k.create_channel(
                ChannelName="ice", ServiceExecutionRoleARN=ROLE,
                StreamConfigurationList=[{"StreamARN": stream_arn("s"),
                                          "RecordConfiguration": {"RecordFormatType": "JSON"}}],
                S3TablesDestinationConfiguration={
                    "DeadLetterQueueS3Configuration": {"BucketARN": "arn:aws:s3:::dlq",
                                                       "ExpectedBucketOwner": ACCOUNT},
                    "S3TablesConfigurationList": [{
                        "TableBucketARN": "arn:aws:s3tables:us-east-1:%s:bucket/tables" % ACCOUNT,
                        "Namespace": "ns", "TableName": "t", "CompressionType": "ZSTD"}]})
        self.assertEqual(code(tables), "InvalidArgumentException")
        self.assertIn("S3 Tables", tables.exception.response["Error"]["Message"])

        d = self.create("one", "s")
        with self.assertRaises(ClientError) as twice:
            self.create("two", "s")  # one S3 delivery per stream
        self.assertEqual(code(twice), "LimitExceededException")
        self.on_demand("s2")
        with self.assertRaises(ClientError) as same_name:
            self.create("one", "s2")
        self.assertEqual(code(same_name), "ResourceInUseException")
        self.create("other", "s2")

        summary = self.k.describe_stream_summary(StreamName="s")["StreamDescriptionSummary"]
        self.assertEqual(summary["ChannelCount"], 1)
        limits = self.k.describe_limits()
        self.assertEqual((limits["ChannelCount"], limits["ChannelCountLimit"]), (2, 100))

        listed = self.k.list_channels()["ChannelSummaries"]
        self.assertEqual([c["ChannelName"] for c in listed], ["one", "other"])
        self.assertEqual(listed[0]["ChannelDestinationType"], "S3")
        self.assertEqual(listed[0]["Streams"][0]["StreamARN"], stream_arn("s"))
        filtered = self.k.list_channels(StreamFilter=[{"StreamARN": stream_arn("s2")}])
        self.assertEqual([c["ChannelName"] for c in filtered["ChannelSummaries"]], ["other"])
        page = self.k.list_channels(MaxResults=1)
        self.assertEqual(len(page["ChannelSummaries"]), 1)
        rest = self.k.list_channels(NextToken=page["NextToken"])
        self.assertEqual([c["ChannelName"] for c in rest["ChannelSummaries"]], ["other"])

        # Tags at creation and through TagResource/UntagResource.
        self.on_demand("s3rd")
        tagged = self.k.create_channel(
            ChannelName="tagged", ServiceExecutionRoleARN=ROLE, Tags={"team": "ops"},
            StreamConfigurationList=[{"StreamARN": stream_arn("s3rd"),
                                      "RecordConfiguration": {"RecordFormatType": "JSON"}}],
            S3DestinationConfiguration=s3_destination())["ChannelDescription"]["ChannelARN"]
        self.k.tag_resource(ResourceARN=tagged, Tags={"env": "test"})
        self.k.untag_resource(ResourceARN=tagged, TagKeys=["team"])
        self.assertEqual(self.k.list_tags_for_resource(ResourceARN=tagged)["Tags"],
                         [{"Key": "env", "Value": "test"}])
        self.k.delete_channel(ChannelARN=tagged)

        # Only DataFreshnessInSeconds and LoggingConfiguration change.
        updated = self.k.update_channel(
            ChannelARN=d["ChannelARN"], S3DestinationConfiguration={"DataFreshnessInSeconds": 600},
            LoggingConfiguration={"CloudWatchLogs": {"Enabled": True, "LogGroupName": "g"}})
        self.assertEqual(updated["ChannelDescription"]["S3DestinationConfiguration"]
                         ["DataFreshnessInSeconds"], 600)
        self.assertEqual(updated["ChannelDescription"]["LoggingConfiguration"]["CloudWatchLogs"]
                         ["LogGroupName"], "g")

        with self.assertRaises(ClientError) as busy:
            self.k.delete_stream(StreamName="s")
        self.assertEqual(code(busy), "ResourceInUseException")
        self.k.delete_channel(ChannelARN=d["ChannelARN"])
        wait_until(lambda: [c["ChannelName"] for c in self.k.list_channels()["ChannelSummaries"]]
                   == ["other"], what="the channel gone")
        with self.assertRaises(ClientError) as gone:
            self.k.describe_channel(ChannelARN=d["ChannelARN"])
        self.assertEqual(code(gone), "ResourceNotFoundException")
        self.k.delete_stream(StreamName="s")


class ToAnS3Api(unittest.TestCase):
    """A channel writing into a real S3 API (moto's server), found through
    AWS_ENDPOINT_URL_S3 as an AWS SDK finds it; boto3 reads the object back."""

    def test_a_channel_writes_its_objects_into_the_bucket(self):
        import boto3
        from botocore.config import Config
        from firehose_s3_api_test import Moto
        moto = Moto()
        moto.start()
        server = None
        try:
            s3 = boto3.client("s3", endpoint_url=moto.url, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test",
                              config=Config(s3={"addressing_style": "path"}))
            s3.create_bucket(Bucket="lake")
            env = dict(os.environ, AWS_ENDPOINT_URL_S3=moto.url,
                       AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test")
            server = harness.Server(env=env)
            k = harness.boto3_client(server)
            k.create_stream(StreamName="s", StreamModeDetails={"StreamMode": "ON_DEMAND"})
            # Records count from ACTIVE on (no backfill): each channel is waited
            # for, as the SDK's waiter does, before records are put.
            def active(channel_arn):
                k.get_waiter("channel_active").wait(ChannelARN=channel_arn,
                                                    WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})
            active(k.create_channel(
                ChannelName="to-moto", ServiceExecutionRoleARN=ROLE,
                StreamConfigurationList=[{"StreamARN": stream_arn("s"),
                                          "RecordConfiguration": {"RecordFormatType": "JSON"}}],
                S3DestinationConfiguration=s3_destination(compression="GZIP"))
                   ["ChannelDescription"]["ChannelARN"])
            for i in range(3):
                k.put_record(StreamName="s", Data=b'{"n": %d}' % i, PartitionKey=str(i))
            self.assertEqual(harness.control(server, "flush")[0], 200)
            [obj] = s3.list_objects_v2(Bucket="lake")["Contents"]
            self.assertTrue(obj["Key"].startswith("kinesis-channel/to-moto/"), obj["Key"])
            got = s3.get_object(Bucket="lake", Key=obj["Key"])
            self.assertEqual(got.get("ContentEncoding"), "gzip")
            body = gzip.decompress(got["Body"].read()).decode()
            self.assertEqual(sorted(json.loads(x)["n"] for x in body.splitlines()), [0, 1, 2])

            # A bucket that is not there: FAILED, with the reason, until it is.
            k.create_stream(StreamName="s2", StreamModeDetails={"StreamMode": "ON_DEMAND"})
            arn = k.create_channel(
                ChannelName="to-nowhere", ServiceExecutionRoleARN=ROLE,
                StreamConfigurationList=[{"StreamARN": stream_arn("s2"),
                                          "RecordConfiguration": {"RecordFormatType": "JSON"}}],
                S3DestinationConfiguration=s3_destination(bucket="later", compression="NONE"),
            )["ChannelDescription"]["ChannelARN"]
            active(arn)
            k.put_record(StreamName="s2", Data=b'{"n": 9}', PartitionKey="k")
            self.assertEqual(harness.control(server, "flush", {"timeout_ms": 300})[0], 408)

            def described():
                return k.describe_channel(ChannelARN=arn)["ChannelDescription"]
            wait_until(lambda: described()["ChannelStatus"] == "FAILED", what="FAILED")
            self.assertIn("later", described()["ChannelStatusReason"])
            s3.create_bucket(Bucket="later")
            wait_until(lambda: described()["ChannelStatus"] == "ACTIVE", what="ACTIVE again")
            self.assertNotIn("ChannelStatusReason", described())
            [obj] = s3.list_objects_v2(Bucket="later")["Contents"]
            self.assertEqual(s3.get_object(Bucket="later", Key=obj["Key"])["Body"].read(),
                             b'{"n": 9}\n')
        finally:
            if server:
                server.stop()
            moto.stop()


class WithoutS3(unittest.TestCase):
    def test_creating_a_channel_says_what_is_missing(self):
        with harness.Server() as server:
            k = harness.boto3_client(server)
            self.assertEqual(k.list_channels()["ChannelSummaries"], [])
            with self.assertRaises(ClientError) as described:
                k.describe_channel(ChannelARN="arn:aws:kinesis:us-east-1:%s:channel/c/1" % ACCOUNT)
            self.assertEqual(code(described), "ResourceNotFoundException")
            k.create_stream(StreamName="s", StreamModeDetails={"StreamMode": "ON_DEMAND"})
            with self.assertRaises(ClientError) as created:
                k.create_channel(
                    ChannelName="c", ServiceExecutionRoleARN=ROLE,
                    StreamConfigurationList=[{"StreamARN": stream_arn("s"),
                                              "RecordConfiguration": {"RecordFormatType": "JSON"}}],
                    S3DestinationConfiguration=s3_destination())
            self.assertEqual(code(created), "InvalidArgumentException")
            self.assertIn("--s3-dir", created.exception.response["Error"]["Message"])


class Durable(unittest.TestCase):
    def test_what_was_buffered_is_delivered_after_a_crash(self):
        with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as lake:
            server = harness.Server("--s3-dir", lake, "--data-dir", data)
            try:
                k = harness.boto3_client(server)
                k.create_stream(StreamName="s", StreamModeDetails={"StreamMode": "ON_DEMAND"})
                k.get_waiter("stream_exists").wait(StreamName="s",
                                                   WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})
                d = k.create_channel(
                    ChannelName="c", ServiceExecutionRoleARN=ROLE,
                    StreamConfigurationList=[{"StreamARN": stream_arn("s"),
                                              "RecordConfiguration": {"RecordFormatType": "JSON"}}],
                    S3DestinationConfiguration=s3_destination(compression="NONE"))
                arn = d["ChannelDescription"]["ChannelARN"]
                for i in range(10):
                    k.put_record(StreamName="s", Data=b'{"n": %d}' % i, PartitionKey=str(i))
            finally:
                server.kill()
            # Restarted with a clock it can move: the channel and its checkpoint came back.
            server = harness.Server("--s3-dir", lake, "--data-dir", data, "--test-clock", "1")
            try:
                k = harness.boto3_client(server)
                self.assertEqual(k.describe_channel(ChannelARN=arn)["ChannelDescription"]
                                 ["ChannelStatus"], "ACTIVE")
                harness.advance_clock(server, 301_000)
                wait_until(lambda: len(objects(lake, "lake")) == 1, what="delivery")
                body = list(objects(lake, "lake").values())[0].decode()
                self.assertEqual(sorted(json.loads(x)["n"] for x in body.splitlines()),
                                 list(range(10)))
            finally:
                server.stop()


if __name__ == "__main__":
    unittest.main()
