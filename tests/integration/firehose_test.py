"""Firehose on kinesisd's port, driven by real clients (boto3, the AWS CLI,
the JS SDK v3): all 12 operations, objects under AWS's keys in an --s3-dir
bucket folder after the buffer's interval or size, every compression format
(opened by decoders not written by kinesisd), custom prefixes, a Lambda
transformation's Ok/Dropped/ProcessingFailed records, and a Kinesis stream as
the source across a reshard."""
import base64
import gzip
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import zipfile

from botocore.exceptions import ClientError

import harness

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
ROLE = "arn:aws:iam::000000000000:role/firehose"
KEY = re.compile(r"^(\d{4})/(\d{2})/(\d{2})/(\d{2})/(?P<stream>[\w.-]+)-(?P<version>\d+)-"
                 r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}(\.gz)?$")


wait_until = harness.wait_until


def independent_decoders():
    """Decoders of each CompressionFormat from Python and Debian's python3-snappy
    (its hadoop_snappy module for HADOOP_SNAPPY), none of them kinesisd's."""
    try:
        import snappy
    except ImportError:  # a Python of its own (pyenv) beside Debian's python3-snappy
        sys.path.append("/usr/lib/python3/dist-packages")
        import snappy
    import crc32c
    import snappy.snappy as framing
    from snappy import hadoop_snappy
    # python3-snappy 0.5.3's own CRC-32C fails on Python >= 3.10 (PY_SSIZE_T_CLEAN);
    # Debian's python3-crc32c computes the same checksum.
    framing._crc32c = crc32c.crc32c

    def unzip(data):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            [name] = z.namelist()
            return z.read(name)

    def unsnappy(data):
        d = snappy.StreamDecompressor()
        out = d.decompress(data)
        d.flush()  # raises when a chunk is left unfinished
        return out

    def unhadoop(data):
        out = io.BytesIO()
        hadoop_snappy.stream_decompress(io.BytesIO(data), out)
        return out.getvalue()

    return {"GZIP": gzip.decompress, "ZIP": unzip, "Snappy": unsnappy, "HADOOP_SNAPPY": unhadoop}


def s3(bucket, **extra):
    return dict({"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::" + bucket,
                 "BufferingHints": {"IntervalInSeconds": 0, "SizeInMBs": 1}}, **extra)


class FirehoseCase(unittest.TestCase):
    extra = ()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="kinesisd-s3-")
        self.server = harness.Server("--s3-dir", self.dir, "--test-clock", "1", *self.extra)
        self.fh = harness.boto3_client(self.server, "firehose")
        self.kinesis = harness.boto3_client(self.server)

    def tearDown(self):
        self.server.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def objects(self, bucket):
        root = pathlib.Path(self.dir, bucket)
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) \
            if root.is_dir() else []

    def read(self, bucket, key):
        data = pathlib.Path(self.dir, bucket, key).read_bytes()
        return gzip.decompress(data) if key.endswith(".gz") else data

    def restart_with_handler(self, name, handler):
        """kinesisd again, with the runtime handler NAME running HANDLER of
        tests/integration/handlers."""
        self.server.stop()
        config = os.path.join(self.dir, "kinesisd.json")
        pathlib.Path(config).write_text(json.dumps({"handlers": {name: {
            "type": "runtime", "command": [sys.executable, str(REPO / "examples/handlers/python/run.py")],
            "handler": handler, "env": {"PYTHONPATH": str(HERE / "handlers")}}}}))
        self.server = harness.Server("--s3-dir", self.dir, "--config", config, cwd=str(REPO))
        self.fh = harness.boto3_client(self.server, "firehose")
        self.kinesis = harness.boto3_client(self.server)

    def advance(self, ms):
        req = urllib.request.Request(self.server.endpoint + "/_kinesisd/clock", method="POST",
                                     data=json.dumps({"advance_ms": ms}).encode(), headers={"Content-Type": "application/json"})
        urllib.request.urlopen(req).read()


