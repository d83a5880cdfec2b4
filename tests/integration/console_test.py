"""The web console in a real browser (Debian's Chromium driven by
playwright-core, js/console_driver.mjs), checked against what boto3 and the
AWS CLI see. Screenshots of every page land in $KINESISD_ARTIFACTS (ctest
sets it to build/artifacts/console)."""
import base64
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import unittest

import harness

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
HANDLERS = HERE / "handlers"
RUNNER = ["python3", str(REPO / "examples" / "handlers" / "python" / "run.py")]
SAMPLES = REPO / "examples" / "data"


wait_until = harness.wait_until


class BrowserCase(unittest.TestCase):
    """A server (cls.server, made by start()) and the browser that drives its
    console; every test ends with no error on the page."""

    @classmethod
    def start(cls, *args, **kwargs):
        cls.server = harness.Server(*args, **kwargs)
        cls.browser = harness.NodeDriver("console_driver.mjs", cls.server.endpoint,
                                         os.environ.get("KINESISD_ARTIFACTS") or
                                         os.path.join(cls.tmp, "shots"))

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def tearDown(self):
        self.assertEqual(self.browser("errors"), [], "the page logged errors")


class Console(BrowserCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kinesisd-console-")
        cls.dlq = os.path.join(cls.tmp, "dlq")
        cls.processed = os.path.join(cls.tmp, "processed.log")
        config = {
            "streams": [{"name": "ctr-events", "shards": 1}],
            "handlers": {"strict": {"type": "process", "command": RUNNER + ["poison:handler"],
                                    "env": {"PYTHONPATH": str(HANDLERS),
                                            "PROCESSED_LOG": cls.processed}}},
            "event_source_mappings": [{
                "stream": "ctr-events", "handler": "strict", "BatchSize": 5,
                "StartingPosition": "TRIM_HORIZON", "MaximumRetryAttempts": 0,
                "DestinationConfig": {"OnFailure": {"Destination": "file://" + cls.dlq}}}],
        }
        path = os.path.join(cls.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps(config))
        cls.start("--config", path, cwd=str(REPO))
        cls.kinesis = harness.boto3_client(cls.server)

    def create(self, name, shards=1):
        self.kinesis.create_stream(StreamName=name, ShardCount=shards)
        self.kinesis.get_waiter("stream_exists").wait(StreamName=name,
                                                      WaiterConfig={"Delay": 0.1, "MaxAttempts": 100})

    def test_console_redirects_and_serves_its_own_assets(self):
        import urllib.request
        res = urllib.request.urlopen(self.server.endpoint + "/console")  # follows the 302
        self.assertEqual(res.geturl(), self.server.endpoint + "/console/")
        self.assertIn("default-src 'self'", res.headers["Content-Security-Policy"])
        for asset in ("console.js", "console.css"):
            body = urllib.request.urlopen(self.server.endpoint + "/console/" + asset).read()
            self.assertNotIn(b"http://", body.replace(b"http://www.w3.org/2000/svg", b""))  # no CDN
        self.assertIn("console: %s/console/" % self.server.endpoint, self.server.log())

    def test_streams_list_shows_streams_created_with_boto3(self):
        self.create("agent-events", 2)
        self.kinesis.put_record(StreamName="agent-events", PartitionKey="agent-1", Data=b"x" * 10)
        self.browser("goto", hash="#/streams")
        row = '#streams tr[data-stream="agent-events"]'
        self.browser("wait", selector=row, text="ACTIVE")
        cells = self.browser("texts", selector=row + " td")
        self.assertEqual(cells[0], "agent-events")
        self.assertEqual(cells[3], "2")  # open shards
        self.assertEqual(cells[4], "24 h")
        self.browser("wait", selector=row, text="17 B")  # bytes in: data + partition key
        self.browser("wait", selector='#streams tr[data-stream="ctr-events"] td:nth-child(10)', text="1")
        self.browser("screenshot", name="streams")

    def test_a_stream_created_and_a_record_put_through_the_page_exist_for_boto3(self):
        self.browser("goto", hash="#/streams")
        self.browser("fill", selector="#new-stream-name", value="from-the-page")
        self.browser("fill", selector="#new-stream-shards", value="3")
        self.browser("click", selector="#create-stream button[type=submit]")
        self.browser("wait", selector='#streams tr[data-stream="from-the-page"]', text="ACTIVE")
        d = self.kinesis.describe_stream_summary(StreamName="from-the-page")["StreamDescriptionSummary"]
        self.assertEqual(d["OpenShardCount"], 3)

        self.browser("click", selector='#streams a', text="from-the-page")
        self.browser("wait", selector="#shard-map")
        self.browser("fill", selector="#put-partition-key", value="contact-42")
        self.browser("select", selector="#put-data-kind", value="json")
        self.browser("fill", selector="#put-data", value='{ "ContactId": "42",  "Channel": "VOICE" }')
        self.browser("click", selector="#put-record button[type=submit]")
        self.browser("wait", selector="#put-sequence")
        sequence = self.browser("text", selector="#put-sequence")
        shard = self.browser("attr", selector="#put-result", name="data-shard")
        it = self.kinesis.get_shard_iterator(StreamName="from-the-page", ShardId=shard,
                                             ShardIteratorType="AT_SEQUENCE_NUMBER",
                                             StartingSequenceNumber=sequence)["ShardIterator"]
        record = self.kinesis.get_records(ShardIterator=it, Limit=1)["Records"][0]
        self.assertEqual(record["SequenceNumber"], sequence)
        self.assertEqual(record["PartitionKey"], "contact-42")
        self.assertEqual(json.loads(record["Data"]), {"ContactId": "42", "Channel": "VOICE"})
        self.browser("screenshot", name="stream")

    def put_again(self, command):
        """Runs a copied put-record command with the AWS CLI; the record it put, read back."""
        p = subprocess.run(["bash", "-c", command + " --output json"],
                           env=dict(os.environ, **harness.CLIENT_ENV), capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        it = self.kinesis.get_shard_iterator(
            StreamName="viewer", ShardId="shardId-000000000000",
            ShardIteratorType="AT_SEQUENCE_NUMBER",
            StartingSequenceNumber=json.loads(p.stdout)["SequenceNumber"])["ShardIterator"]
        return self.kinesis.get_records(ShardIterator=it, Limit=1)["Records"][0]

    def test_data_viewer_decodes_and_pretty_prints_a_json_record(self):
        self.create("viewer", 1)
        ctr = json.loads((SAMPLES / "connect-ctr.json").read_text())
        seq = self.kinesis.put_record(StreamName="viewer", PartitionKey=ctr.get("ContactId", "c"),
                                      Data=json.dumps(ctr, separators=(",", ":")).encode())["SequenceNumber"]
        self.kinesis.put_record(StreamName="viewer", PartitionKey="bin", Data=bytes(range(256)))
        self.browser("goto", hash="#/stream/viewer/data?shard=shardId-000000000000")
        row = '#records tr.record[data-sequence="%s"]' % seq
        self.browser("wait", selector=row)
        self.browser("select", selector="#viewer-mode", value="json")
        self.browser("click", selector=row + " button.expand")
        self.browser("wait", selector="#records tr.detail:not(.hidden) pre.payload")
        self.assertEqual(self.browser("text", selector="#records tr.detail:not(.hidden) pre.payload"),
                         json.dumps(ctr, indent=2, ensure_ascii=False))
        # Search within the page: the binary record is filtered out.
        self.browser("fill", selector="#viewer-search", value=ctr["ContactId"])
        self.assertEqual(self.browser("count", selector="#records tr.record:not(.hidden)"), 1)
        self.browser("screenshot", name="viewer-json")
        self.browser("fill", selector="#viewer-search", value="")

        # The copied command, for the AWS CLI installed here (v1), puts the same record.
        self.browser("select", selector="#viewer-cli", value="v1")
        self.browser("click", selector=row + " button.expand")
        command = self.browser("text", selector="#records tr.detail:not(.hidden) pre.command")
        again = self.put_again(command)
        self.assertEqual(json.loads(again["Data"]), ctr)
        self.assertEqual(again["PartitionKey"], ctr.get("ContactId", "c"))

        # A binary payload is shown as hex, and its command round-trips too.
        bin_row = '#records tr.record:has(td:text-is("bin"))'
        self.browser("click", selector=bin_row + " button.expand")
        hex_text = self.browser("text", selector=bin_row + " + tr.detail pre.payload")
        self.assertTrue(hex_text.startswith("00000000  00 01 02 03"), hex_text[:40])
        command = self.browser("text", selector=bin_row + " + tr.detail pre.command")
        self.assertEqual(self.put_again(command)["Data"], bytes(range(256)))

        # A key and payload the CLI would expand as arguments (read the file, fetch the URL)
        # are put as their text by the copied command.
        self.kinesis.put_record(StreamName="viewer", PartitionKey="file:///etc/hostname",
                                Data=b"http://127.0.0.1:1/never-fetched")
        self.browser("goto", hash="#/stream/viewer/data?shard=shardId-000000000000")
        trap_row = '#records tr.record:has(td:text-is("file:///etc/hostname"))'
        self.browser("wait", selector=trap_row)
        self.browser("select", selector="#viewer-cli", value="v1")
        self.browser("click", selector=trap_row + " button.expand")
        command = self.browser("text", selector=trap_row + " + tr.detail pre.command")
        self.assertNotIn("--partition-key", command)
        again = self.put_again(command)
        self.assertEqual((again["PartitionKey"], again["Data"]),
                         ("file:///etc/hostname", b"http://127.0.0.1:1/never-fetched"))

    def test_live_tail_shows_a_record_put_with_boto3_within_a_second(self):
        self.create("tail", 1)
        self.browser("goto", hash="#/stream/tail/data")
        self.browser("click", selector="#viewer-tail")
        self.browser("wait", selector="#viewer-state .live")
        time.sleep(0.3)  # the EventSource connects
        started = time.monotonic()
        seq = self.kinesis.put_record(StreamName="tail", PartitionKey="agent-7",
                                      Data=b'{"AgentStatus":"Available"}')["SequenceNumber"]
        self.browser("wait", selector='#records tr.record[data-sequence="%s"]' % seq, timeout=1000)
        elapsed = time.monotonic() - started
        self.assertLess(elapsed, 1.0)
        self.assertIn("agent-7", self.browser("text", selector='#records tr.record[data-sequence="%s"]' % seq))
        self.browser("screenshot", name="live-tail")
        self.browser("click", selector="#viewer-tail")  # stops it

    def test_shard_map_shows_children_after_a_split(self):
        self.create("split-me", 1)
        self.browser("goto", hash="#/stream/split-me")
        self.browser("wait", selector='#shard-map g[data-shard="shardId-000000000000"].open')
        self.assertEqual(self.browser("count", selector="#shard-map g[data-shard]"), 1)
        self.kinesis.split_shard(StreamName="split-me", ShardToSplit="shardId-000000000000",
                                 NewStartingHashKey=str(2 ** 126))
        self.browser("wait", selector='#shard-map g[data-shard="shardId-000000000002"].open', timeout=8000)
        self.browser("wait", selector='#shard-map g[data-shard="shardId-000000000000"].closed')
        self.assertEqual(self.browser("count", selector="#shard-map g.open"), 2)
        self.assertEqual(self.browser("count", selector="#shard-map path.lineage"), 2)
        row = self.browser("texts", selector='#shards tr[data-shard="shardId-000000000001"] td')
        self.assertEqual(row[2], "shardId-000000000000")  # its parent
        self.assertEqual(row[3], "0.0% – 25.0%")
        self.browser("screenshot", name="shard-map")

    def test_mappings_panel_shows_the_checkpoint_moving_and_the_failures(self):
        def put(keys, poison=()):
            out = self.kinesis.put_records(StreamName="ctr-events", Records=[
                {"PartitionKey": k, "Data": json.dumps({"contact": k, "poison": k in poison}).encode()}
                for k in keys])
            return [r["SequenceNumber"] for r in out["Records"]]

        self.browser("goto", hash="#/mappings")
        self.browser("wait", selector="section.mapping")
        first = put(["c%d" % i for i in range(5)])
        checkpoint = 'section.mapping tr[data-shard="shardId-000000000000"] td.checkpoint'
        self.browser("wait", selector=checkpoint, text=first[-1])
        second = put(["d%d" % i for i in range(5)], poison={"d2"})
        self.browser("wait", selector=checkpoint, text=second[-1])  # moved on, past the failed batch
        self.browser("wait", selector="section.mapping ul.failures button")
        self.browser("click", selector="section.mapping ul.failures button")
        self.browser("wait", selector="#failure-record")
        failure = json.loads(self.browser("text", selector="#failure-record"))
        self.assertEqual(failure["KinesisBatchInfo"]["startSequenceNumber"], second[0])
        self.assertEqual(failure["requestContext"]["condition"], "RetryAttemptsExhausted")
        cells = self.browser("texts", selector='section.mapping tr[data-shard="shardId-000000000000"] td')
        self.assertEqual(cells[4], "2")  # invocations
        self.assertEqual(cells[5], "1")  # function errors
        self.assertEqual(cells[7], "5")  # records sent to the on-failure destination
        self.browser("screenshot", name="mappings")

    def test_narrow_dark_and_keyboard(self):
        self.browser("scheme", value="dark")
        self.browser("viewport", width=420, height=800)
        self.browser("goto", hash="#/streams")
        self.browser("wait", selector='#streams tr[data-stream="ctr-events"]')
        self.browser("screenshot", name="streams-narrow-dark")
        # Keyboard: the skip link comes first and moves the focus to the page.
        self.browser("press", selector="body", key="Tab")
        self.assertEqual(self.browser("focused"), "Skip to the page")
        self.browser("press", selector=".skip", key="Enter")
        self.assertEqual(self.browser("focused"), "main")
        # A record opens from the keyboard.
        self.create("keys", 1)
        seq = self.kinesis.put_record(StreamName="keys", PartitionKey="k", Data=b"typed")["SequenceNumber"]
        self.browser("goto", hash="#/stream/keys/data")
        button = '#records tr.record[data-sequence="%s"] button.expand' % seq
        self.browser("wait", selector=button)
        self.browser("press", selector=button, key="Enter")
        self.assertEqual(self.browser("text", selector="#records tr.detail:not(.hidden) pre.payload"), "typed")
        self.browser("screenshot", name="viewer-narrow-dark")
        self.browser("viewport", width=1280, height=800)
        self.browser("scheme", value="light")
        for section, selector in [("#/firehose", "#delivery-streams"), ("#/server", "#limits")]:
            self.browser("goto", hash=section)
            self.browser("wait", selector=selector)
            self.browser("screenshot", name=section.strip("#/"))


class Panels(BrowserCase):
    """The delivery-stream and the limits-and-faults panels, on a server with
    Firehose's S3 folder, AWS's limits and fault injection on."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kinesisd-console-")
        cls.start("--s3-dir", cls.tmp, "--faults", "1", "--limits", "aws")

    def test_delivery_streams_show_their_buffer_and_deliveries(self):
        fh = harness.boto3_client(self.server, "firehose")
        for name, interval in (("held", 900), ("flushed", 0)):
            fh.create_delivery_stream(DeliveryStreamName=name, ExtendedS3DestinationConfiguration={
                "RoleARN": "arn:aws:iam::000000000000:role/firehose", "BucketARN": "arn:aws:s3:::lake",
                "Prefix": name + "/", "BufferingHints": {"IntervalInSeconds": interval, "SizeInMBs": 1}})
        wait_until(lambda: all(fh.describe_delivery_stream(DeliveryStreamName=n)["DeliveryStreamDescription"]
                               ["DeliveryStreamStatus"] == "ACTIVE" for n in ("held", "flushed")))
        for name in ("held", "flushed"):
            fh.put_record_batch(DeliveryStreamName=name, Records=[{"Data": b"ctr-%d\n" % i} for i in range(3)])
        self.browser("goto", hash="#/firehose")
        held = 'tr[data-delivery-stream="held"] td'
        self.browser("wait", selector=held, text="3 rec, 18 B")
        flushed = self.browser("texts", selector='tr[data-delivery-stream="flushed"] td')
        self.assertEqual(flushed[3], "s3://lake/flushed/")
        wait_until(lambda: self.browser("texts", selector='tr[data-delivery-stream="flushed"] td')[7] == "3",
                   what="3 records delivered")
        self.assertEqual(self.browser("texts", selector=held)[7], "0")
        self.browser("screenshot", name="firehose-buffers")

    def test_limits_and_fault_rules_are_shown_and_removed(self):
        import urllib.request
        rule = {"operation": "PutRecord", "error": "KMSThrottlingException", "count": 2}
        req = urllib.request.Request(self.server.endpoint + "/_kinesisd/faults", method="POST",
                                     data=json.dumps(rule).encode(), headers={"Content-Type": "application/json"})
        ids = json.loads(urllib.request.urlopen(req).read())["ids"]
        self.browser("goto", hash="#/server")
        self.assertIn("--limits aws", self.browser("text", selector="#limits"))
        self.browser("wait", selector="#fault-rules td", text="KMSThrottlingException")
        self.browser("screenshot", name="faults")
        self.browser("click", selector="#fault-rules button", text="Remove")
        self.browser("wait", selector="main p", text="No rules.")
        rules = json.loads(urllib.request.urlopen(self.server.endpoint + "/_kinesisd/faults").read())["rules"]
        self.assertEqual(rules, [])
        self.assertEqual(len(ids), 1)


class SignedIn(BrowserCase):
    """--auth sigv4: the page asks for an identity, signs every call with it
    (SigV4 in WebCrypto; the live tail's URL presigned), and sees what that
    identity's policies allow, as a client with those keys would."""

    STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/ctr"

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kinesisd-console-")
        reader = {"Statement": [
            {"Effect": "Allow", "Action": ["kinesis:DescribeStreamSummary", "kinesis:ListShards",
                                           "kinesis:GetShardIterator", "kinesis:GetRecords"],
             "Resource": cls.STREAM},
            {"Effect": "Allow", "Action": "kinesis:ListStreams", "Resource": "*"}]}
        path = os.path.join(cls.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps({
            "auth": "sigv4", "streams": [{"name": "ctr"}, {"name": "private"}],
            "identities": [
                {"access_key_id": "AKIAADMIN", "secret_access_key": "admin-secret", "user": "admin",
                 "policies": [{"Statement": {"Effect": "Allow", "Action": ["kinesis:*", "lambda:*"],
                                             "Resource": "*"}}]},
                {"access_key_id": "AKIAREADER", "secret_access_key": "reader-secret",
                 "user": "reader", "policies": [reader]},
                {"access_key_id": "AKIAOUTSIDER", "secret_access_key": "outsider-secret",
                 "user": "outsider", "account_id": "111122223333",
                 "policies": [{"Statement": {"Effect": "Allow", "Action": ["kinesis:*", "lambda:*"],
                                             "Resource": "*"}}]}]}))
        cls.start("--config", path)
        cls.admin = harness.boto3_client(cls.server, aws_access_key_id="AKIAADMIN",
                                         aws_secret_access_key="admin-secret")

    def test_the_tails_permission_is_for_the_stream_it_reads(self):
        # Presigned by botocore's query signer (it signs the empty payload's hash;
        # the page signs UNSIGNED-PAYLOAD): the reader may tail ctr in us-east-1,
        # and a ?region= of another region asks for that region's stream.
        import urllib.error
        import urllib.request
        from botocore.auth import SigV4QueryAuth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        def tail(region, key="AKIAREADER", secret="reader-secret"):
            req = AWSRequest(method="GET", url=self.server.endpoint + "/console/api/tail?stream=ctr"
                             "&shard=shardId-000000000000&region=" + region)
            SigV4QueryAuth(Credentials(key, secret), "kinesis", "us-east-1",
                           expires=300).add_auth(req)
            try:
                with urllib.request.urlopen(req.url, timeout=5) as res:
                    return res.status, res.headers["Content-Type"]
            except urllib.error.HTTPError as e:
                return e.code, json.loads(e.read())["message"]

        self.assertEqual(tail("us-east-1"), (200, "text/event-stream; charset=utf-8"))
        self.assertEqual(tail("eu-west-1"), (
            403, "User: arn:aws:iam::000000000000:user/reader is not authorized to perform: "
                 "kinesis:GetRecords on resource: arn:aws:kinesis:eu-west-1:000000000000:stream/ctr"
                 " because no identity-based policy allows the kinesis:GetRecords action"))
        # Another account's identity tails its own account's ctr, which it does not have.
        self.assertEqual(tail("us-east-1", "AKIAOUTSIDER", "outsider-secret"), (
            404, "Stream ctr under account 111122223333 not found."))

    def sign_in(self, key, secret):
        self.browser("goto", hash="#/streams")
        self.browser("wait", selector="#signin")
        self.browser("fill", selector="#signin-key", value=key)
        self.browser("fill", selector="#signin-secret", value=secret)
        self.browser("click", selector="#signin button[type=submit]")

    def test_a_least_privilege_identity_sees_what_its_policy_allows(self):
        self.sign_in("AKIAREADER", "wrong-secret")
        self.browser("wait", selector="#signin .error", text="signature we calculated does not match")
        self.browser("errors")  # the refused call is the point here
        self.browser("fill", selector="#signin-secret", value="reader-secret")
        self.browser("click", selector="#signin button[type=submit]")
        self.browser("wait", selector='#streams tr[data-stream="ctr"]', text="ACTIVE")
        self.assertEqual(self.browser("text", selector="#identity"), "AKIAREADER Sign out")
        # "private" is listed (ListStreams on *) but cannot be described: no row.
        self.assertEqual(self.browser("count", selector='#streams tr[data-stream="private"]'), 0)
        self.browser("screenshot", name="signed-in-streams")

        # The live tail, presigned, gets the admin's record.
        self.browser("goto", hash="#/stream/ctr/data")
        self.browser("click", selector="#viewer-tail")
        self.browser("wait", selector="#viewer-state .live")
        time.sleep(0.3)
        seq = self.admin.put_record(StreamName="ctr", PartitionKey="signed",
                                    Data=b'{"ok":true}')["SequenceNumber"]
        self.browser("wait", selector='#records tr.record[data-sequence="%s"]' % seq, timeout=2000)
        self.browser("click", selector="#viewer-tail")
        # Reading the other stream is refused, with AWS's message.
        self.browser("goto", hash="#/stream/private/data")
        self.browser("wait", selector="main .error", text="is not authorized to perform")
        text = self.browser("text", selector="main .error")
        self.assertIn("User: arn:aws:iam::000000000000:user/reader is not authorized to perform: "
                      "kinesis:ListShards on resource: "
                      "arn:aws:kinesis:us-east-1:000000000000:stream/private", text)
        # And so is the mappings page (lambda:ListEventSourceMappings).
        self.browser("goto", hash="#/mappings")
        self.browser("wait", selector="main .error", text="lambda:ListEventSourceMappings on resource: *")
        self.browser("errors")
        self.browser("click", selector="#identity button", text="Sign out")
        self.browser("wait", selector="#signin")


if __name__ == "__main__":
    unittest.main()
