#!/usr/bin/env python3
"""Runs a seed's Firehose pipeline on kinesisd, end to end, and shows what
arrived where.

    examples/firehose/run.py seed-001        # CTRs -> Firehose (AddName) -> Elasticsearch + S3 backup
    examples/firehose/run.py seeds-003-004   # agent events -> Kinesis stream -> Firehose -> S3
    examples/firehose/run.py seed-001 --s3-api    # the same, S3 being moto's server (moto_server)

seed-001 (../shared/seeds, module 3): Amazon Connect sends contact trace
records to the CTRFHStream delivery stream, which transforms each batch with
the AddName Lambda (examples/handlers/python/add_name_firehose.py) and
delivers it to the `connect` index of an Elasticsearch domain, backing every
document up to S3. The domain here is a small stand-in that answers _bulk as
OpenSearch does and keeps the documents; kinesisd reaches it through
--opensearch-endpoint, and buckets are folders of a temporary --s3-dir (with
--s3-api, buckets of moto's S3 API, found through AWS_ENDPOINT_URL_S3).

seeds-003-004: agent events go to a Kinesis data stream, which a
KinesisStreamAsSource delivery stream reads and writes to S3, GZIP-compressed,
one event per line.

Both configs keep the seed's 60-second buffer; kinesisd runs with --test-clock
so this script moves its clock past the interval instead of waiting a minute.
Needs boto3 and a built kinesisd (KINESISD_BIN, else build/kinesisd).
"""
import gzip
import http.server
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import boto3

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from local_aws import start_moto  # noqa: E402  (examples/local_aws.py)

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]


class Domain(http.server.BaseHTTPRequestHandler):
    """An OpenSearch domain's _bulk, in memory: every document indexed."""
    documents = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        lines = body.splitlines()
        items = []
        for action, doc in zip(lines[0::2], lines[1::2]):
            target = json.loads(action)["index"]
            Domain.documents.append((target["_index"], json.loads(doc)))
            items.append({"index": {"_index": target["_index"], "_id": target.get("_id"),
                                    "status": 201, "result": "created"}})
        reply = json.dumps({"took": 1, "errors": False, "items": items}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


class Folder:
    """Buckets as folders of --s3-dir."""

    def __init__(self, tmp, buckets):
        self.dir = os.path.join(tmp, "s3")

    def kinesisd(self):
        return ["--s3-dir", self.dir], {}

    def objects(self, bucket):
        root = pathlib.Path(self.dir, bucket)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        return [(str(p.relative_to(root)), p.read_bytes()) for p in files]

    def close(self):
        pass


class MotoS3:
    """Buckets in a real S3 API: moto's server (moto_server), which kinesisd
    finds through AWS_ENDPOINT_URL_S3."""

    def __init__(self, tmp, buckets):
        self.proc, self.url = start_moto()
        self.s3 = client("s3", self.url)
        for b in buckets:
            self.s3.create_bucket(Bucket=b)

    def kinesisd(self):
        return [], {"AWS_ENDPOINT_URL_S3": self.url}

    def objects(self, bucket):
        listed = self.s3.list_objects_v2(Bucket=bucket).get("Contents", [])
        return [(o["Key"], self.s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read())
                for o in sorted(listed, key=lambda o: o["Key"])]

    def close(self):
        self.proc.terminate()
        self.proc.wait()


def start_kinesisd(config, tmp, sink, *extra):
    binary = os.environ.get("KINESISD_BIN", str(REPO / "build" / "kinesisd"))
    port_file = os.path.join(tmp, "port")
    args, env = sink.kinesisd()
    proc = subprocess.Popen([binary, "--port", "0", "--port-file", port_file, "--config",
                             str(HERE / config), "--test-clock", "1", *args, *extra],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, **env))
    deadline = time.time() + 10
    while time.time() < deadline and not (os.path.exists(port_file) and open(port_file).read()):
        if proc.poll() is not None:
            sys.exit("kinesisd did not start: " + proc.stderr.read())
        time.sleep(0.05)
    return proc, "http://127.0.0.1:" + open(port_file).read().strip()