class Operations(FirehoseCase):
    def test_every_operation_with_boto3(self):
        arn = self.fh.create_delivery_stream(
            DeliveryStreamName="ctr", DeliveryStreamType="DirectPut",
            ExtendedS3DestinationConfiguration=s3("lake"),
            Tags=[{"Key": "team", "Value": "contact-center"}])["DeliveryStreamARN"]
        self.assertEqual(arn, "arn:aws:firehose:us-east-1:000000000000:deliverystream/ctr")
        with self.assertRaises(ClientError) as dup:
            self.fh.create_delivery_stream(DeliveryStreamName="ctr",
                                           ExtendedS3DestinationConfiguration=s3("lake"))
        self.assertEqual(dup.exception.response["Error"]["Code"], "ResourceInUseException")
        self.fh.create_delivery_stream(DeliveryStreamName="agents",
                                       S3DestinationConfiguration=s3("lake"))
        d = self.fh.describe_delivery_stream(DeliveryStreamName="ctr")["DeliveryStreamDescription"]
        self.assertEqual((d["DeliveryStreamStatus"], d["VersionId"], d["DeliveryStreamType"]),
                         ("ACTIVE", "1", "DirectPut"))
        dest = d["Destinations"][0]
        self.assertEqual(dest["DestinationId"], "destinationId-000000000001")
        self.assertEqual(dest["ExtendedS3DestinationDescription"]["BucketARN"], "arn:aws:s3:::lake")
        page = self.fh.list_delivery_streams(Limit=1)
        self.assertEqual((page["DeliveryStreamNames"], page["HasMoreDeliveryStreams"]), (["agents"], True))
        page = self.fh.list_delivery_streams(ExclusiveStartDeliveryStreamName="agents")
        self.assertEqual((page["DeliveryStreamNames"], page["HasMoreDeliveryStreams"]), (["ctr"], False))
        self.assertEqual(self.fh.list_delivery_streams(DeliveryStreamType="KinesisStreamAsSource")[
            "DeliveryStreamNames"], [])

        self.fh.tag_delivery_stream(DeliveryStreamName="ctr", Tags=[{"Key": "env", "Value": "dev"}])
        self.fh.untag_delivery_stream(DeliveryStreamName="ctr", TagKeys=["team"])
        self.assertEqual(self.fh.list_tags_for_delivery_stream(DeliveryStreamName="ctr")["Tags"],
                         [{"Key": "env", "Value": "dev"}])
        self.fh.start_delivery_stream_encryption(
            DeliveryStreamName="ctr",
            DeliveryStreamEncryptionConfigurationInput={"KeyType": "AWS_OWNED_CMK"})
        enc = self.fh.describe_delivery_stream(DeliveryStreamName="ctr")[
            "DeliveryStreamDescription"]["DeliveryStreamEncryptionConfiguration"]
        self.assertEqual((enc["Status"], enc["KeyType"]), ("ENABLED", "AWS_OWNED_CMK"))
        self.assertTrue(self.fh.put_record(DeliveryStreamName="ctr", Record={"Data": b"a\n"})["Encrypted"])
        self.fh.stop_delivery_stream_encryption(DeliveryStreamName="ctr")

        out = self.fh.put_record_batch(DeliveryStreamName="ctr",
                                       Records=[{"Data": b"%d\n" % i} for i in range(500)])
        self.assertEqual(out["FailedPutCount"], 0)
        self.assertEqual(len({r["RecordId"] for r in out["RequestResponses"]}), 500)

        with self.assertRaises(ClientError) as stale:
            self.fh.update_destination(DeliveryStreamName="ctr", CurrentDeliveryStreamVersionId="7",
                                       DestinationId="destinationId-000000000001",
                                       ExtendedS3DestinationUpdate={"Prefix": "x/"})
        self.assertEqual(stale.exception.response["Error"]["Code"], "ConcurrentModificationException")
        self.fh.update_destination(DeliveryStreamName="ctr", CurrentDeliveryStreamVersionId="1",
                                   DestinationId="destinationId-000000000001",
                                   ExtendedS3DestinationUpdate={"Prefix": "v2/"})
        d = self.fh.describe_delivery_stream(DeliveryStreamName="ctr")["DeliveryStreamDescription"]
        self.assertEqual(d["VersionId"], "2")
        self.assertEqual(d["Destinations"][0]["ExtendedS3DestinationDescription"]["Prefix"], "v2/")
        self.assertIn("LastUpdateTimestamp", d)

        self.fh.delete_delivery_stream(DeliveryStreamName="ctr")
        with self.assertRaises(ClientError) as gone:
            self.fh.put_record(DeliveryStreamName="ctr", Record={"Data": b"late"})
        self.assertEqual(gone.exception.response["Error"]["Message"],
                         "Firehose ctr under account 000000000000 not found.")
        # Everything accepted before the deletion was delivered.
        lines = b"".join(self.read("lake", k) for k in self.objects("lake")).splitlines()
        self.assertEqual(sorted(lines), sorted([b"a"] + [b"%d" % i for i in range(500)]))

    def test_the_model_and_kinesisd_refuse_what_cannot_be_served(self):
        # The model's constraints, as Coral words them (boto3 would refuse this itself).
        req = urllib.request.Request(self.server.endpoint + "/", method="POST", data=json.dumps(
            {"DeliveryStreamName": "x", "Records": []}).encode(), headers={
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": "Firehose_20150804.PutRecordBatch", "X-Amz-Date": "20261201T000000Z",
                "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/firehose/"
                                 "aws4_request, SignedHeaders=host, Signature=00"})
        with self.assertRaises(urllib.error.HTTPError) as bad:
            urllib.request.urlopen(req)
        body = json.loads(bad.exception.read())
        self.assertEqual(body["__type"], "ValidationException")
        self.assertIn("'records' failed to satisfy constraint: Member must have length greater "
                      "than or equal to 1", body["message"])
        for kwargs, text in [
                (dict(SplunkDestinationConfiguration={
                    "HECEndpoint": "https://splunk:8088", "HECEndpointType": "Raw",
                    "S3Configuration": s3("b")}), "SplunkDestinationConfiguration is not supported"),
                (dict(DeliveryStreamType="MSKAsSource", ExtendedS3DestinationConfiguration=s3("b")),
                 "MSKAsSource is not supported"),
                (dict(), "Exactly one destination")]:
            with self.assertRaises(ClientError) as refused:
                self.fh.create_delivery_stream(DeliveryStreamName="nope", **kwargs)
            self.assertEqual(refused.exception.response["Error"]["Code"], "InvalidArgumentException")
            self.assertIn(text, refused.exception.response["Error"]["Message"])

    def test_the_aws_cli(self):
        env = dict(os.environ, **harness.CLIENT_ENV)

        def aws(*args):
            p = subprocess.run(["aws", "--endpoint-url", self.server.endpoint, "--output", "json",
                                "firehose", *args], env=env, capture_output=True, text=True, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr)
            return json.loads(p.stdout) if p.stdout.strip() else None
        aws("create-delivery-stream", "--delivery-stream-name", "cli",
            "--extended-s3-destination-configuration", json.dumps(s3("cli-bucket")))
        self.assertEqual(aws("list-delivery-streams")["DeliveryStreamNames"], ["cli"])
        aws("put-record", "--delivery-stream-name", "cli", "--record", '{"Data": "from the cli"}')
        wait_until(lambda: self.objects("cli-bucket"), what="the object")
        self.assertEqual(self.read("cli-bucket", self.objects("cli-bucket")[0]), b"from the cli")
        aws("delete-delivery-stream", "--delivery-stream-name", "cli")


