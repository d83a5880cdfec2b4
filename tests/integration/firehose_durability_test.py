"""Firehose with --data-dir, real clients and real kills: delivery streams
(definition, VersionId, tags, encryption) come back after SIGKILL; every
record PutRecord / PutRecordBatch acknowledged, and every record of a
Kinesis source, reaches S3 at least once after a kill at a random moment, in
order per source shard, in --durability process and fsync; a clean restart
delivers each record exactly once."""
import base64
import http.client
import json
import os
import pathlib
import random
import shutil
import tempfile
import threading
import time
import unittest
import urllib.request

import harness

ROLE = "arn:aws:iam::000000000000:role/firehose"
wait_until = harness.wait_until


def s3(bucket, interval=60):
    # Records a line each, so objects split back into them.
    return {"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::" + bucket,
            "BufferingHints": {"IntervalInSeconds": interval, "SizeInMBs": 128},
            "ProcessingConfiguration": {"Enabled": True, "Processors": [
                {"Type": "AppendDelimiterToRecord"}]}}


def raw_put_batch(conn, name, datas):
    """PutRecordBatch on a kept-alive http.client connection."""
    body = {"DeliveryStreamName": name,
            "Records": [{"Data": base64.b64encode(d).decode()} for d in datas]}
    conn.request("POST", "/", body=json.dumps(body), headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "Firehose_20150804.PutRecordBatch",
        "X-Amz-Date": "20261201T000000Z",
        "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/firehose/"
                         "aws4_request, SignedHeaders=host, Signature=00"})
    res = conn.getresponse()
    return res.status, json.loads(res.read() or b"null")


