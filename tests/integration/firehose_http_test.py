"""Firehose's HTTP endpoint and OpenSearch destinations against local servers
in this test, driven with boto3: the HTTP endpoint gets Firehose's request
(the "HTTP endpoint delivery request and response specifications": requestId,
timestamp, base64 records, the X-Amz-Firehose-* headers, GZIP) over TLS
verified against a CA of the test's own (SSL_CERT_FILE), is retried when it
fails, and what it never takes goes to the S3 backup; an OpenSearch-shaped
server gets _bulk requests with the rotated index, refuses a document, and
that document alone is backed up (seed 001's Elasticsearch with S3 backup)."""
import base64
import gzip
import http.server
import json
import os
import pathlib
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from botocore.exceptions import ClientError

import harness

ROLE = "arn:aws:iam::000000000000:role/firehose"


def backup(bucket, **extra):
    return dict({"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::" + bucket}, **extra)


class Recorder(http.server.BaseHTTPRequestHandler):
    """Keeps each POST; answers what the test's `answer` function says."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        request = {"path": self.path, "headers": dict(self.headers), "body": body}
        self.server.requests.append(request)
        status, reply = self.server.answer(request)
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def serve(answer, tls=None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.requests, server.answer = [], answer
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(*tls)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def bulk_answer(request):
    """An OpenSearch domain's _bulk: every document indexed but those whose
    Channel is BAD, refused as a mapping error."""
    items = []
    for doc in request["body"].decode().splitlines()[1::2]:
        ok = json.loads(doc).get("Channel") != "BAD"
        items.append({"index": {"status": 201} if ok else {"status": 400, "error": {
            "type": "mapper_parsing_exception", "reason": "failed to parse field"}}})
    return 200, {"took": 1, "errors": any("error" in i["index"] for i in items), "items": items}


def make_ca(directory):
    """A CA and a certificate for localhost signed by it (openssl)."""
    run = lambda *a: subprocess.run(["openssl", *a], check=True, capture_output=True, cwd=directory)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=kinesisd test CA")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=localhost")
    pathlib.Path(directory, "ext.cnf").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return (os.path.join(directory, "ca.pem"),
            (os.path.join(directory, "server.pem"), os.path.join(directory, "server.key")))


class HttpDestinations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kinesisd-http-dest-")
        cls.ca, cls.cert = make_ca(cls.tmp)
        cls.s3 = os.path.join(cls.tmp, "s3")
        os.mkdir(cls.s3)
        # A domain named by DomainARN is reached at --opensearch-endpoint (plain
        # HTTP here); one named by its ClusterEndpoint (https only, the model
        # says) over TLS.
        cls.domain = serve(bulk_answer)
        cls.server = harness.Server(
            "--s3-dir", cls.s3, "--opensearch-endpoint",
            "http://127.0.0.1:%d/" % cls.domain.server_address[1],
            env=dict(os.environ, SSL_CERT_FILE=cls.ca))
        cls.fh = harness.boto3_client(cls.server, "firehose")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.domain.shutdown()
        cls.domain.server_close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def objects(self, bucket):
        root = pathlib.Path(self.s3, bucket)
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) \
            if root.is_dir() else []

    def read(self, bucket, key):
        return pathlib.Path(self.s3, bucket, key).read_bytes()

    def create(self, name, **destination):
        self.fh.create_delivery_stream(DeliveryStreamName=name, **destination)
        harness.wait_until(lambda: self.fh.describe_delivery_stream(DeliveryStreamName=name)[
            "DeliveryStreamDescription"]["DeliveryStreamStatus"] == "ACTIVE", what="ACTIVE")

    def test_an_https_endpoint_gets_firehoses_request_and_is_retried(self):
        calls = []

        def answer(request):
            calls.append(1)
            if len(calls) == 1:
                return 503, {"errorMessage": "warming up"}  # the first attempt fails
            sent = json.loads(gzip.decompress(request["body"]))
            return 200, {"requestId": sent["requestId"], "timestamp": int(time.time() * 1000)}
        endpoint = serve(answer, tls=self.cert)
        url = "https://localhost:%d/ingest" % endpoint.server_address[1]
        self.create("to-endpoint", HttpEndpointDestinationConfiguration={
            "EndpointConfiguration": {"Url": url, "Name": "collector", "AccessKey": "secret-key"},
            "BufferingHints": {"IntervalInSeconds": 0, "SizeInMBs": 1},
            "RequestConfiguration": {"ContentEncoding": "GZIP", "CommonAttributes": [
                {"AttributeName": "team", "AttributeValue": "contact-center"}]},
            "RetryOptions": {"DurationInSeconds": 60},
            "S3Configuration": backup("endpoint-backup")})
        d = self.fh.describe_delivery_stream(DeliveryStreamName="to-endpoint")[
            "DeliveryStreamDescription"]["Destinations"][0]["HttpEndpointDestinationDescription"]
        self.assertEqual(d["EndpointConfiguration"], {"Url": url, "Name": "collector"})
        self.assertEqual(d["S3BackupMode"], "FailedDataOnly")
        self.assertEqual(d["S3DestinationDescription"]["BucketARN"], "arn:aws:s3:::endpoint-backup")
        self.fh.put_record_batch(DeliveryStreamName="to-endpoint", Records=[
            {"Data": b'{"ContactId": "c-1"}'}, {"Data": b'{"ContactId": "c-2"}'}])
        harness.wait_until(lambda: len(endpoint.requests) == 2, what="the retried request")
        endpoint.shutdown()
        endpoint.server_close()
        first, second = endpoint.requests
        h = second["headers"]
        self.assertEqual(second["path"], "/ingest")
        self.assertEqual((h["Content-Type"], h["Content-Encoding"]), ("application/json", "gzip"))
        self.assertEqual(h["X-Amz-Firehose-Protocol-Version"], "1.0")
        self.assertEqual(h["X-Amz-Firehose-Access-Key"], "secret-key")
        self.assertEqual(json.loads(h["X-Amz-Firehose-Common-Attributes"]),
                         {"commonAttributes": {"team": "contact-center"}})
        self.assertEqual(h["X-Amz-Firehose-Source-Arn"],
                         "arn:aws:firehose:us-east-1:000000000000:deliverystream/to-endpoint")
        body = json.loads(gzip.decompress(second["body"]))
        self.assertEqual(h["X-Amz-Firehose-Request-Id"], body["requestId"])
        self.assertNotEqual(first["headers"]["X-Amz-Firehose-Request-Id"], body["requestId"])
        self.assertIsInstance(body["timestamp"], int)
        self.assertEqual([base64.b64decode(r["data"]) for r in body["records"]],
                         [b'{"ContactId": "c-1"}', b'{"ContactId": "c-2"}'])
        self.assertEqual(self.objects("endpoint-backup"), [])  # delivered: nothing backed up

    def test_what_an_endpoint_never_takes_goes_to_the_s3_backup(self):
        # A certificate the server's trust store does not know is a failure too:
        # verification is never turned off.
        endpoint = serve(lambda request: (500, {"errorMessage": "down"}))
        self.create("failing", HttpEndpointDestinationConfiguration={
            "EndpointConfiguration": {"Url": "https://127.0.0.1:%d/" % endpoint.server_address[1]},
            "BufferingHints": {"IntervalInSeconds": 0, "SizeInMBs": 1},
            "RetryOptions": {"DurationInSeconds": 0},
            "S3BackupMode": "AllData",
            "S3Configuration": backup("failing-backup", Prefix="all/",
                                      ErrorOutputPrefix="failed/!{firehose:error-output-type}/")})
        self.fh.put_record(DeliveryStreamName="failing", Record={"Data": b"lost?"})
        harness.wait_until(lambda: len(self.objects("failing-backup")) == 2, what="the backups")
        endpoint.shutdown()
        endpoint.server_close()
        everything, failed = self.objects("failing-backup")
        self.assertTrue(everything.startswith("all/"), everything)
        self.assertEqual(self.read("failing-backup", everything), b"lost?")
        self.assertTrue(failed.startswith("failed/http-endpoint-failed/"), failed)
        doc = json.loads(self.read("failing-backup", failed))
        self.assertEqual(base64.b64decode(doc["rawData"]), b"lost?")
        self.assertEqual(doc["errorCode"], "HttpEndpoint.ConnectionFailed")  # TLS: plain server
        self.assertEqual(doc["attemptsMade"], 1)
        self.assertEqual(endpoint.requests, [])  # no TLS handshake: no request was read

    def bulk_round(self, name, domain, member, destination, bucket, error_type):
        self.create(name, **{member: dict({
            "RoleARN": ROLE, "IndexName": "ctr", "IndexRotationPeriod": "OneDay",
            "BufferingHints": {"IntervalInSeconds": 1, "SizeInMBs": 1},
            "RetryOptions": {"DurationInSeconds": 0},
            "S3Configuration": backup(bucket)}, **destination)})
        d = self.fh.describe_delivery_stream(DeliveryStreamName=name)[
            "DeliveryStreamDescription"]["Destinations"][0]
        self.assertEqual(d[member.replace("Configuration", "Description")]["S3BackupMode"],
                         "FailedDocumentsOnly")
        before = len(domain.requests)
        self.fh.put_record_batch(DeliveryStreamName=name, Records=[
            {"Data": json.dumps({"Channel": c}).encode()} for c in ("VOICE", "BAD", "CHAT")])
        harness.wait_until(lambda: self.objects(bucket), what="the refused document")
        self.assertEqual(len(domain.requests), before + 1)
        request = domain.requests[-1]
        self.assertEqual((request["path"], request["headers"]["Content-Type"]),
                         ("/_bulk", "application/x-ndjson"))
        lines = request["body"].decode().splitlines()
        action = json.loads(lines[0])["index"]
        self.assertEqual(action["_index"], "ctr-" + time.strftime("%Y-%m-%d", time.gmtime()))
        self.assertEqual([json.loads(l)["Channel"] for l in lines[1::2]], ["VOICE", "BAD", "CHAT"])
        key = self.objects(bucket)[0]
        self.assertTrue(key.startswith(error_type + "/"), key)
        doc = json.loads(self.read(bucket, key))
        self.assertEqual((doc["errorCode"], doc["errorMessage"]),
                         ("mapper_parsing_exception", "failed to parse field"))
        self.assertEqual(json.loads(base64.b64decode(doc["rawData"])), {"Channel": "BAD"})
        self.assertEqual(doc["esIndexName"], action["_index"])
        return action

    def test_an_elasticsearch_cluster_endpoint_over_tls(self):
        domain = serve(bulk_answer, tls=self.cert)
        action = self.bulk_round(
            "ctr-search", domain, "ElasticsearchDestinationConfiguration",
            {"ClusterEndpoint": "https://localhost:%d" % domain.server_address[1],
             "TypeName": "_doc"}, "search-backup", "elasticsearch-failed")
        domain.shutdown()
        domain.server_close()
        self.assertEqual(action["_type"], "_doc")

    def test_an_opensearch_domain_by_its_arn(self):
        action = self.bulk_round(
            "ctr-os", self.domain, "AmazonopensearchserviceDestinationConfiguration",
            {"DomainARN": "arn:aws:es:us-east-1:000000000000:domain/ctr"}, "os-backup",
            "AmazonOpenSearchService-failed")
        self.assertNotIn("_type", action)

    def test_what_kinesisd_cannot_reach_is_refused(self):
        for destination, text in [
                ({"ElasticsearchDestinationConfiguration": {
                    "RoleARN": ROLE, "IndexName": "x",
                    "S3Configuration": backup("b")}}, "Either DomainARN or ClusterEndpoint"),
                ({"SplunkDestinationConfiguration": {
                    "HECEndpoint": "https://splunk", "HECEndpointType": "Raw",
                    "S3Configuration": backup("b")}}, "SplunkDestinationConfiguration is not supported")]:
            with self.assertRaises(ClientError) as refused:
                self.fh.create_delivery_stream(DeliveryStreamName="nope", **destination)
            self.assertEqual(refused.exception.response["Error"]["Code"], "InvalidArgumentException")
            self.assertIn(text, refused.exception.response["Error"]["Message"])


class SeedExamples(unittest.TestCase):
    """examples/firehose/run.py: the seeds' pipelines run end to end."""

    def run_example(self, name, *flags):
        repo = pathlib.Path(__file__).resolve().parents[2]
        p = subprocess.run([sys.executable, str(repo / "examples/firehose/run.py"), name, *flags],
                           capture_output=True, text=True, timeout=120, env=os.environ)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        return p.stdout

    def test_seed_001_ctrs_through_add_name_to_elasticsearch_and_s3(self):
        out = self.run_example("seed-001")
        self.assertIn("CustomerEndpoint.Name 'Jane Citizen'", out)
        self.assertIn("backed up: s3://connect-ctr-backup/", out)

    def test_seeds_003_004_agent_events_from_a_stream_to_s3(self):
        out = self.run_example("seeds-003-004")
        self.assertIn("3 events, statuses ['Available', 'On contact', 'After contact work']", out)

    @unittest.skipUnless(shutil.which("moto_server"), "moto_server is not installed")
    def test_both_into_a_real_s3_api(self):
        out = self.run_example("seed-001", "--s3-api")
        self.assertIn("backed up: s3://connect-ctr-backup/", out)
        out = self.run_example("seeds-003-004", "--s3-api")
        self.assertIn("3 events, statuses ['Available', 'On contact', 'After contact work']", out)


if __name__ == "__main__":
    unittest.main()