class Delivery(FirehoseCase):
    def test_objects_wait_for_the_interval_and_carry_aws_keys(self):
        self.fh.create_delivery_stream(DeliveryStreamName="orders", ExtendedS3DestinationConfiguration=s3(
            "b", BufferingHints={"IntervalInSeconds": 60, "SizeInMBs": 5}))
        self.fh.put_record_batch(DeliveryStreamName="orders",
                                 Records=[{"Data": b"r%d\n" % i} for i in range(3)])
        time.sleep(0.3)
        self.assertEqual(self.objects("b"), [])  # 60 s not yet passed
        self.advance(61_000)
        key = wait_until(lambda: self.objects("b"), what="the object")[0]
        m = KEY.match(key)
        self.assertTrue(m, key)
        self.assertEqual((m["stream"], m["version"]), ("orders", "1"))
        self.assertEqual(self.read("b", key), b"r0\nr1\nr2\n")

    def test_the_size_hint_delivers_before_the_interval(self):
        self.fh.create_delivery_stream(DeliveryStreamName="big", ExtendedS3DestinationConfiguration=s3(
            "b", BufferingHints={"IntervalInSeconds": 900, "SizeInMBs": 1}))
        chunk = b"x" * 100_000
        for _ in range(11):
            self.fh.put_record(DeliveryStreamName="big", Record={"Data": chunk})
        key = wait_until(lambda: self.objects("b"), what="the object")[0]
        self.assertEqual(len(self.read("b", key)), 11 * 100_000)

    def test_gzip_and_a_custom_prefix(self):
        self.fh.create_delivery_stream(DeliveryStreamName="z", ExtendedS3DestinationConfiguration=s3(
            "b", CompressionFormat="GZIP",
            Prefix="ctr/year=!{timestamp:yyyy}/month=!{timestamp:MM}/!{firehose:random-string}/"))
        self.fh.put_record(DeliveryStreamName="z", Record={"Data": b"compressed"})
        key = wait_until(lambda: self.objects("b"), what="the object")[0]
        now = time.gmtime()
        self.assertRegex(key, r"^ctr/year=%04d/month=%02d/[a-z0-9]{11}/z-1-.*\.gz$" %
                         (now.tm_year, now.tm_mon))
        self.assertEqual(self.read("b", key), b"compressed")

    def test_every_compression_format_opens_with_a_decoder_not_written_by_kinesisd(self):
        decode = independent_decoders()
        body = b"".join(b'{"ContactId":"c-%d","Channel":"VOICE"}\n' % i for i in range(20000))
        pieces = [body[i:i + 4000] for i in range(0, len(body), 4000)]  # ~760 KB: many chunks
        for fmt, ext in [("GZIP", ".gz"), ("ZIP", ".zip"), ("Snappy", ".snappy"),
                         ("HADOOP_SNAPPY", ".hsnappy")]:
            with self.subTest(fmt):
                bucket = "c-" + fmt.lower().replace("_", "-")
                self.fh.create_delivery_stream(
                    DeliveryStreamName=bucket, ExtendedS3DestinationConfiguration=s3(
                        bucket, CompressionFormat=fmt,
                        BufferingHints={"IntervalInSeconds": 60, "SizeInMBs": 5}))
                for i in range(0, len(pieces), 100):
                    self.fh.put_record_batch(DeliveryStreamName=bucket,
                                             Records=[{"Data": p} for p in pieces[i:i + 100]])
                self.advance(61_000)
                key = wait_until(lambda: self.objects(bucket), what="the object")[0]
                self.assertTrue(key.endswith(ext), key)
                data = pathlib.Path(self.dir, bucket, key).read_bytes()
                self.assertEqual(decode[fmt](data), body)
                self.assertEqual(self.fh.describe_delivery_stream(DeliveryStreamName=bucket)[
                    "DeliveryStreamDescription"]["Destinations"][0][
                        "ExtendedS3DestinationDescription"]["CompressionFormat"], fmt)

    def test_a_lambda_transformation_with_ok_dropped_and_failed_records(self):
        self.restart_with_handler("upper", "firehose_transform.handler")
        self.fh.create_delivery_stream(DeliveryStreamName="t", ExtendedS3DestinationConfiguration=s3(
            "b", ProcessingConfiguration={"Enabled": True, "Processors": [
                {"Type": "Lambda", "Parameters": [{
                    "ParameterName": "LambdaArn",
                    "ParameterValue": "arn:aws:lambda:us-east-1:000000000000:function:upper:$LATEST"}]},
                {"Type": "AppendDelimiterToRecord", "Parameters": [
                    {"ParameterName": "Delimiter", "ParameterValue": "\\n"}]}]}))
        self.fh.put_record_batch(DeliveryStreamName="t", Records=[
            {"Data": b"keep me"}, {"Data": b"drop"}, {"Data": b"fail"}, {"Data": b"and me"}])
        wait_until(lambda: len(self.objects("b")) == 2, what="the object and the failure")
        failed = [k for k in self.objects("b") if k.startswith("processing-failed/")]
        delivered = [k for k in self.objects("b") if not k.startswith("processing-failed/")]
        self.assertEqual(self.read("b", delivered[0]), b"KEEP ME\nAND ME\n")
        self.assertRegex(failed[0], r"^processing-failed/\d{4}/\d{2}/\d{2}/\d{2}/t-1-")
        doc = json.loads(self.read("b", failed[0]))
        self.assertEqual(base64.b64decode(doc["rawData"]), b"fail")
        self.assertEqual(doc["errorCode"], "Lambda.ProcessingFailed")
        self.assertIn("function:upper", doc["lambdaArn"])

    def test_the_s3_backup_holds_the_source_records_the_transform_changed(self):
        self.restart_with_handler("upper", "firehose_transform.handler")
        transformed = s3("b", ProcessingConfiguration={"Enabled": True, "Processors": [
            {"Type": "Lambda", "Parameters": [{
                "ParameterName": "LambdaArn",
                "ParameterValue": "arn:aws:lambda:us-east-1:000000000000:function:upper"}]},
            {"Type": "AppendDelimiterToRecord"}]})
        raw = {"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::raw", "Prefix": "source/",
               "CompressionFormat": "GZIP"}
        with self.assertRaises(ClientError) as refused:
            self.fh.create_delivery_stream(DeliveryStreamName="nope", ExtendedS3DestinationConfiguration=dict(
                transformed, S3BackupMode="Enabled"))
        self.assertIn("S3BackupConfiguration is required", refused.exception.response["Error"]["Message"])
        self.fh.create_delivery_stream(DeliveryStreamName="t", ExtendedS3DestinationConfiguration=dict(
            transformed, S3BackupMode="Enabled", S3BackupConfiguration=raw))
        self.fh.put_record_batch(DeliveryStreamName="t", Records=[
            {"Data": b"keep me"}, {"Data": b"drop"}, {"Data": b"and me"}])
        wait_until(lambda: self.objects("b") and self.objects("raw"), what="both objects")
        self.assertEqual(self.read("b", self.objects("b")[0]), b"KEEP ME\nAND ME\n")
        [backup] = self.objects("raw")
        self.assertRegex(backup, r"^source/\d{4}/\d{2}/\d{2}/\d{2}/t-1-.*\.gz$")
        self.assertEqual(self.read("raw", backup), b"keep medropand me")  # as they came in
        d = self.fh.describe_delivery_stream(DeliveryStreamName="t")["DeliveryStreamDescription"]
        dest = d["Destinations"][0]["ExtendedS3DestinationDescription"]
        self.assertEqual(dest["S3BackupMode"], "Enabled")
        self.assertEqual((dest["S3BackupDescription"]["BucketARN"],
                          dest["S3BackupDescription"]["CompressionFormat"]), ("arn:aws:s3:::raw", "GZIP"))
        with self.assertRaises(ClientError) as off:
            self.fh.update_destination(
                DeliveryStreamName="t", CurrentDeliveryStreamVersionId=d["VersionId"],
                DestinationId="destinationId-000000000001",
                ExtendedS3DestinationUpdate={"S3BackupMode": "Disabled"})
        self.assertEqual(off.exception.response["Error"]["Code"], "InvalidArgumentException")
        self.assertIn("cannot be changed from Enabled to Disabled",
                      off.exception.response["Error"]["Message"])
        # Switched on by an update.
        self.fh.create_delivery_stream(DeliveryStreamName="later",
                                       ExtendedS3DestinationConfiguration=s3("c"))
        d = self.fh.describe_delivery_stream(DeliveryStreamName="later")["DeliveryStreamDescription"]
        self.assertEqual(d["Destinations"][0]["ExtendedS3DestinationDescription"]["S3BackupMode"],
                         "Disabled")
        self.fh.update_destination(
            DeliveryStreamName="later", CurrentDeliveryStreamVersionId=d["VersionId"],
            DestinationId="destinationId-000000000001", ExtendedS3DestinationUpdate={
                "S3BackupMode": "Enabled", "S3BackupUpdate": dict(raw, Prefix="later/")})
        self.fh.put_record(DeliveryStreamName="later", Record={"Data": b"after the update"})
        wait_until(lambda: [k for k in self.objects("raw") if k.startswith("later/")],
                   what="the backup object")
        [later] = [k for k in self.objects("raw") if k.startswith("later/")]
        self.assertRegex(later, r"/later-2-")  # the version after the update
        self.assertEqual(self.read("raw", later), b"after the update")

    def test_dynamic_partitioning_by_a_jq_query(self):
        # Amazon Connect CTRs partitioned by channel and queue (the developer
        # guide's inline parsing), with the keys' rules checked at creation.
        partitioned = s3("dp", BufferingHints={"IntervalInSeconds": 60, "SizeInMBs": 64},
                         Prefix="channel=!{partitionKeyFromQuery:channel}/"
                                "queue=!{partitionKeyFromQuery:queue}/",
                         ErrorOutputPrefix="errors/!{firehose:error-output-type}/",
                         DynamicPartitioningConfiguration={"Enabled": True},
                         ProcessingConfiguration={"Enabled": True, "Processors": [
                             {"Type": "MetadataExtraction", "Parameters": [
                                 {"ParameterName": "MetadataExtractionQuery",
                                  "ParameterValue": "{channel: .Channel, queue: .Queue.Name}"},
                                 {"ParameterName": "JsonParsingEngine",
                                  "ParameterValue": "JQ-1.6"}]},
                             {"Type": "AppendDelimiterToRecord"}]})
        for change, text in [
                (dict(ErrorOutputPrefix=""), "needs an ErrorOutputPrefix"),
                (dict(Prefix="ctr/"), "at least one !{partitionKeyFromQuery:KEY}"),
                (dict(BufferingHints={"IntervalInSeconds": 0, "SizeInMBs": 64}), "zero buffering"),
                (dict(BufferingHints={"IntervalInSeconds": 60, "SizeInMBs": 5}), "at least 64"),
                (dict(ProcessingConfiguration={"Enabled": True, "Processors": [
                    {"Type": "MetadataExtraction", "Parameters": [
                        {"ParameterName": "MetadataExtractionQuery", "ParameterValue": "{a: .a"},
                        {"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}]}]}),
                 "is not a valid JQ-1.6 expression"),
                (dict(DynamicPartitioningConfiguration={"Enabled": False}),
                 "need DynamicPartitioningConfiguration Enabled")]:
            with self.assertRaises(ClientError) as refused:
                self.fh.create_delivery_stream(DeliveryStreamName="nope",
                                               ExtendedS3DestinationConfiguration=dict(
                                                   partitioned, **change))
            self.assertEqual(refused.exception.response["Error"]["Code"], "InvalidArgumentException")
            self.assertIn(text, refused.exception.response["Error"]["Message"])
        self.fh.create_delivery_stream(DeliveryStreamName="ctr",
                                       ExtendedS3DestinationConfiguration=partitioned)
        d = self.fh.describe_delivery_stream(DeliveryStreamName="ctr")["DeliveryStreamDescription"]
        self.assertEqual(d["Destinations"][0]["ExtendedS3DestinationDescription"][
            "DynamicPartitioningConfiguration"],
            {"Enabled": True, "RetryOptions": {"DurationInSeconds": 300}})
        with self.assertRaises(ClientError) as off:
            self.fh.update_destination(
                DeliveryStreamName="ctr", CurrentDeliveryStreamVersionId=d["VersionId"],
                DestinationId="destinationId-000000000001", ExtendedS3DestinationUpdate={
                    "DynamicPartitioningConfiguration": {"Enabled": False}})
        self.assertIn("cannot be disabled", off.exception.response["Error"]["Message"])
        ctrs = [{"Channel": "VOICE", "Queue": {"Name": "sales"}, "n": 1},
                {"Channel": "CHAT", "Queue": {"Name": "support"}, "n": 2},
                {"Channel": "VOICE", "Queue": {"Name": "sales"}, "n": 3},
                {"Channel": "VOICE", "n": 4}]
        self.fh.put_record_batch(DeliveryStreamName="ctr", Records=[
            {"Data": json.dumps(c).encode()} for c in ctrs] + [{"Data": b"not json"}])
        self.advance(61_000)
        wait_until(lambda: len(self.objects("dp")) == 3, what="two partitions and the errors")
        keys = self.objects("dp")
        sales = [k for k in keys if k.startswith("channel=VOICE/queue=sales/ctr-1-")]
        support = [k for k in keys if k.startswith("channel=CHAT/queue=support/ctr-1-")]
        errors = [k for k in keys if k.startswith("errors/partitioning-failed/")]
        self.assertEqual((len(sales), len(support), len(errors)), (1, 1, 1), keys)
        self.assertEqual([json.loads(l)["n"] for l in self.read("dp", sales[0]).splitlines()],
                         [1, 3])
        self.assertEqual(json.loads(self.read("dp", support[0]))["n"], 2)
        failed = [json.loads(l) for l in self.read("dp", errors[0]).splitlines()]
        self.assertEqual([base64.b64decode(f["rawData"]) for f in failed],
                         [json.dumps(ctrs[3]).encode(), b"not json"])
        self.assertEqual({f["errorCode"] for f in failed},
                         {"DynamicPartitioning.MetadataExtractionFailed"})
        self.assertEqual(failed[0]["errorMessage"], "The partitioning key 'queue' is null in the record.")

    def test_dynamic_partitioning_by_a_lambdas_keys(self):
        self.server.stop()
        config = os.path.join(self.dir, "kinesisd.json")
        pathlib.Path(config).write_text(json.dumps({"handlers": {"keys": {
            "type": "runtime", "command": [sys.executable, str(REPO / "examples/handlers/python/run.py")],
            "handler": "firehose_partition.handler", "env": {"PYTHONPATH": str(HERE / "handlers")}}}}))
        self.server = harness.Server("--s3-dir", self.dir, "--config", config, "--test-clock", "1",
                                     cwd=str(REPO))
        self.fh = harness.boto3_client(self.server, "firehose")
        self.fh.create_delivery_stream(DeliveryStreamName="agents", ExtendedS3DestinationConfiguration=s3(
            "dl", BufferingHints={"IntervalInSeconds": 60, "SizeInMBs": 64},
            Prefix="queue=!{partitionKeyFromLambda:queue}/!{timestamp:yyyy}/",
            ErrorOutputPrefix="failed/", DynamicPartitioningConfiguration={"Enabled": True},
            ProcessingConfiguration={"Enabled": True, "Processors": [{"Type": "Lambda", "Parameters": [
                {"ParameterName": "LambdaArn",
                 "ParameterValue": "arn:aws:lambda:us-east-1:000000000000:function:keys"}]}]}))
        self.fh.put_record_batch(DeliveryStreamName="agents", Records=[
            {"Data": json.dumps({"queue": q}).encode()} for q in ("sales", "support", "sales", "")])
        self.advance(61_000)
        wait_until(lambda: len(self.objects("dl")) == 3, what="two partitions and the failure")
        keys = self.objects("dl")
        year = time.gmtime().tm_year
        self.assertEqual(len([k for k in keys if k.startswith("queue=sales/%d/agents-1-" % year)]), 1)
        self.assertEqual(len([k for k in keys if k.startswith("queue=support/%d/agents-1-" % year)]), 1)
        failure = [k for k in keys if k.startswith("failed/")][0]
        self.assertEqual(json.loads(self.read("dl", failure))["errorMessage"],
                         "The record has no partitioning key for !{partitionKeyFromLambda:queue}.")

    def test_kpl_aggregates_arrive_de_aggregated_in_the_transform_event_and_in_s3(self):
        self.restart_with_handler("meta", "firehose_metadata.handler")
        self.kinesis.create_stream(StreamName="agents", ShardCount=1)
        wait_until(lambda: self.kinesis.describe_stream_summary(StreamName="agents")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="the stream")
        stream_arn = self.kinesis.describe_stream_summary(StreamName="agents")[
            "StreamDescriptionSummary"]["StreamARN"]
        self.fh.create_delivery_stream(
            DeliveryStreamName="agent-events", DeliveryStreamType="KinesisStreamAsSource",
            KinesisStreamSourceConfiguration={"KinesisStreamARN": stream_arn, "RoleARN": ROLE},
            ExtendedS3DestinationConfiguration=s3("kpl", ProcessingConfiguration={
                "Enabled": True, "Processors": [{"Type": "Lambda", "Parameters": [{
                    "ParameterName": "LambdaArn",
                    "ParameterValue": "arn:aws:lambda:us-east-1:000000000000:function:meta"}]}]}))
        # Agent events aggregated by AWS's aggregation library, as a KPL producer sends them.
        users = [{"partitionKey": "agent-%d" % (i % 3),
                  "data": base64.b64encode(json.dumps({"AgentEventId": i}).encode()).decode()}
                 for i in range(40)]
        made = subprocess.run(["node", str(HERE / "js" / "kpl_aggregate.cjs")], cwd=str(HERE / "js"),
                              input=json.dumps(users), capture_output=True, text=True, timeout=60,
                              check=True)
        aggregates = json.loads(made.stdout)
        self.assertEqual(len(aggregates), 1)  # 40 small records fit one Kinesis record
        for a in aggregates:
            self.kinesis.put_record(StreamName="agents", PartitionKey=a["partitionKey"],
                                    Data=base64.b64decode(a["data"]))
        malformed = b"\xf3\x89\x9a\xc2" + b"not a protobuf, no checksum"
        self.kinesis.put_record(StreamName="agents", PartitionKey="raw", Data=malformed)

        def lines():
            return [json.loads(line) for k in self.objects("kpl")
                    for line in self.read("kpl", k).splitlines()]
        wait_until(lambda: len(lines()) >= 41, what="40 user records and the malformed one")
        got = lines()
        self.assertEqual(len(got), 41)
        # Objects may split them; the aggregate's user records keep their order within one.
        [whole] = [g for g in got if g["partitionKey"] == "raw"]
        self.assertEqual(base64.b64decode(whole["data"]), malformed)
        self.assertEqual([(g["partitionKey"], g["data"], g["subsequenceNumber"])
                          for g in got if g["partitionKey"] != "raw"],
                         [(u["partitionKey"], u["data"], i) for i, u in enumerate(users)])

    def test_record_deaggregation_feeds_dynamic_partitioning(self):
        # Aggregated JSON and delimited records split before the partitioning keys.
        for name, processor, data in [
                ("json", [{"ParameterName": "SubRecordType", "ParameterValue": "JSON"}],
                 b'{"q":"a","n":1}{"q":"b","n":2}\n{"q":"a","n":3}'),
                ("delimited", [{"ParameterName": "SubRecordType", "ParameterValue": "DELIMITED"},
                               {"ParameterName": "Delimiter", "ParameterValue": "IyMjIw=="}],
                 b'{"q":"a","n":1}####{"q":"b","n":2}####{"q":"a","n":3}####')]:
            with self.subTest(name):
                self.fh.create_delivery_stream(
                    DeliveryStreamName=name, ExtendedS3DestinationConfiguration=s3(
                        name, BufferingHints={"IntervalInSeconds": 60, "SizeInMBs": 64},
                        Prefix="q=!{partitionKeyFromQuery:q}/", ErrorOutputPrefix="errors/",
                        DynamicPartitioningConfiguration={"Enabled": True},
                        ProcessingConfiguration={"Enabled": True, "Processors": [
                            {"Type": "RecordDeAggregation", "Parameters": processor},
                            {"Type": "MetadataExtraction", "Parameters": [
                                {"ParameterName": "MetadataExtractionQuery",
                                 "ParameterValue": "{q: .q}"},
                                {"ParameterName": "JsonParsingEngine",
                                 "ParameterValue": "JQ-1.6"}]},
                            {"Type": "AppendDelimiterToRecord"}]}))
                self.fh.put_record(DeliveryStreamName=name, Record={"Data": data})
                self.advance(61_000)
                wait_until(lambda: len(self.objects(name)) == 2, what="two partitions")
                [a] = [k for k in self.objects(name) if k.startswith("q=a/")]
                [b] = [k for k in self.objects(name) if k.startswith("q=b/")]
                self.assertEqual([json.loads(l)["n"] for l in self.read(name, a).splitlines()],
                                 [1, 3])
                self.assertEqual([json.loads(l)["n"] for l in self.read(name, b).splitlines()], [2])
        with self.assertRaises(ClientError) as refused:
            self.fh.create_delivery_stream(DeliveryStreamName="nope", ExtendedS3DestinationConfiguration=s3(
                "x", ProcessingConfiguration={"Enabled": True, "Processors": [
                    {"Type": "RecordDeAggregation", "Parameters": [
                        {"ParameterName": "SubRecordType", "ParameterValue": "DELIMITED"}]}]}))
        self.assertIn("requires a Delimiter", refused.exception.response["Error"]["Message"])

    def test_a_kinesis_stream_as_source_across_a_reshard(self):
        self.kinesis.create_stream(StreamName="src", ShardCount=1)
        wait_until(lambda: self.kinesis.describe_stream_summary(StreamName="src")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="the stream")
        stream_arn = self.kinesis.describe_stream_summary(StreamName="src")[
            "StreamDescriptionSummary"]["StreamARN"]
        self.fh.create_delivery_stream(
            DeliveryStreamName="from-kinesis", DeliveryStreamType="KinesisStreamAsSource",
            KinesisStreamSourceConfiguration={"KinesisStreamARN": stream_arn, "RoleARN": ROLE},
            ExtendedS3DestinationConfiguration=s3("k", ProcessingConfiguration={
                "Enabled": True, "Processors": [{"Type": "AppendDelimiterToRecord"}]}))
        with self.assertRaises(ClientError) as direct:
            self.fh.put_record(DeliveryStreamName="from-kinesis", Record={"Data": b"x"})
        self.assertEqual(direct.exception.response["Error"]["Code"], "InvalidArgumentException")
        for i in range(100):
            self.kinesis.put_record(StreamName="src", PartitionKey="k%d" % (i % 7), Data=b"%d" % i)
        self.kinesis.split_shard(StreamName="src", ShardToSplit="shardId-000000000000",
                                 NewStartingHashKey=str(2 ** 127))
        wait_until(lambda: self.kinesis.describe_stream_summary(StreamName="src")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="the split")
        for i in range(100, 200):
            self.kinesis.put_record(StreamName="src", PartitionKey="k%d" % (i % 7), Data=b"%d" % i)

        def lines():  # objects in the order they were written
            keys = sorted(self.objects("k"),
                          key=lambda k: pathlib.Path(self.dir, "k", k).stat().st_mtime_ns)
            return [line for k in keys for line in self.read("k", k).splitlines()]
        harness.settle(self.server)  # all 200 delivered: a duplicate would be there now
        got = lines()
        self.assertEqual(sorted(got, key=int), [b"%d" % i for i in range(200)])  # each once
        for key in range(7):  # order kept per partition key, across the split
            mine = [int(x) for x in got if int(x) % 7 == key]
            self.assertEqual(mine, sorted(mine))


class ConfigFile(unittest.TestCase):
    def test_delivery_streams_from_the_config_file_and_their_metrics(self):
        tmp = tempfile.mkdtemp(prefix="kinesisd-s3-")
        try:
            config = os.path.join(tmp, "kinesisd.json")
            pathlib.Path(config).write_text(json.dumps({"delivery_streams": [{
                "DeliveryStreamName": "ctr-archive",
                "ExtendedS3DestinationConfiguration": s3("archive")}]}))
            with harness.Server("--s3-dir", tmp, "--config", config) as server:
                fh = harness.boto3_client(server, "firehose")
                self.assertEqual(fh.describe_delivery_stream(DeliveryStreamName="ctr-archive")[
                    "DeliveryStreamDescription"]["DeliveryStreamStatus"], "ACTIVE")
                fh.put_record_batch(DeliveryStreamName="ctr-archive",
                                    Records=[{"Data": b"%d" % i} for i in range(10)])

                def delivered():
                    text = urllib.request.urlopen(server.endpoint + "/metrics").read().decode()
                    return 'kinesisd_firehose_delivered_records_total{region="us-east-1",' \
                           'delivery_stream="ctr-archive"} 10' in text
                wait_until(delivered, what="the metric")
            bad = os.path.join(tmp, "bad.json")
            pathlib.Path(bad).write_text(json.dumps({"delivery_streams": [{
                "DeliveryStreamName": "x", "ExtendedS3DestinationConfiguration": s3(
                    "b", BufferingHints={"SizeInMBs": 500})}]}))
            p = subprocess.run([harness.binary(), "--port", "0", "--s3-dir", tmp, "--config", bad],
                               capture_output=True, text=True, timeout=10)
            self.assertEqual(p.returncode, 2)
            self.assertIn("delivery_streams[0]: 1 validation error detected", p.stderr)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class WithoutS3(unittest.TestCase):
    def test_create_says_how_to_get_s3(self):
        with harness.Server() as server:
            fh = harness.boto3_client(server, "firehose")
            with self.assertRaises(ClientError) as caught:
                fh.create_delivery_stream(DeliveryStreamName="x",
                                          ExtendedS3DestinationConfiguration=s3("b"))
            self.assertIn("--s3-dir", caught.exception.response["Error"]["Message"])


class JsSdk(FirehoseCase):
    def test_put_record_batch_with_the_default_and_the_http2_transport(self):
        self.fh.create_delivery_stream(DeliveryStreamName="js", ExtendedS3DestinationConfiguration=s3("js"))
        script = """
import { FirehoseClient, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { NodeHttp2Handler } from "@smithy/node-http-handler";
const base = { endpoint: process.env.KINESISD_ENDPOINT, region: "us-east-1",
  credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" } };
const enc = new TextEncoder();
for (const [name, extra] of [["h1", {}], ["h2", { requestHandler: new NodeHttp2Handler() }]]) {
  const fh = new FirehoseClient({ ...base, ...extra });
  const out = await fh.send(new PutRecordBatchCommand({ DeliveryStreamName: "js",
    Records: [0, 1, 2].map((i) => ({ Data: enc.encode(`${name}-${i}\\n`) })) }));
  if (out.FailedPutCount !== 0 || out.RequestResponses.length !== 3) throw new Error(JSON.stringify(out));
  fh.destroy();
}
console.log("ok");
"""
        p = harness.run_node(self.server, "firehose_put", script)
        self.assertEqual(p.returncode, 0, p.stderr)
        wait_until(lambda: sum(len(self.read("js", k).splitlines()) for k in self.objects("js")) == 6,
                   what="six records")
        lines = sorted(l for k in self.objects("js") for l in self.read("js", k).splitlines())
        self.assertEqual(lines, [b"h1-0", b"h1-1", b"h1-2", b"h2-0", b"h2-1", b"h2-2"])


if __name__ == "__main__":
    unittest.main()