def advance(endpoint, ms):
    urllib.request.urlopen(urllib.request.Request(
        endpoint + "/_kinesisd/clock", method="POST",
        data=json.dumps({"advance_ms": ms}).encode(), headers={"Content-Type": "application/json"})).read()


def wait_for(what, check, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.1)
    sys.exit("nothing arrived: " + what)


def client(service, endpoint):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")


def seed_001(tmp, sink):
    domain = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Domain)
    threading.Thread(target=domain.serve_forever, daemon=True).start()
    s3 = sink(tmp, ["connect-ctr-backup"])
    proc, endpoint = start_kinesisd("seed-001.json", tmp, s3, "--opensearch-endpoint",
                                    "http://127.0.0.1:%d" % domain.server_address[1])
    try:
        ctr = json.loads((REPO / "examples/data/connect-ctr.json").read_text())
        ctr["CustomerEndpoint"]["Address"] = "+61401004854"
        out = client("firehose", endpoint).put_record(DeliveryStreamName="CTRFHStream",
                                                      Record={"Data": json.dumps(ctr).encode()})
        print("put CTR %s as record %s..." % (ctr["ContactId"], out["RecordId"][:16]))
        advance(endpoint, 61_000)
        wait_for("the indexed CTR", lambda: Domain.documents and s3.objects("connect-ctr-backup"))
        index, doc = Domain.documents[0]
        print("indexed in %s: ContactId %s, CustomerEndpoint.Name %r" %
              (index, doc["ContactId"], doc["CustomerEndpoint"]["Name"]))
        for key, data in s3.objects("connect-ctr-backup"):
            print("backed up: s3://connect-ctr-backup/%s (%d bytes)" % (key, len(data)))
        return doc["CustomerEndpoint"]["Name"] == "Jane Citizen"
    finally:
        proc.terminate()
        proc.wait()
        domain.shutdown()
        domain.server_close()
        s3.close()


def seeds_003_004(tmp, sink):
    s3 = sink(tmp, ["connect-agent-events"])
    proc, endpoint = start_kinesisd("seeds-003-004.json", tmp, s3)
    try:
        event = json.loads((REPO / "examples/data/connect-agent-event.json").read_text())
        kinesis = client("kinesis", endpoint)
        for i, status in enumerate(["Available", "On contact", "After contact work"]):
            event["CurrentAgentSnapshot"]["AgentStatus"]["Name"] = status
            event["EventId"] = "event-%d" % i
            kinesis.put_record(StreamName="connect-agent-events", PartitionKey=event["AgentARN"],
                               Data=json.dumps(event).encode())
        print("put 3 agent events on the connect-agent-events stream")
        time.sleep(0.5)  # the delivery stream reads them from the shards
        advance(endpoint, 61_000)
        wait_for("the S3 object", lambda: s3.objects("connect-agent-events"))
        key, data = s3.objects("connect-agent-events")[0]
        lines = gzip.decompress(data).decode().splitlines()
        print("delivered: s3://connect-agent-events/%s" % key)
        statuses = [json.loads(l)["CurrentAgentSnapshot"]["AgentStatus"]["Name"] for l in lines]
        print("  %d events, statuses %s" % (len(lines), statuses))
        return statuses == ["Available", "On contact", "After contact work"]
    finally:
        proc.terminate()
        proc.wait()
        s3.close()


def main():
    pipelines = {"seed-001": seed_001, "seeds-003-004": seeds_003_004}
    args = sys.argv[1:]
    sink = MotoS3 if "--s3-api" in args else Folder
    args = [a for a in args if a != "--s3-api"]
    if len(args) != 1 or args[0] not in pipelines:
        sys.exit("usage: run.py seed-001 | seeds-003-004 [--s3-api]")
    with tempfile.TemporaryDirectory(prefix="kinesisd-example-") as tmp:
        ok = pipelines[args[0]](tmp, sink)
    print("ok" if ok else "unexpected result")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
