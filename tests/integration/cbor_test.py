"""CBOR bodies (application/x-amz-cbor-1.1) shaped like the Java SDK's.

The Java SDK v2 (and so the KCL) sends CBOR by default. No Java SDK can be
installed here, so this test writes its bytes the way Jackson's CBOR
generator does: indefinite-length maps and arrays (0xBF .. 0xFF, 0x9F .. 0xFF),
blobs as byte strings, timestamps as tag 1 + integer epoch milliseconds. The
requests are SigV4-signed by botocore, sent over HTTP/1.1 and (with curl)
over HTTP/2, and the CBOR responses are decoded here.
"""
import http.client
import random
import shutil
import struct
import subprocess
import tempfile
import time
import unittest

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

import harness

CBOR = "application/x-amz-cbor-1.1"


class Tag:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


class Millis:
    """A timestamp as the Java SDK writes it: tag 1, integer milliseconds."""

    def __init__(self, ms):
        self.ms = ms


def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    raise ValueError(n)


def encode(v):
    """Jackson-style: maps and arrays indefinite-length."""
    if isinstance(v, bool):
        return b"\xf5" if v else b"\xf4"
    if v is None:
        return b"\xf6"
    if isinstance(v, Millis):
        return b"\xc1" + encode(v.ms)
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, float):
        return b"\xfb" + struct.pack(">d", v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return head(3, len(b)) + b
    if isinstance(v, list):
        return b"\x9f" + b"".join(encode(x) for x in v) + b"\xff"
    if isinstance(v, dict):
        return b"\xbf" + b"".join(encode(k) + encode(x) for k, x in v.items()) + b"\xff"
    raise TypeError(type(v))


def decode(data):
    value, end = _item(data, 0)
    if end != len(data):
        raise ValueError("trailing bytes")
    return value


def _arg(data, pos, info):
    if info < 24:
        return info, pos
    size = 1 << (info - 24)
    return int.from_bytes(data[pos:pos + size], "big"), pos + size


def _item(data, pos):
    initial = data[pos]
    major, info = initial >> 5, initial & 31
    pos += 1
    if major == 7:
        if info == 20:
            return False, pos
        if info == 21:
            return True, pos
        if info == 22:
            return None, pos
        if info == 27:
            return struct.unpack(">d", data[pos:pos + 8])[0], pos + 8
        if info == 26:
            return struct.unpack(">f", data[pos:pos + 4])[0], pos + 4
        raise ValueError("simple %d" % info)
    if info == 31:
        # Answers are written as Jackson writes them: maps and arrays
        # indefinite-length, strings definite.
        if major not in (4, 5):
            raise ValueError("indefinite-length major type %d" % major)
        items = []
        while data[pos] != 0xFF:
            v, pos = _item(data, pos)
            items.append(v)
        pos += 1
        if major == 4:
            return items, pos
        return dict(zip(items[0::2], items[1::2])), pos
    n, pos = _arg(data, pos, info)
    if major == 0:
        return n, pos
    if major == 1:
        return -1 - n, pos
    if major == 2:
        return bytes(data[pos:pos + n]), pos + n
    if major == 3:
        return data[pos:pos + n].decode(), pos + n
    if major == 4:
        out = []
        for _ in range(n):
            v, pos = _item(data, pos)
            out.append(v)
        return out, pos
    if major == 5:
        out = {}
        for _ in range(n):
            k, pos = _item(data, pos)
            out[k], pos = _item(data, pos)
        return out, pos
    v, pos = _item(data, pos)  # major 6
    return Tag(n, v), pos


class Cbor(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()
        cls.credentials = Credentials(harness.CLIENT_ENV["AWS_ACCESS_KEY_ID"],
                                      harness.CLIENT_ENV["AWS_SECRET_ACCESS_KEY"])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def signed(self, operation, body):
        request = AWSRequest(method="POST", url=self.server.endpoint + "/", data=body, headers={
            "Content-Type": CBOR,
            "X-Amz-Target": "Kinesis_20131202." + operation,
            "User-Agent": "aws-sdk-java/2.29.0 Linux/6 OpenJDK_64-Bit_Server_VM/17 Java/17 "
                          "vendor/Eclipse_Adoptium io/async http/NettyNio cfg/retry-mode/legacy",
        })
        SigV4Auth(self.credentials, "kinesis", "us-east-1").add_auth(request)
        return request

    def call(self, operation, params, raw=None):
        """Sends one request; returns (status, headers, decoded body)."""
        body = raw if raw is not None else encode(params)
        request = self.signed(operation, body)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        conn.request("POST", "/", body=body, headers=dict(request.headers.items()))
        response = conn.getresponse()
        data = response.read()
        conn.close()
        headers = {k.lower(): v for k, v in response.getheaders()}
        if data:
            self.assertEqual(headers["content-type"], CBOR)
        return response.status, headers, decode(data) if data else None

    def ok(self, operation, params):
        status, _, body = self.call(operation, params)
        self.assertEqual(status, 200, body)
        return body

    def active(self, name, shards=1):
        self.ok("CreateStream", {"StreamName": name, "ShardCount": shards})
        summary = self.ok("DescribeStreamSummary", {"StreamName": name})
        description = summary["StreamDescriptionSummary"]
        self.assertEqual(description["StreamStatus"], "ACTIVE")
        return description

    def test_put_and_read_back_with_millisecond_timestamps(self):
        before_ms = int(time.time() * 1000)
        description = self.active("cbor-orders")
        created = description["StreamCreationTimestamp"]
        self.assertIsInstance(created, Tag)
        self.assertEqual(created.tag, 1)
        self.assertIsInstance(created.value, int)  # milliseconds, not seconds
        self.assertLess(abs(created.value - before_ms), 60_000)

        first = self.ok("PutRecord", {"StreamName": "cbor-orders", "PartitionKey": "caller-1",
                                      "Data": b"\x00\x01binary\xff"})
        self.assertEqual(first["ShardId"], "shardId-000000000000")
        self.assertRegex(first["SequenceNumber"], r"^\d{56}$")
        time.sleep(0.02)
        cut = Millis(int(time.time() * 1000))
        time.sleep(0.02)
        batch = self.ok("PutRecords", {"StreamName": "cbor-orders", "Records": [
            {"Data": ("later-%d" % i).encode(), "PartitionKey": "caller-1"} for i in range(3)]})
        self.assertEqual(batch["FailedRecordCount"], 0)
        self.assertEqual(len(batch["Records"]), 3)

        # AT_TIMESTAMP with a tag-1 millisecond time between the two writes.
        iterator = self.ok("GetShardIterator", {
            "StreamName": "cbor-orders", "ShardId": "shardId-000000000000",
            "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": cut})["ShardIterator"]
        got = self.ok("GetRecords", {"ShardIterator": iterator, "Limit": 100})
        self.assertEqual([r["Data"] for r in got["Records"]], [b"later-0", b"later-1", b"later-2"])
        arrival = got["Records"][0]["ApproximateArrivalTimestamp"]
        self.assertEqual(arrival.tag, 1)
        self.assertGreaterEqual(arrival.value, cut.ms)
        self.assertEqual(got["MillisBehindLatest"], 0)
        self.assertIn("NextShardIterator", got)

        everything = self.ok("GetShardIterator", {
            "StreamName": "cbor-orders", "ShardId": "shardId-000000000000",
            "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"]
        records = self.ok("GetRecords", {"ShardIterator": everything})["Records"]
        self.assertEqual(records[0]["Data"], b"\x00\x01binary\xff")
        self.assertEqual(records[0]["SequenceNumber"], first["SequenceNumber"])

    def test_void_output_is_an_empty_200(self):
        self.active("cbor-void")
        status, _, body = self.call("AddTagsToStream",
                                    {"StreamName": "cbor-void", "Tags": {"team": "contact-center"}})
        self.assertEqual((status, body), (200, None))
        tags = self.ok("ListTagsForStream", {"StreamName": "cbor-void"})["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "contact-center"}])

    def test_errors_are_cbor_maps(self):
        status, headers, body = self.call("DescribeStreamSummary", {"StreamName": "missing"})
        self.assertEqual(status, 400)
        self.assertEqual(headers["x-amzn-errortype"], "ResourceNotFoundException")
        self.assertEqual(body, {"__type": "ResourceNotFoundException",
                                "message": "Stream missing under account 000000000000 not found."})

        # The model's constraints apply to CBOR exactly as to JSON.
        status, _, body = self.call("PutRecord", {"StreamName": "cbor-void", "PartitionKey": "",
                                                  "Data": b"x"})
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"], "ValidationException")
        self.assertIn("'partitionKey' failed to satisfy constraint: "
                      "Member must have length greater than or equal to 1", body["message"])

        # Not CBOR, truncated CBOR, and CBOR that is not a map.
        for raw in (b"{\"StreamName\":\"x\"}", b"\xbf\x6aStreamName", b"\x9f\xff"):
            status, _, body = self.call("ListStreams", None, raw=raw)
            self.assertEqual((status, body), (400, {"__type": "SerializationException"}))

    def test_mutated_bodies_are_answered_400_or_200(self):
        # Valid Java-shaped bodies with bytes flipped, cut or inserted: every one gets an
        # answer, none is a 500 or a dropped connection, and the server keeps serving.
        self.active("cbor-fuzz")
        seeds = [
            ("PutRecord", {"StreamName": "cbor-fuzz", "PartitionKey": "k", "Data": b"abc",
                           "ExplicitHashKey": "1"}),
            ("PutRecords", {"StreamName": "cbor-fuzz", "Records": [
                {"Data": b"x", "PartitionKey": "a"}, {"Data": b"y", "PartitionKey": "b"}]}),
            ("GetShardIterator", {"StreamName": "cbor-fuzz", "ShardId": "shardId-000000000000",
                                  "ShardIteratorType": "AT_TIMESTAMP",
                                  "Timestamp": Millis(int(time.time() * 1000))}),
            ("ListShards", {"StreamName": "cbor-fuzz", "MaxResults": 5,
                            "ShardFilter": {"Type": "AT_LATEST"}}),
            ("AddTagsToStream", {"StreamName": "cbor-fuzz", "Tags": {"a": "b"}}),
        ]
        rng = random.Random(4)
        statuses = set()
        for i in range(600):
            operation, params = seeds[i % len(seeds)]
            body = bytearray(encode(params))
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(body))
                action = rng.randrange(3)
                if action == 0:
                    body[at] = rng.randrange(256)
                elif action == 1:
                    del body[at:]
                    if not body:
                        body = bytearray(b"\xbf")
                else:
                    body[at:at] = bytes([rng.randrange(256)])
            status, _, _ = self.call(operation, None, raw=bytes(body))
            statuses.add(status)
        self.assertLessEqual(statuses, {200, 400})
        self.assertIn(400, statuses)
        self.assertEqual(self.call("ListStreams", {})[0], 200)

    @unittest.skipUnless(shutil.which("curl"), "curl is not installed")
    def test_over_http2_like_the_java_sdk(self):
        # The Java SDK's default transport: CBOR over h2c with prior knowledge.
        self.active("cbor-h2")
        body = encode({"StreamName": "cbor-h2", "PartitionKey": "k", "Data": b"over-h2"})
        request = self.signed("PutRecord", body)
        with tempfile.NamedTemporaryFile(suffix=".cbor") as f:
            f.write(body)
            f.flush()
            cmd = ["curl", "-sS", "--http2-prior-knowledge", "-o", "-", "-w", "\n%{http_version}",
                   "--data-binary", "@" + f.name, self.server.endpoint + "/"]
            for name, value in request.headers.items():
                cmd += ["-H", "%s: %s" % (name, value)]
            out = subprocess.run(cmd, capture_output=True, timeout=30, check=True).stdout
        payload, _, version = out.rpartition(b"\n")
        self.assertEqual(version, b"2")
        self.assertEqual(decode(payload)["ShardId"], "shardId-000000000000")


if __name__ == "__main__":
    unittest.main()
