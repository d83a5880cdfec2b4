"""The Lambda-style poller driven end to end: real kinesisd, real handler
processes and plugins, records put with the AWS CLI and boto3, mappings created
with `aws lambda`. Seeds 000-003: Connect CTRs enriched in batches of 5,
agent events in order per agent, poison records to a dead-letter directory."""
import base64
import copy
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import harness

REPO = pathlib.Path(__file__).resolve().parents[2]
HANDLERS = pathlib.Path(__file__).resolve().parent / "handlers"
EXAMPLES = REPO / "examples" / "handlers" / "python"
SAMPLES = REPO / "examples" / "data"  # copies of ../shared/samples
RUNNER = [sys.executable, str(EXAMPLES / "run.py")]


def sample(name):
    return json.loads((SAMPLES / name).read_text())


def wait_until(predicate, timeout=60, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


def lines(path):
    return pathlib.Path(path).read_text().splitlines() if os.path.exists(path) else []


class PollerCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kinesisd-poller-")
        self.env = dict(os.environ, **harness.CLIENT_ENV)
        self.server = None

    def tearDown(self):
        if self.server:
            self.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def start(self, config):
        path = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps(config))
        self.server = harness.Server("--config", path, cwd=str(REPO))
        self.kinesis = harness.boto3_client(self.server)
        return self.server

    def aws(self, service, *args, check=True):
        cmd = ["aws", "--endpoint-url", self.server.endpoint, "--output", "json", service, *args]
        p = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        if check:
            self.assertEqual(p.returncode, 0, "%s failed: %s" % (" ".join(args), p.stderr))
            return json.loads(p.stdout) if p.stdout.strip() else None
        return p

    def read_all(self, stream):
        out = []
        for shard in self.kinesis.list_shards(StreamName=stream)["Shards"]:
            it = self.kinesis.get_shard_iterator(StreamName=stream, ShardId=shard["ShardId"],
                                                 ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            while it:
                got = self.kinesis.get_records(ShardIterator=it, Limit=10000)
                out.extend(got["Records"])
                if not got["Records"]:
                    break
                it = got.get("NextShardIterator")
        return out


class CtrPipeline(PollerCase):
    """Seed 000 + 001: CTRs on a 2-shard stream, a batch-size-5 mapping, the
    AddName enrichment as a Python process handler writing to a second stream."""

    def test_every_ctr_arrives_enriched_once_in_order_in_batches_of_at_most_five(self):
        batch_log = os.path.join(self.tmp, "batches.jsonl")
        self.start({
            "streams": [{"name": "ctr", "shards": 2}, {"name": "ctr-enriched", "shards": 1}],
            "handlers": {"enrich": {
                "type": "process",
                "command": RUNNER + ["record_batches:handler"],
                "env": {"PYTHONPATH": "%s:%s" % (HANDLERS, EXAMPLES),
                        "OUTPUT_STREAM": "ctr-enriched", "BATCH_LOG": batch_log}}},
            "event_source_mappings": [{"stream": "ctr", "handler": "enrich", "BatchSize": 5,
                                       "StartingPosition": "TRIM_HORIZON"}],
        })
        base = sample("connect-ctr.json")
        phones = ["+61401004854", "+61400000001", "+61400000002"]
        names = {"+61401004854": "Jane Citizen", "+61400000001": "Ada Lovelace",
                 "+61400000002": "Alan Turing"}

        def ctr(contact, version):
            c = copy.deepcopy(base)
            c["ContactId"] = "contact-%d" % contact
            c["CustomerEndpoint"]["Address"] = phones[contact % 3]
            c.setdefault("Attributes", {})["version"] = str(version)
            return c

        # Versions 1 and 2 of six contacts in one put-records call, then
        # version 3 of each with put-record: Connect republishes updated CTRs.
        records = [{"Data": json.dumps(ctr(i, v)), "PartitionKey": "contact-%d" % i}
                   for v in (1, 2) for i in range(6)]
        path = os.path.join(self.tmp, "records.json")
        pathlib.Path(path).write_text(json.dumps(records))
        put = self.aws("kinesis", "put-records", "--stream-name", "ctr", "--records", "file://" + path)
        self.assertEqual(put["FailedRecordCount"], 0)
        for i in range(6):
            data = os.path.join(self.tmp, "ctr-%d.json" % i)
            pathlib.Path(data).write_text(json.dumps(ctr(i, 3)))
            self.aws("kinesis", "put-record", "--stream-name", "ctr", "--partition-key",
                     "contact-%d" % i, "--data", "fileb://" + data)

        harness.settle(self.server)  # every batch handled: a duplicate would be there now
        out = [json.loads(r["Data"]) for r in self.read_all("ctr-enriched")]
        self.assertEqual(len(out), 18)
        seen = {}
        for c in out:
            self.assertEqual(c["CustomerEndpoint"]["Name"], names[c["CustomerEndpoint"]["Address"]])
            seen.setdefault(c["ContactId"], []).append(c["Attributes"]["version"])
        self.assertEqual(seen, {"contact-%d" % i: ["1", "2", "3"] for i in range(6)})

        batches = [json.loads(line) for line in lines(batch_log)]
        self.assertEqual(sum(b["size"] for b in batches), 18)
        self.assertTrue(all(1 <= b["size"] <= 5 for b in batches), batches)
        self.assertTrue(all(len(b["shards"]) == 1 for b in batches), batches)
        self.assertIn(5, [b["size"] for b in batches])

        mapping = self.aws("lambda", "list-event-source-mappings")["EventSourceMappings"][0]
        self.assertEqual(mapping["BatchSize"], 5)
        self.assertEqual(mapping["LastProcessingResult"], "OK")


class AgentEvents(PollerCase):
    """Seed 003: agent events partitioned by AgentARN, consumed with
    ParallelizationFactor 4 by the example shared-library plugin."""

    def test_parallel_lanes_keep_every_agents_events_in_order(self):
        audit = os.path.join(self.tmp, "audit.log")
        self.start({
            "streams": [{"name": "agents", "shards": 1}],
            "handlers": {"audit": {"type": "shared_library",
                                   "path": os.environ["KINESISD_AUDIT_PLUGIN"],
                                   "config": {"path": audit}}},
            "event_source_mappings": [{"stream": "agents", "handler": "audit", "BatchSize": 10,
                                       "ParallelizationFactor": 4,
                                       "StartingPosition": "TRIM_HORIZON"}],
        })
        base = sample("connect-agent-event.json")
        agents = ["arn:aws:connect:us-east-1:000000000000:instance/i/agent/%d" % a for a in range(8)]
        sent = 0
        for round_ in range(5):
            batch = []
            for n in range(8):
                for agent in agents:
                    e = copy.deepcopy(base)
                    e["AgentARN"] = agent
                    e["EventId"] = "%d" % (round_ * 8 + n)
                    batch.append({"Data": json.dumps(e).encode(), "PartitionKey": agent})
            self.assertEqual(self.kinesis.put_records(StreamName="agents", Records=batch)
                             ["FailedRecordCount"], 0)
            sent += len(batch)
        wait_until(lambda: len(lines(audit)) >= sent, what="%d audited events" % sent)
        per_agent = {}
        for line in lines(audit):
            _, event_id, key, data = line.split(" ")
            event = json.loads(base64.b64decode(data))
            self.assertEqual(event["AgentARN"], key)
            per_agent.setdefault(key, []).append(int(event["EventId"]))
        self.assertEqual(sorted(per_agent), sorted(agents))
        for agent, ids in per_agent.items():
            self.assertEqual(ids, list(range(40)), agent)


class PoisonRecords(PollerCase):
    """Seed 002's dead-letter destination: a handler that fails on poison
    records; bisect isolates them, everything else is delivered, the poison
    batch lands in the OnFailure directory, nothing is lost."""

    def test_poison_goes_to_the_failure_directory_and_the_rest_is_delivered(self):
        processed = os.path.join(self.tmp, "processed.log")
        dlq = os.path.join(self.tmp, "dlq")
        self.start({
            "streams": [{"name": "conversations", "shards": 1}],
            "handlers": {"strict": {"type": "process", "command": RUNNER + ["poison:handler"],
                                    "env": {"PYTHONPATH": str(HANDLERS),
                                            "PROCESSED_LOG": processed}}},
            "event_source_mappings": [{
                "stream": "conversations", "handler": "strict", "BatchSize": 5,
                "StartingPosition": "TRIM_HORIZON", "BisectBatchOnFunctionError": True,
                "MaximumRetryAttempts": 1,
                "DestinationConfig": {"OnFailure": {"Destination": "file://" + dlq}}}],
        })
        records = [{"Data": json.dumps({"conversationId": "conv-%d" % i,
                                        "poison": i == 7}).encode(),
                    "PartitionKey": "conv-%d" % i} for i in range(20)]
        put = self.kinesis.put_records(StreamName="conversations", Records=records)
        sequence = {"conv-%d" % i: r["SequenceNumber"] for i, r in enumerate(put["Records"])}

        def dead():  # complete files only: a failure is written to a dotfile, then renamed
            return sorted(f for f in os.listdir(dlq) if f.endswith(".json")) if os.path.isdir(dlq) else []
        harness.settle(self.server)  # 19 handled, the poison one at its destination
        delivered = [line.split(" ")[0] for line in lines(processed)]
        self.assertEqual(sorted(delivered), sorted(k for k in sequence if k != "conv-7"))
        self.assertEqual(len(delivered), 19)
        files = dead()
        self.assertEqual(len(files), 1)
        failure = json.loads(pathlib.Path(dlq, files[0]).read_text())
        self.assertEqual(failure["requestContext"]["condition"], "RetryAttemptsExhausted")
        self.assertEqual(failure["requestContext"]["approximateInvokeCount"], 2)
        self.assertEqual(failure["responseContext"]["functionError"], "Unhandled")
        info = failure["KinesisBatchInfo"]
        self.assertEqual(info["batchSize"], 1)
        self.assertEqual(info["startSequenceNumber"], sequence["conv-7"])
        self.assertEqual(info["shardId"], "shardId-000000000000")
        poison = failure["payload"]["Records"][0]["kinesis"]
        self.assertEqual(poison["partitionKey"], "conv-7")
        self.assertTrue(json.loads(base64.b64decode(poison["data"]))["poison"])
        self.assertIn("poison record", self.server.log())  # the handler's stderr reached the log


class CtrStreamHandler(PollerCase):
    """Seed 000's ctrStreamHandler example with partial batch responses: a
    record that is not a CTR is reported as failed; the CTRs before it stay
    processed, the batch from it on is retried and then dead-lettered."""

    def test_partial_batch_failures_resume_at_the_bad_record(self):
        dlq = os.path.join(self.tmp, "dlq")
        self.start({
            "streams": [{"name": "ctr", "shards": 1}],
            "handlers": {"ctr": {"type": "process",
                                 "command": RUNNER + ["ctr_stream_handler:handler"]}},
            "event_source_mappings": [{
                "stream": "ctr", "handler": "ctr", "BatchSize": 5, "MaximumBatchingWindowInSeconds": 1,
                "StartingPosition": "TRIM_HORIZON", "MaximumRetryAttempts": 0,
                "FunctionResponseTypes": ["ReportBatchItemFailures"],
                "DestinationConfig": {"OnFailure": {"Destination": "file://" + dlq}}}],
        })
        ctr = sample("connect-ctr.json")
        records = []
        for i in range(5):
            body = dict(ctr, ContactId="contact-%d" % i) if i != 2 else {"not": "a ctr"}
            records.append({"Data": json.dumps(body).encode(), "PartitionKey": "contact-%d" % i})
        put = self.kinesis.put_records(StreamName="ctr", Records=records)
        def written():  # complete files only: a failure is written to a dotfile, then renamed
            return sorted(f for f in os.listdir(dlq) if f.endswith(".json")) if os.path.isdir(dlq) else []
        wait_until(written, what="a dead-lettered batch")
        failure = json.loads(pathlib.Path(dlq, written()[0]).read_text())
        info = failure["KinesisBatchInfo"]
        # Records 0 and 1 were processed; the retried batch starts at the bad record.
        self.assertEqual(info["startSequenceNumber"], put["Records"][2]["SequenceNumber"])
        self.assertEqual(info["batchSize"], 3)
        self.assertEqual(failure["requestContext"]["condition"], "RetryAttemptsExhausted")
        log = self.server.log()
        self.assertIn("contact contact-0 VOICE", log)
        self.assertIn("not a contact trace record", log)


class LambdaCli(PollerCase):
    """The same kind of mapping created and managed with `aws lambda`."""

    def test_event_source_mapping_lifecycle_with_the_aws_cli(self):
        audit = os.path.join(self.tmp, "audit.log")
        self.start({"handlers": {"audit": {"type": "shared_library",
                                           "path": os.environ["KINESISD_AUDIT_PLUGIN"],
                                           "config": {"path": audit}}}})
        self.aws("kinesis", "create-stream", "--stream-name", "ctr", "--shard-count", "2")
        self.aws("kinesis", "wait", "stream-exists", "--stream-name", "ctr")
        arn = self.aws("kinesis", "describe-stream-summary", "--stream-name", "ctr")[
            "StreamDescriptionSummary"]["StreamARN"]
        created = self.aws("lambda", "create-event-source-mapping", "--function-name", "audit",
                           "--event-source-arn", arn, "--starting-position", "TRIM_HORIZON",
                           "--batch-size", "5")
        uuid = created["UUID"]
        self.assertEqual(created["State"], "Creating")
        self.assertEqual(created["FunctionArn"], "arn:aws:lambda:us-east-1:000000000000:function:audit")

        got = self.aws("lambda", "get-event-source-mapping", "--uuid", uuid)
        self.assertEqual((got["State"], got["BatchSize"]), ("Enabled", 5))
        listed = self.aws("lambda", "list-event-source-mappings", "--function-name", "audit")
        self.assertEqual([m["UUID"] for m in listed["EventSourceMappings"]], [uuid])
        updated = self.aws("lambda", "update-event-source-mapping", "--uuid", uuid,
                           "--batch-size", "10", "--maximum-retry-attempts", "2")
        self.assertEqual((updated["BatchSize"], updated["MaximumRetryAttempts"]), (10, 2))

        self.aws("kinesis", "put-records", "--stream-name", "ctr", "--records",
                 *["Data=ctr-%d,PartitionKey=contact-%d" % (i, i) for i in range(12)])
        wait_until(lambda: len(lines(audit)) >= 12, what="12 audited records")

        again = self.aws("lambda", "create-event-source-mapping", "--function-name", "audit",
                         "--event-source-arn", arn, "--starting-position", "LATEST", check=False)
        self.assertIn("ResourceConflictException", again.stderr)
        self.assertIn("Please update or delete the existing mapping with UUID " + uuid, again.stderr)
        missing = self.aws("lambda", "create-event-source-mapping", "--function-name", "nope",
                           "--event-source-arn", arn, "--starting-position", "LATEST", check=False)
        self.assertIn("An error occurred (ResourceNotFoundException) when calling the "
                      "CreateEventSourceMapping operation: Function not found: "
                      "arn:aws:lambda:us-east-1:000000000000:function:nope", missing.stderr)

        deleted = self.aws("lambda", "delete-event-source-mapping", "--uuid", uuid)
        self.assertEqual(deleted["State"], "Deleting")
        gone = self.aws("lambda", "get-event-source-mapping", "--uuid", uuid, check=False)
        self.assertIn("ResourceNotFoundException", gone.stderr)

    def test_server_side_validation_reaches_boto3(self):
        self.start({"streams": [{"name": "s"}],
                    "handlers": {"h": {"type": "process", "command": ["cat"]}}})
        from botocore.config import Config
        lam = harness.boto3_client(self.server, "lambda", config=Config(parameter_validation=False))
        arn = "arn:aws:kinesis:us-east-1:000000000000:stream/s"
        with self.assertRaises(lam.exceptions.ClientError) as e:
            lam.create_event_source_mapping(FunctionName="h", EventSourceArn=arn,
                                            StartingPosition="LATEST", BatchSize=0)
        self.assertEqual(e.exception.response["Error"]["Code"], "ValidationException")
        self.assertIn("Value '0' at 'batchSize' failed to satisfy constraint", str(e.exception))
        with self.assertRaises(lam.exceptions.InvalidParameterValueException):
            lam.create_event_source_mapping(FunctionName="h", EventSourceArn=arn)


class EventCountMetrics(PollerCase):
    """MetricsConfig EventCount: Lambda's six counts per mapping ("Event source mapping
    metrics", the Lambda developer guide), in /metrics, GetEventSourceMapping and the
    console API."""

    def metrics(self):
        text = urllib.request.urlopen(self.server.endpoint + "/metrics").read().decode()
        out = {}
        for line in text.splitlines():
            if line.startswith("kinesisd_esm_") and "_event_count_total{" in line:
                name = line.split("{")[0][len("kinesisd_esm_"):-len("_event_count_total")]
                out[name] = int(float(line.rsplit(" ", 1)[1]))
        return out

    def test_counts_follow_the_filter_the_retries_and_the_drops(self):
        processed = os.path.join(self.tmp, "processed.log")
        self.start({"streams": [{"name": "events", "shards": 1}],
                    "handlers": {"strict": {"type": "process", "command": RUNNER + ["poison:handler"],
                                            "env": {"PYTHONPATH": str(HANDLERS),
                                                    "PROCESSED_LOG": processed}}}})
        lam = harness.boto3_client(self.server, "lambda")
        arn = "arn:aws:kinesis:us-east-1:000000000000:stream/events"
        with self.assertRaises(lam.exceptions.InvalidParameterValueException):
            lam.create_event_source_mapping(FunctionName="strict", EventSourceArn=arn,
                                            StartingPosition="TRIM_HORIZON",
                                            MetricsConfig={"Metrics": ["ErrorCount"]})
        # 10 records: 2 the filter drops, 8 events of which one is poison.
        records = [{"Data": json.dumps({"kind": "skip" if i in (2, 5) else "event",
                                        "poison": i == 6}).encode(), "PartitionKey": "k"}
                   for i in range(10)]
        self.kinesis.put_records(StreamName="events", Records=records)
        uuid = lam.create_event_source_mapping(
            FunctionName="strict", EventSourceArn=arn, StartingPosition="TRIM_HORIZON",
            BatchSize=10, BisectBatchOnFunctionError=True, MaximumRetryAttempts=0,
            FilterCriteria={"Filters": [{"Pattern": json.dumps({"data": {"kind": ["event"]}})}]},
            MetricsConfig={"Metrics": ["EventCount"]})["UUID"]
        self.assertEqual(lam.get_event_source_mapping(UUID=uuid)["MetricsConfig"],
                         {"Metrics": ["EventCount"]})
        # Bisect halves 8 -> 4 + 4 -> 2 + 2 -> 1 + 1; each failing half is invoked, fails and
        # is split; the poison alone then runs out of retries, with no destination: dropped.
        expected = {"polled": 10, "filtered_out": 2, "invoked": 8 + 4 + 4 + 2 + 2 + 1 + 1,
                    "failed_invoke": 8 + 4 + 2 + 1, "dropped": 1,
                    "on_failure_destination_delivered": 0}
        wait_until(lambda: len(lines(processed)) == 7 and self.metrics() == expected,
                   what="the seven good records delivered and the counts settled")
        self.assertEqual(self.metrics(), expected)
        self.assertEqual(len(lines(processed)), 7)
        console = json.loads(urllib.request.urlopen(
            self.server.endpoint + "/console/api/mappings").read())["mappings"]
        self.assertEqual(console[0]["event_count"]["InvokedEventCount"], 22)
        # Without MetricsConfig a mapping has none of them.
        lam.update_event_source_mapping(UUID=uuid, MetricsConfig={"Metrics": []})
        self.assertNotIn("MetricsConfig", lam.get_event_source_mapping(UUID=uuid))
        self.assertEqual(self.metrics(), {})


class MappingTags(PollerCase):
    """Tags on event source mappings, as Lambda has them since 2024: at creation, and
    through TagResource / UntagResource / ListTags on EventSourceMappingArn; a data
    directory keeps them."""

    def test_tags_with_boto3_and_the_aws_cli_survive_a_restart(self):
        data = os.path.join(self.tmp, "data")
        config = {"streams": [{"name": "ctr"}],
                  "handlers": {"h": {"type": "process", "command": ["cat"]}}}
        path = os.path.join(self.tmp, "kinesisd.json")
        pathlib.Path(path).write_text(json.dumps(config))
        self.server = harness.Server("--config", path, "--data-dir", data, cwd=str(REPO))
        lam = harness.boto3_client(self.server, "lambda")
        created = lam.create_event_source_mapping(
            FunctionName="h", EventSourceArn="arn:aws:kinesis:us-east-1:000000000000:stream/ctr",
            StartingPosition="LATEST", Tags={"team": "contact-center"})
        arn = created["EventSourceMappingArn"]
        self.assertRegex(arn, r"^arn:aws:lambda:us-east-1:000000000000:event-source-mapping:"
                              r"[0-9a-f-]{36}$")
        self.assertEqual(lam.list_tags(Resource=arn)["Tags"], {"team": "contact-center"})
        lam.tag_resource(Resource=arn, Tags={"env": "ci", "team": "ops"})
        self.aws("lambda", "untag-resource", "--resource", arn, "--tag-keys", "env")
        self.assertEqual(self.aws("lambda", "list-tags", "--resource", arn)["Tags"],
                         {"team": "ops"})
        missing = arn[:-12] + "000000000000"
        with self.assertRaises(lam.exceptions.ResourceNotFoundException):
            lam.list_tags(Resource=missing)
        with self.assertRaises(lam.exceptions.ResourceNotFoundException):
            lam.tag_resource(Resource="arn:aws:lambda:us-east-1:000000000000:function:h",
                             Tags={"a": "b"})
        self.server.stop()
        self.server = harness.Server("--config", path, "--data-dir", data, cwd=str(REPO))
        lam = harness.boto3_client(self.server, "lambda")
        self.assertEqual(lam.list_tags(Resource=arn)["Tags"], {"team": "ops"})


class HttpHandler(PollerCase):
    """A handler reached over HTTP, the way a Lambda container image runs
    behind the Runtime Interface Emulator."""

    def test_events_are_posted_to_the_invocations_url(self):
        events = os.path.join(self.tmp, "events.jsonl")
        rie = subprocess.Popen([sys.executable, str(HANDLERS / "rie_server.py"), events],
                               stdout=subprocess.PIPE, text=True)
        try:
            port = int(rie.stdout.readline())
            self.start({
                "streams": [{"name": "s"}],
                "handlers": {"remote": {"type": "http", "url": "http://127.0.0.1:%d/2015-03-31/"
                                                               "functions/function/invocations" % port}},
                "event_source_mappings": [{"stream": "s", "handler": "remote",
                                           "StartingPosition": "LATEST"}],
            })
            for i in range(3):
                self.kinesis.put_record(StreamName="s", Data=b"payload-%d" % i, PartitionKey="k")
            wait_until(lambda: sum(len(json.loads(l)["Records"]) for l in lines(events)) >= 3,
                       what="3 records posted")
            got = [base64.b64decode(r["kinesis"]["data"])
                   for l in lines(events) for r in json.loads(l)["Records"]]
            self.assertEqual(got, [b"payload-0", b"payload-1", b"payload-2"])
        finally:
            rie.kill()
            rie.wait()


class ConfigErrors(unittest.TestCase):
    def run_with(self, config):
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, "bad.json")
            pathlib.Path(path).write_text(json.dumps(config))
            p = subprocess.run([harness.binary(), "--port", "0", "--config", path],
                               capture_output=True, text=True, timeout=30, cwd=str(REPO))
            return p.returncode, p.stderr, path
        finally:
            shutil.rmtree(tmp)

    def test_a_bad_config_stops_start_up_naming_the_file_key_and_reason(self):
        code, err, path = self.run_with({
            "streams": [{"name": "s"}],
            "event_source_mappings": [{"stream": "s", "handler": "missing",
                                       "StartingPosition": "LATEST"}]})
        self.assertEqual(code, 2)
        self.assertIn(path + ": event_source_mappings[0]: ResourceNotFoundException: Function not "
                      "found: arn:aws:lambda:us-east-1:000000000000:function:missing", err)

        code, err, path = self.run_with({
            "streams": [{"name": "s"}],
            "handlers": {"h": {"type": "process", "command": ["cat"]}},
            "event_source_mappings": [{"stream": "s", "handler": "h", "BatchSize": 0,
                                       "StartingPosition": "LATEST"}]})
        self.assertEqual(code, 2)
        self.assertIn(path + ": event_source_mappings[0].BatchSize: 1 validation error detected: "
                      "Value '0' at 'batchSize' failed to satisfy constraint", err)

        code, err, path = self.run_with({"handlers": {"h": {"type": "lambda"}}})
        self.assertEqual(code, 2)
        self.assertIn(path + ": handlers.h.type: must be one of shared_library, process, runtime, http", err)


if __name__ == "__main__":
    unittest.main()