class FirehoseDataDir(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kinesisd-firehose-durable-")
        self.dir = os.path.join(self.tmp, "data")
        self.s3_dir = os.path.join(self.tmp, "s3")
        self.server = None

    def tearDown(self):
        if self.server and self.server.alive():
            self.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def start(self, *args):
        self.server = harness.Server("--data-dir", self.dir, "--s3-dir", self.s3_dir,
                                     "--test-clock", "1", *args)
        self.fh = harness.boto3_client(self.server, "firehose")
        self.kinesis = harness.boto3_client(self.server)

    def advance(self, ms):
        req = urllib.request.Request(self.server.endpoint + "/_kinesisd/clock", method="POST",
                                     data=json.dumps({"advance_ms": ms}).encode(), headers={"Content-Type": "application/json"})
        urllib.request.urlopen(req).read()

    def lines(self, bucket):
        """Every delivered line, objects in the order they were written."""
        root = pathlib.Path(self.s3_dir, bucket)
        if not root.is_dir():
            return []
        keys = sorted((p for p in root.rglob("*") if p.is_file()),
                      key=lambda p: p.stat().st_mtime_ns)
        return [line for p in keys for line in p.read_bytes().splitlines()]

    def incoming(self, name):
        """kinesisd_firehose_incoming_records_total of a delivery stream."""
        text = urllib.request.urlopen(self.server.endpoint + "/metrics").read().decode()
        for line in text.splitlines():
            if line.startswith("kinesisd_firehose_incoming_records_total{") and \
                    'delivery_stream="%s"' % name in line:
                return int(float(line.rsplit(" ", 1)[1]))
        return 0

    def source_stream(self, shards=3):
        self.kinesis.create_stream(StreamName="agents", ShardCount=shards)
        wait_until(lambda: self.kinesis.describe_stream_summary(StreamName="agents")[
            "StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE", what="the stream")
        return self.kinesis.describe_stream_summary(StreamName="agents")[
            "StreamDescriptionSummary"]["StreamARN"]

    def describe(self, name):
        d = self.fh.describe_delivery_stream(DeliveryStreamName=name)["DeliveryStreamDescription"]
        tags = self.fh.list_tags_for_delivery_stream(DeliveryStreamName=name)["Tags"]
        return d, tags


class Definitions(FirehoseDataDir):
    def test_definitions_versions_tags_and_encryption_come_back_after_a_kill(self):
        self.start()
        arn = self.source_stream()
        self.fh.create_delivery_stream(DeliveryStreamName="ctr", ExtendedS3DestinationConfiguration=s3(
            "lake"), Tags=[{"Key": "team", "Value": "contact-center"}])
        self.fh.create_delivery_stream(
            DeliveryStreamName="agent-events", DeliveryStreamType="KinesisStreamAsSource",
            KinesisStreamSourceConfiguration={"KinesisStreamARN": arn, "RoleARN": ROLE},
            ExtendedS3DestinationConfiguration=s3("agents"))
        d = self.fh.describe_delivery_stream(DeliveryStreamName="ctr")["DeliveryStreamDescription"]
        self.fh.update_destination(
            DeliveryStreamName="ctr", CurrentDeliveryStreamVersionId=d["VersionId"],
            DestinationId="destinationId-000000000001",
            ExtendedS3DestinationUpdate={"Prefix": "ctr/", "CompressionFormat": "GZIP"})
        self.fh.tag_delivery_stream(DeliveryStreamName="ctr", Tags=[{"Key": "env", "Value": "ci"}])
        self.fh.untag_delivery_stream(DeliveryStreamName="ctr", TagKeys=["team"])
        self.fh.start_delivery_stream_encryption(
            DeliveryStreamName="ctr",
            DeliveryStreamEncryptionConfigurationInput={"KeyType": "AWS_OWNED_CMK"})
        before = {n: self.describe(n) for n in ("ctr", "agent-events")}
        self.assertEqual(before["ctr"][0]["VersionId"], "2")
        self.server.kill()

        self.start()
        self.assertEqual(sorted(self.fh.list_delivery_streams()["DeliveryStreamNames"]),
                         ["agent-events", "ctr"])
        self.assertEqual({n: self.describe(n) for n in ("ctr", "agent-events")}, before)
        # Deleted stays deleted.
        self.fh.delete_delivery_stream(DeliveryStreamName="agent-events")
        wait_until(lambda: self.fh.list_delivery_streams()["DeliveryStreamNames"] == ["ctr"],
                   what="the deletion")
        self.server.kill()
        self.start()
        self.assertEqual(self.fh.list_delivery_streams()["DeliveryStreamNames"], ["ctr"])

    def test_a_config_files_delivery_stream_is_not_made_twice(self):
        config = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(config).write_text(json.dumps({"delivery_streams": [{
            "DeliveryStreamName": "from-file",
            "ExtendedS3DestinationConfiguration": s3("file", interval=60)}]}))
        self.start("--config", config)
        d = self.fh.describe_delivery_stream(DeliveryStreamName="from-file")[
            "DeliveryStreamDescription"]
        self.fh.update_destination(
            DeliveryStreamName="from-file", CurrentDeliveryStreamVersionId=d["VersionId"],
            DestinationId="destinationId-000000000001",
            ExtendedS3DestinationUpdate={"Prefix": "updated/"})
        self.fh.put_record(DeliveryStreamName="from-file", Record={"Data": b"kept"})
        self.server.kill()
        self.start("--config", config)
        self.assertEqual(self.fh.list_delivery_streams()["DeliveryStreamNames"], ["from-file"])
        d = self.fh.describe_delivery_stream(DeliveryStreamName="from-file")[
            "DeliveryStreamDescription"]
        self.assertEqual(d["VersionId"], "2")  # the restored one, not the file's again
        self.advance(61_000)
        wait_until(lambda: self.lines("file") == [b"kept"], what="the record")
        [obj] = [p for p in pathlib.Path(self.s3_dir, "file").rglob("*") if p.is_file()]
        self.assertTrue(str(obj.relative_to(pathlib.Path(self.s3_dir, "file"))).startswith(
            "updated/"))


class KillUnderLoad(FirehoseDataDir):
    """Writers on several connections into a DirectPut delivery stream
    (boto3 PutRecordBatch and PutRecord, raw HTTP PutRecordBatch) and into
    the Kinesis stream another one reads, SIGKILL at a random moment (in
    some rounds after a delivery), restart on the same directory, let the
    60 s buffers go: every acknowledged record is in S3."""

    def round(self, durability, seed):
        rng = random.Random(seed)
        self.start("--durability", durability)
        arn = self.source_stream()
        self.fh.create_delivery_stream(DeliveryStreamName="direct",
                                       ExtendedS3DestinationConfiguration=s3("direct"))
        self.fh.create_delivery_stream(
            DeliveryStreamName="sourced", DeliveryStreamType="KinesisStreamAsSource",
            KinesisStreamSourceConfiguration={"KinesisStreamARN": arn, "RoleARN": ROLE},
            ExtendedS3DestinationConfiguration=s3("sourced"))
        acked_direct, acked_source = [], []  # data; (shard, sequence, data)
        lock = threading.Lock()
        stop = threading.Event()

        def boto_firehose(n, batch):
            fh = harness.boto3_client(self.server, "firehose")
            i = 0
            while not stop.is_set():
                try:
                    if batch:
                        datas = [b"b%d-%d-%d" % (n, i, j) for j in range(50)]
                        r = fh.put_record_batch(DeliveryStreamName="direct",
                                                Records=[{"Data": d} for d in datas])
                        got = [d for e, d in zip(r["RequestResponses"], datas) if "RecordId" in e]
                    else:
                        d = b"p%d-%d" % (n, i)
                        fh.put_record(DeliveryStreamName="direct", Record={"Data": d})
                        got = [d]
                except Exception:
                    return  # the server was killed
                with lock:
                    acked_direct.extend(got)
                i += 1

        def raw_firehose(n):
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
            i = 0
            while not stop.is_set():
                datas = [b"r%d-%d-%d" % (n, i, j) for j in range(100)]
                try:
                    status, reply = raw_put_batch(conn, "direct", datas)
                except Exception:
                    return
                if status == 200:
                    with lock:
                        acked_direct.extend(d for e, d in zip(reply["RequestResponses"], datas)
                                            if "RecordId" in e)
                i += 1

        def kinesis_writer():
            k = harness.boto3_client(self.server)
            i = 0
            while not stop.is_set():
                datas = [b"k-%d-%d" % (i, j) for j in range(20)]
                try:
                    r = k.put_records(StreamName="agents", Records=[
                        {"Data": d, "PartitionKey": "agent-%d" % j} for j, d in enumerate(datas)])
                except Exception:
                    return
                with lock:
                    acked_source.extend((e["ShardId"], int(e["SequenceNumber"]), d)
                                        for e, d in zip(r["Records"], datas)
                                        if "SequenceNumber" in e)
                i += 1

        threads = [threading.Thread(target=boto_firehose, args=(0, True)),
                   threading.Thread(target=boto_firehose, args=(1, False)),
                   threading.Thread(target=raw_firehose, args=(2,)),
                   threading.Thread(target=kinesis_writer)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.3, 1.0))
        if seed % 2:  # some buffers are delivered and checkpointed before the kill
            self.advance(61_000)
        time.sleep(rng.uniform(0.2, 1.0))
        self.server.kill()
        stop.set()
        for t in threads:
            t.join(timeout=20)
        self.assertGreater(len(acked_direct), 100)
        self.assertGreater(len(acked_source), 20)

        self.start("--durability", durability)
        # The test clock starts again from the real time, behind the arrivals
        # it moved before the kill: 130 s passes them and the 60 s buffers.
        self.advance(130_000)
        want_direct = set(acked_direct)
        want_source = {d for _, _, d in acked_source}
        wait_until(lambda: want_direct <= set(self.lines("direct")), timeout=60,
                   what="every acknowledged PutRecord(Batch) record")
        wait_until(lambda: want_source <= set(self.lines("sourced")), timeout=60,
                   what="every record of the source stream")
        # In order per source shard: first arrivals follow the sequence numbers.
        seq = {d: (shard, n) for shard, n, d in acked_source}
        first, seen = [], set()
        for line in self.lines("sourced"):
            if line in seq and line not in seen:
                seen.add(line)
                first.append(seq[line])
        for shard in {s for s, _ in first}:
            mine = [n for s, n in first if s == shard]
            self.assertEqual(mine, sorted(mine), "out of order in " + shard)
        self.server.stop()
        shutil.rmtree(self.tmp)
        os.makedirs(self.tmp)

    def test_process_durability_loses_nothing_acknowledged(self):
        for seed in range(3):
            self.round("process", seed)

    def test_fsync_durability_loses_nothing_acknowledged(self):
        for seed in range(2):
            self.round("fsync", 100 + seed)

    def test_a_clean_restart_delivers_each_record_exactly_once(self):
        self.start()
        arn = self.source_stream(shards=1)
        self.fh.create_delivery_stream(DeliveryStreamName="direct",
                                       ExtendedS3DestinationConfiguration=s3("direct"))
        self.fh.create_delivery_stream(
            DeliveryStreamName="sourced", DeliveryStreamType="KinesisStreamAsSource",
            KinesisStreamSourceConfiguration={"KinesisStreamARN": arn, "RoleARN": ROLE},
            ExtendedS3DestinationConfiguration=s3("sourced"))
        direct = [b"d-%d" % i for i in range(300)]
        for i in range(0, 300, 100):
            self.fh.put_record_batch(DeliveryStreamName="direct",
                                     Records=[{"Data": d} for d in direct[i:i + 100]])
        self.advance(61_000)  # the first 300 delivered and checkpointed
        wait_until(lambda: len(self.lines("direct")) == 300, what="the first buffer")
        source = [b"s-%d" % i for i in range(50)]
        for d in source:
            self.kinesis.put_record(StreamName="agents", Data=d, PartitionKey="a")
        more = [b"m-%d" % i for i in range(100)]
        self.fh.put_record_batch(DeliveryStreamName="direct", Records=[{"Data": d} for d in more])
        wait_until(lambda: self.incoming("sourced") == 50, what="the source's records read")
        self.server.stop()  # a clean shutdown delivers what is buffered
        self.assertEqual(sorted(self.lines("direct")), sorted(direct + more))
        self.assertEqual(self.lines("sourced"), source)
        self.start()
        # A record after the restart: anything delivered again would come first.
        self.fh.put_record(DeliveryStreamName="direct", Record={"Data": b"after"})
        self.kinesis.put_record(StreamName="agents", Data=b"after", PartitionKey="a")
        self.advance(130_000)  # past the arrivals the clock moved before the restart
        wait_until(lambda: b"after" in self.lines("direct") and b"after" in self.lines("sourced"),
                   what="the records put after the restart")
        self.assertEqual(sorted(self.lines("direct")), sorted(direct + more + [b"after"]))
        self.assertEqual(self.lines("sourced"), source + [b"after"])


class MemoryLimit(unittest.TestCase):
    def test_buffered_records_count_against_max_memory_mb(self):
        tmp = tempfile.mkdtemp(prefix="kinesisd-firehose-memory-")
        self.addCleanup(shutil.rmtree, tmp, True)
        with harness.Server("--max-memory-mb", "20", "--s3-dir", tmp, "--test-clock", "1") as server:
            fh = harness.boto3_client(server, "firehose")
            fh.create_delivery_stream(DeliveryStreamName="held",
                                      ExtendedS3DestinationConfiguration=s3("held"))
            batch = [{"Data": b"x" * 100_000}] * 40  # 4 MB a call
            acked, refused = 0, None
            for _ in range(20):
                try:
                    fh.put_record_batch(DeliveryStreamName="held", Records=batch)
                    acked += len(batch)
                except fh.exceptions.ServiceUnavailableException as e:
                    refused = e
                    break
            self.assertIsNotNone(refused, "never refused")
            self.assertGreater(acked, 0)
            self.assertIn("--max-memory-mb", refused.response["Error"]["Message"])
            self.assertEqual(refused.response["ResponseMetadata"]["HTTPStatusCode"], 500)
            # Delivered buffers give their memory back.
            req = urllib.request.Request(server.endpoint + "/_kinesisd/clock", method="POST",
                                         data=json.dumps({"advance_ms": 61_000}).encode(), headers={"Content-Type": "application/json"})
            urllib.request.urlopen(req).read()
            root = pathlib.Path(tmp, "held")
            wait_until(lambda: root.is_dir() and sum(
                len(p.read_bytes().splitlines()) for p in root.rglob("*") if p.is_file()) == acked,
                what="the buffered records delivered")
            fh.put_record_batch(DeliveryStreamName="held", Records=batch)


if __name__ == "__main__":
    unittest.main()
