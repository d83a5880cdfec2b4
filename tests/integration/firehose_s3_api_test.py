"""Firehose writing into a real S3 API: moto's server (moto_server, on the
machine image) stands in for S3, kinesisd finds it through
AWS_ENDPOINT_URL_S3 as an AWS SDK would, and boto3 reads the objects back:
plain, GZIP (Content-Encoding gzip), dynamically partitioned and error-output
objects under AWS's keys; a bucket that does not exist yet, and an S3 that
is down, delay delivery without losing or doubling a record."""
import gzip
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

import boto3
from botocore.config import Config

import harness

ROLE = "arn:aws:iam::000000000000:role/firehose"
KEY = re.compile(r"^(ctr/)?\d{4}/\d{2}/\d{2}/\d{2}/(?P<stream>[\w.-]+)-1-"
                 r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}(?P<gz>\.gz)?$")
wait_until = harness.wait_until


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """moto's server on a loopback port, started and stopped at will."""

    def __init__(self):
        if not shutil.which("moto_server"):
            raise unittest.SkipTest("moto_server is not installed")
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def up():
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=1)
                return True
            except OSError:
                return False
        wait_until(up, timeout=30, what="moto_server to answer")

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


class FirehoseToS3Api(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = Moto()
        cls.moto.start()
        cls.s3 = boto3.client("s3", endpoint_url=cls.moto.url, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test",
                              config=Config(s3={"addressing_style": "path"}))
        env = dict(os.environ, AWS_ENDPOINT_URL_S3=cls.moto.url,
                   AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test")
        cls.server = harness.Server("--test-clock", "1", env=env)
        cls.fh = harness.boto3_client(cls.server, "firehose")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.moto.stop()

    def create(self, name, bucket, **extra):
        config = dict({"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::" + bucket,
                       "BufferingHints": {"IntervalInSeconds": 0, "SizeInMBs": 1}}, **extra)
        self.fh.create_delivery_stream(DeliveryStreamName=name,
                                       ExtendedS3DestinationConfiguration=config)

    def keys(self, bucket):
        try:
            listed = self.s3.list_objects_v2(Bucket=bucket)
        except self.s3.exceptions.NoSuchBucket:
            return []
        return sorted(o["Key"] for o in listed.get("Contents", []))

    def get(self, bucket, key):
        return self.s3.get_object(Bucket=bucket, Key=key)

    def put(self, name, *records):
        self.fh.put_record_batch(DeliveryStreamName=name,
                                 Records=[{"Data": r} for r in records])

    def test_objects_arrive_under_awss_keys(self):
        self.s3.create_bucket(Bucket="plain")
        self.create("plain-s", "plain", Prefix="ctr/")
        self.put("plain-s", b'{"ContactId":"c-1"}\n', b'{"ContactId":"c-2"}\n')
        wait_until(lambda: self.keys("plain"), what="the object in S3")
        [key] = self.keys("plain")
        self.assertRegex(key, KEY)
        self.assertEqual(KEY.match(key)["stream"], "plain-s")
        got = self.get("plain", key)
        self.assertEqual(got["Body"].read(), b'{"ContactId":"c-1"}\n{"ContactId":"c-2"}\n')
        self.assertEqual(got["ContentType"], "application/octet-stream")
        self.assertNotIn("ContentEncoding", got)

    def test_gzip_objects_say_so(self):
        self.s3.create_bucket(Bucket="zipped")
        self.create("zipped-s", "zipped", CompressionFormat="GZIP", FileExtension=".log.gz")
        self.put("zipped-s", b"one\n", b"two\n")
        wait_until(lambda: self.keys("zipped"), what="the GZIP object in S3")
        [key] = self.keys("zipped")
        self.assertRegex(key, r"-[0-9a-f-]{36}\.log\.gz$")
        got = self.get("zipped", key)
        self.assertEqual(got["ContentEncoding"], "gzip")
        self.assertEqual(gzip.decompress(got["Body"].read()), b"one\ntwo\n")

    def test_dynamic_partitions_and_the_error_output(self):
        self.s3.create_bucket(Bucket="parts")
        self.create("parts-s", "parts",
                    BufferingHints={"IntervalInSeconds": 60, "SizeInMBs": 64},
                    Prefix="queue=!{partitionKeyFromQuery:queue}/",
                    ErrorOutputPrefix="errors/!{firehose:error-output-type}/",
                    DynamicPartitioningConfiguration={"Enabled": True},
                    ProcessingConfiguration={"Enabled": True, "Processors": [
                        {"Type": "MetadataExtraction", "Parameters": [
                            {"ParameterName": "MetadataExtractionQuery",
                             "ParameterValue": "{queue: .Queue}"},
                            {"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}]}]})
        self.put("parts-s", b'{"Queue":"sales"}', b'{"Queue":"support"}', b'{"Queue":"sales"}',
                 b"not json")
        urllib.request.urlopen(urllib.request.Request(
            self.server.endpoint + "/_kinesisd/clock", method="POST",
            data=json.dumps({"advance_ms": 61_000}).encode(), headers={"Content-Type": "application/json"}))
        wait_until(lambda: len(self.keys("parts")) == 3, what="two partitions and the error output")
        keys = self.keys("parts")
        sales = [k for k in keys if k.startswith("queue=sales/")]
        support = [k for k in keys if k.startswith("queue=support/")]
        errors = [k for k in keys if k.startswith("errors/partitioning-failed/")]
        self.assertEqual((len(sales), len(support), len(errors)), (1, 1, 1), keys)
        self.assertEqual(self.get("parts", sales[0])["Body"].read(),
                         b'{"Queue":"sales"}{"Queue":"sales"}')
        doc = json.loads(self.get("parts", errors[0])["Body"].read())
        self.assertEqual(doc["errorCode"], "DynamicPartitioning.MetadataExtractionFailed")

    def test_a_missing_bucket_delays_delivery_and_loses_nothing(self):
        self.create("late-s", "late")
        self.put("late-s", b"kept\n")
        metrics = lambda: urllib.request.urlopen(self.server.endpoint + "/metrics").read().decode()
        errors = re.compile(r'kinesisd_firehose_delivery_errors_total\{[^}]*delivery_stream="late-s"\} (\d+)')
        wait_until(lambda: errors.search(metrics()) and int(errors.search(metrics())[1]) >= 1,
                   what="a failed PutObject in /metrics")
        # The log reaches the test through a pipe, maybe after /metrics answers.
        wait_until(lambda: "NoSuchBucket" in self.server.log(), what="NoSuchBucket in the log")
        # kinesisd answers meanwhile.
        self.assertIn("late-s", self.fh.list_delivery_streams()["DeliveryStreamNames"])
        self.s3.create_bucket(Bucket="late")
        wait_until(lambda: self.keys("late"), timeout=30, what="the object once the bucket exists")
        [key] = self.keys("late")
        self.assertEqual(self.get("late", key)["Body"].read(), b"kept\n")

    def advance(self, ms):
        urllib.request.urlopen(urllib.request.Request(
            self.server.endpoint + "/_kinesisd/clock", method="POST",
            data=json.dumps({"advance_ms": ms}).encode(), headers={"Content-Type": "application/json"}))

    def errors_of(self, name):
        text = urllib.request.urlopen(self.server.endpoint + "/metrics").read().decode()
        m = re.search(r'kinesisd_firehose_delivery_errors_total\{[^}]*delivery_stream="%s"\} (\d+)'
                      % re.escape(name), text)
        return int(m[1]) if m else 0

    def test_s3_is_retried_for_24_hours_or_the_source_streams_retention(self):
        # DirectPut: 24 hours on kinesisd's clock, then the object is dropped.
        self.create("direct-s", "never-made")
        self.put("direct-s", b"x")
        wait_until(lambda: self.errors_of("direct-s") >= 1, what="a failed PutObject")
        # A Kinesis stream with a 48-hour retention as the source: 48 hours.
        kinesis = harness.boto3_client(self.server)
        kinesis.create_stream(StreamName="kept-48h", ShardCount=1)
        wait_until(lambda: kinesis.describe_stream_summary(StreamName="kept-48h")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="the stream")
        kinesis.increase_stream_retention_period(StreamName="kept-48h", RetentionPeriodHours=48)
        self.fh.create_delivery_stream(
            DeliveryStreamName="sourced-s", DeliveryStreamType="KinesisStreamAsSource",
            KinesisStreamSourceConfiguration={
                "KinesisStreamARN": "arn:aws:kinesis:us-east-1:000000000000:stream/kept-48h",
                "RoleARN": ROLE},
            ExtendedS3DestinationConfiguration={
                "RoleARN": ROLE, "BucketARN": "arn:aws:s3:::never-made-either",
                "BufferingHints": {"IntervalInSeconds": 0, "SizeInMBs": 1}})
        time.sleep(0.5)  # it reads the stream from LATEST once ACTIVE
        kinesis.put_record(StreamName="kept-48h", Data=b"y", PartitionKey="k")
        wait_until(lambda: self.errors_of("sourced-s") >= 1, what="a failed PutObject")
        self.advance(25 * 3600 * 1000)
        dropped = "an object not written for %d hours is dropped"
        wait_until(lambda: ("direct-s: " + dropped % 24) in self.server.log(),
                   what="the DirectPut object dropped after 24 hours")
        time.sleep(4)  # a backoff or two: the stream-sourced one is still retried
        self.assertNotIn("sourced-s: " + dropped % 48, self.server.log())
        before = self.errors_of("sourced-s")
        wait_until(lambda: self.errors_of("sourced-s") > before, what="still retried")
        self.advance(24 * 3600 * 1000)
        wait_until(lambda: ("sourced-s: " + dropped % 48) in self.server.log(),
                   what="the stream-sourced object dropped after 48 hours")


class S3Outage(unittest.TestCase):
    def test_records_put_while_s3_is_down_arrive_once_it_is_back(self):
        moto = Moto()
        moto.start()
        s3 = boto3.client("s3", endpoint_url=moto.url, region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
        env = dict(os.environ, AWS_ENDPOINT_URL=moto.url)
        server = harness.Server(env=env)
        try:
            fh = harness.boto3_client(server, "firehose")
            fh.create_delivery_stream(DeliveryStreamName="o", ExtendedS3DestinationConfiguration={
                "RoleARN": ROLE, "BucketARN": "arn:aws:s3:::outage",
                "BufferingHints": {"IntervalInSeconds": 0, "SizeInMBs": 1}})
            moto.stop()
            for i in range(20):
                fh.put_record(DeliveryStreamName="o", Record={"Data": b"r%d\n" % i})
            time.sleep(1)  # attempts fail against the stopped server
            kinesis = harness.boto3_client(server)
            kinesis.list_streams()  # Kinesis is not blocked by the outage
            moto.start()  # a new, empty moto: the bucket comes back first
            s3.create_bucket(Bucket="outage")

            def records():
                listed = s3.list_objects_v2(Bucket="outage").get("Contents", [])
                return b"".join(s3.get_object(Bucket="outage", Key=o["Key"])["Body"].read()
                                for o in listed)
            harness.settle(server)  # retried until delivered: a duplicate would be there now
            got = sorted(records().splitlines())
            self.assertEqual(got, sorted(b"r%d" % i for i in range(20)))  # each once
        finally:
            server.stop()
            moto.stop()


class S3rver(unittest.TestCase):
    """A second S3 implementation, s3rver (npm). (It does not check
    signatures; the signer's are checked by kinesisd's own verifier, in
    tests/aws/request_signer_test.cpp.) Objects are read back with the AWS
    CLI's s3 commands."""

    @classmethod
    def setUpClass(cls):
        s3rver = pathlib.Path(__file__).resolve().parent / "js/node_modules/.bin/s3rver"
        if not s3rver.exists():
            raise unittest.SkipTest("s3rver is not installed (scripts/test installs it)")
        cls.tmp = tempfile.mkdtemp(prefix="kinesisd-s3rver-")
        port = free_port()
        cls.s3rver = subprocess.Popen(
            [str(s3rver), "-d", cls.tmp, "-a", "127.0.0.1", "-p", str(port), "--silent",
             "--configure-bucket", "ctr-lake"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        cls.url = "http://127.0.0.1:%d" % port

        def up():
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", port)) == 0
        wait_until(up, what="s3rver")
        # s3rver's documented credentials, as the standard variables give them.
        cls.env = dict(os.environ, AWS_ACCESS_KEY_ID="S3RVER", AWS_SECRET_ACCESS_KEY="S3RVER",
                       AWS_ENDPOINT_URL_S3=cls.url)
        cls.server = harness.Server(env=cls.env)
        cls.fh = harness.boto3_client(cls.server, "firehose")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.s3rver.terminate()
        cls.s3rver.wait()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def aws_s3(self, *args):
        p = subprocess.run(["aws", "--endpoint-url", self.url, "--region", "us-east-1", "s3", *args],
                           env=self.env, capture_output=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    def test_signed_objects_arrive_under_awss_keys(self):
        self.fh.create_delivery_stream(
            DeliveryStreamName="to-s3rver", ExtendedS3DestinationConfiguration={
                "RoleARN": ROLE, "BucketARN": "arn:aws:s3:::ctr-lake", "CompressionFormat": "GZIP",
                "Prefix": "ctr/channel=voice/",
                "BufferingHints": {"IntervalInSeconds": 0, "SizeInMBs": 1}})
        self.fh.put_record_batch(DeliveryStreamName="to-s3rver", Records=[
            {"Data": b'{"ContactId": "a"}\n'}, {"Data": b'{"ContactId": "b"}\n'}])
        listing = []
        wait_until(lambda: listing.append(self.aws_s3("ls", "s3://ctr-lake", "--recursive"))
                   or b"to-s3rver-1-" in listing[-1], what="the object in s3rver")
        key = listing[-1].split()[-1].decode()
        self.assertRegex(key, r"^ctr/channel=voice/\d{4}/\d{2}/\d{2}/\d{2}/to-s3rver-1-.*\.gz$")
        body = self.aws_s3("cp", "s3://ctr-lake/" + key, "-")
        self.assertEqual(gzip.decompress(body), b'{"ContactId": "a"}\n{"ContactId": "b"}\n')


class BadEndpoint(unittest.TestCase):
    def test_an_unusable_endpoint_url_stops_start_up(self):
        env = dict(os.environ, AWS_ENDPOINT_URL_S3="localhost:9000")
        p = subprocess.run([harness.binary(), "--port", "0"], env=env, capture_output=True,
                           text=True, timeout=10)
        self.assertEqual(p.returncode, 2)
        self.assertIn("AWS_ENDPOINT_URL_S3: 'localhost:9000' is not an endpoint URL", p.stderr)


if __name__ == "__main__":
    unittest.main()
