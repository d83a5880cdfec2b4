"""--auth sigv4 driven by real clients that sign (boto3, the AWS CLI, the JS
SDK v3 over HTTP/1.1 and HTTP/2): every call's signature is verified against
the config file's identities and authorized by their IAM policies. Seed 002's
least-privilege policy (GetShardIterator, GetRecords, DescribeStream on one
stream, ListStreams on *) is checked locally, as it would be in AWS.

AWS's texts: "The security token included in the request is invalid."
(UnrecognizedClientException), "The request signature we calculated does not
match the signature you provided. ..." and "Signature expired: ..."
(InvalidSignatureException), "User: ARN is not authorized to perform: ACTION
on resource: ARN because no identity-based policy allows the ACTION action"
(AccessDeniedException, as Kinesis answered it in
opensearch-project/data-prepper#6886; "... with an explicit deny in an
identity-based policy" when a Deny refuses, the IAM User Guide's "Access
denied error messages")."""
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import time
import unittest
from unittest import mock

import boto3
import botocore.auth
from botocore.config import Config
from botocore.exceptions import ClientError

import harness

HERE = pathlib.Path(__file__).resolve().parent
STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/ctr"
SEED_002 = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["kinesis:GetShardIterator", "kinesis:GetRecords",
                                   "kinesis:DescribeStream"], "Resource": STREAM_ARN},
    {"Effect": "Allow", "Action": "kinesis:ListStreams", "Resource": "*"}]}
IDENTITIES = [
    {"access_key_id": "AKIAADMIN", "secret_access_key": "admin-secret", "user": "admin",
     "policies": [{"Statement": {"Effect": "Allow", "Action": ["kinesis:*", "firehose:*",
                                                              "lambda:*"],
                                 "Resource": "*"}}]},
    {"access_key_id": "AKIAALICE", "secret_access_key": "alice-secret", "user": "alice",
     "policies": [SEED_002, {"Statement": [{"Effect": "Deny", "Action": "kinesis:DescribeStream",
                                            "Resource": "arn:aws:kinesis:*:*:stream/secret*"}]}]},
    {"access_key_id": "ASIATEMP", "secret_access_key": "temp-secret", "session_token": "tok",
     "user": "temp", "policies": [{"Statement": {"Effect": "Allow", "Action": "kinesis:List*",
                                                 "Resource": "*"}}]},
]


class Refusals:
    def error(self, call, *args, **kwargs):
        """The (code, message) of the call's ClientError."""
        with self.assertRaises(ClientError) as caught:
            call(*args, **kwargs)
        e = caught.exception.response["Error"]
        return e["Code"], e["Message"]


class Auth(Refusals, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kinesisd-auth-")
        config = os.path.join(cls.tmp, "kinesisd.json")
        pathlib.Path(config).write_text(json.dumps({
            "auth": "sigv4", "identities": IDENTITIES,
            "handlers": {"h": {"type": "process", "command": ["cat"]}},
            "streams": [{"name": "ctr"}, {"name": "other"}, {"name": "secret-stream"}]}))
        cls.server = harness.Server("--config", config)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def client(self, key, secret, service="kinesis", token=None):
        return boto3.client(service, endpoint_url=self.server.endpoint, region_name="us-east-1",
                            aws_access_key_id=key, aws_secret_access_key=secret,
                            aws_session_token=token,
                            config=Config(retries={"total_max_attempts": 1}))


    def test_lambdas_event_source_mapping_api_is_signed_and_authorized(self):
        # Lambda's resources: "*" for Create and List, the mapping's ARN for Get,
        # Update and Delete (the Service Authorization Reference; the message as
        # awslabs/dynamodb-continuous-backup#29 recorded it from AWS).
        admin = self.client("AKIAADMIN", "admin-secret", "lambda")
        mapping = admin.create_event_source_mapping(
            EventSourceArn=STREAM_ARN, FunctionName="h", StartingPosition="LATEST",
            Enabled=False)
        uuid = mapping["UUID"]
        self.assertIn(uuid, [m["UUID"] for m in admin.list_event_source_mappings()["EventSourceMappings"]])
        alice = self.client("AKIAALICE", "alice-secret", "lambda")
        with self.assertRaises(ClientError) as denied:
            alice.list_event_source_mappings()
        self.assertEqual(denied.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertEqual(denied.exception.response["Error"]["Code"], "AccessDeniedException")
        self.assertEqual(denied.exception.response["Error"]["Message"],
                         "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: "
                         "lambda:ListEventSourceMappings on resource: * because no "
                         "identity-based policy allows the lambda:ListEventSourceMappings action")
        code, message = self.error(alice.delete_event_source_mapping, UUID=uuid)
        self.assertEqual(code, "AccessDeniedException")
        self.assertTrue(message.endswith("lambda:DeleteEventSourceMapping on resource: "
                                         "arn:aws:lambda:us-east-1:000000000000:"
                                         "event-source-mapping:" + uuid + " because no "
                                         "identity-based policy allows the "
                                         "lambda:DeleteEventSourceMapping action"), message)
        code, _ = self.error(self.client("AKIAADMIN", "wrong", "lambda").get_event_source_mapping,
                             UUID=uuid)
        self.assertEqual(code, "InvalidSignatureException")
        code, _ = self.error(self.client("AKIANOBODY", "x", "lambda").list_event_source_mappings)
        self.assertEqual(code, "UnrecognizedClientException")
        admin.delete_event_source_mapping(UUID=uuid)

    def test_seed_002s_least_privilege_policy(self):
        admin = self.client("AKIAADMIN", "admin-secret")
        admin.put_record(StreamName="ctr", PartitionKey="k", Data=b"contact")
        alice = self.client("AKIAALICE", "alice-secret")
        self.assertIn("ctr", alice.list_streams()["StreamNames"])
        alice.describe_stream(StreamName="ctr")
        it = alice.get_shard_iterator(StreamName="ctr", ShardId="shardId-000000000000",
                                      ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.assertEqual(alice.get_records(ShardIterator=it)["Records"][0]["Data"], b"contact")
        self.assertEqual(self.error(alice.put_record, StreamName="ctr", PartitionKey="k", Data=b"x"), (
            "AccessDeniedException",
            "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: "
            "kinesis:PutRecord on resource: " + STREAM_ARN + " because no identity-based "
            "policy allows the kinesis:PutRecord action"))
        # PutRecords takes the fast reader's path: the same refusal, nothing appended; the
        # same call by ARN names the ARN it was given.
        self.assertEqual(self.error(alice.put_records, StreamName="ctr", Records=[
            {"PartitionKey": "k", "Data": b"x"}]), (
            "AccessDeniedException",
            "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: "
            "kinesis:PutRecords on resource: " + STREAM_ARN + " because no identity-based "
            "policy allows the kinesis:PutRecords action"))
        self.assertEqual(self.error(alice.put_records, StreamARN=STREAM_ARN, Records=[
            {"PartitionKey": "k", "Data": b"x"}])[1].split("on resource: ")[1].split(" ")[0],
            STREAM_ARN)
        self.assertEqual(len(alice.get_records(ShardIterator=it)["Records"]), 1)
        self.assertEqual(self.error(alice.describe_stream, StreamName="other")[0],
                         "AccessDeniedException")
        # An explicit Deny wins over an Allow, and says so.
        self.assertEqual(self.error(alice.describe_stream, StreamName="secret-stream"), (
            "AccessDeniedException",
            "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: "
            "kinesis:DescribeStream on resource: "
            "arn:aws:kinesis:us-east-1:000000000000:stream/secret-stream with an explicit deny "
            "in an identity-based policy"))
        fh = self.client("AKIAALICE", "alice-secret", "firehose")
        self.assertIn("firehose:ListDeliveryStreams on resource: *",
                      self.error(fh.list_delivery_streams)[1])

    def test_unknown_keys_wrong_secrets_and_tokens(self):
        self.assertEqual(self.error(self.client("AKIANOBODY", "x").list_streams), (
            "UnrecognizedClientException", "The security token included in the request is invalid."))
        self.assertEqual(self.error(self.client("AKIAALICE", "wrong").list_streams), (
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details."))
        self.assertIn("ctr", self.client("ASIATEMP", "temp-secret", token="tok").list_streams()[
            "StreamNames"])
        self.assertEqual(self.error(self.client("ASIATEMP", "temp-secret").list_streams)[0],
                         "UnrecognizedClientException")
        self.assertEqual(self.error(self.client("ASIATEMP", "temp-secret", token="old").list_streams)[0],
                         "UnrecognizedClientException")

    def test_a_signature_older_than_five_minutes_has_expired(self):
        real = datetime.datetime

        class TenMinutesAgo(real):
            @classmethod
            def utcnow(cls):
                return real.utcnow() - datetime.timedelta(minutes=10)

            @classmethod
            def now(cls, tz=None):
                return real.now(tz) - datetime.timedelta(minutes=10)

        client = self.client("AKIAADMIN", "admin-secret")
        with mock.patch.object(botocore.auth.datetime, "datetime", TenMinutesAgo):
            code, message = self.error(client.list_streams)
        self.assertEqual(code, "InvalidSignatureException")
        self.assertRegex(message, r"^Signature expired: \d{8}T\d{6}Z is now earlier than "
                                  r"\d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$")

    def test_the_aws_cli_signs_and_is_checked(self):
        env = dict(os.environ, AWS_ACCESS_KEY_ID="AKIAALICE", AWS_SECRET_ACCESS_KEY="alice-secret",
                   AWS_DEFAULT_REGION="us-east-1")
        env.pop("AWS_SESSION_TOKEN", None)
        ok = subprocess.run(["aws", "--endpoint-url", self.server.endpoint, "kinesis", "list-streams"],
                            env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        denied = subprocess.run(["aws", "--endpoint-url", self.server.endpoint, "kinesis",
                                 "delete-stream", "--stream-name", "ctr"],
                                env=env, capture_output=True, text=True, timeout=60)
        self.assertNotEqual(denied.returncode, 0)
        self.assertIn("AccessDeniedException", denied.stderr)

    def test_the_js_sdk_over_http1_and_http2(self):
        script = """
import { KinesisClient, ListStreamsCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { NodeHttp2Handler } from "@smithy/node-http-handler";
const out = [];
for (const [name, extra] of [["h1", {}], ["h2", { requestHandler: new NodeHttp2Handler() }]]) {
  for (const [key, secret] of [["AKIAADMIN", "admin-secret"], ["AKIAADMIN", "wrong"]]) {
    const k = new KinesisClient({ endpoint: process.env.KINESISD_ENDPOINT, region: "us-east-1",
      maxAttempts: 1, credentials: { accessKeyId: key, secretAccessKey: secret }, ...extra });
    try {
      await k.send(new PutRecordCommand({ StreamName: "ctr", PartitionKey: "js",
        Data: new TextEncoder().encode(name) }));
      out.push([name, "ok"]);
    } catch (e) { out.push([name, e.name]); }
    k.destroy();
  }
}
console.log(JSON.stringify(out));
"""
        p = harness.run_node(self.server, "auth_sign", script)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout.strip().splitlines()[-1]), [
            ["h1", "ok"], ["h1", "InvalidSignatureException"],
            ["h2", "ok"], ["h2", "InvalidSignatureException"]])


KEY = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ALLOW_KINESIS = {"Effect": "Allow", "Action": "kinesis:*", "Resource": "*"}
CONDITIONED = [
    {"access_key_id": "AKIAADMIN", "secret_access_key": "admin-secret", "user": "admin",
     "policies": [{"Statement": [ALLOW_KINESIS, {"Effect": "Allow", "Action": "kms:*",
                                                 "Resource": "*"}]}]},
    # Only in us-east-1, never in clear text for writes, only streams tagged
    # team=ctr for reads, and only the tag key "team" to set.
    {"access_key_id": "AKIACOND", "secret_access_key": "cond-secret", "user": "cond",
     "policies": [{"Statement": [
         {"Effect": "Allow", "Action": ["kinesis:List*", "kinesis:PutRecord"], "Resource": "*",
          "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}},
         {"Effect": "Deny", "Action": "kinesis:PutRecord", "Resource": "*",
          "Condition": {"Bool": {"aws:SecureTransport": "false"}, "StringLike": {
              "aws:SourceIp": "127.*"}}},
         {"Effect": "Allow", "Action": "kinesis:DescribeStreamSummary", "Resource": "*",
          "Condition": {"StringEquals": {"aws:ResourceTag/team": "ctr"}}},
         {"Effect": "Allow", "Action": "kinesis:AddTagsToStream", "Resource": "*",
          "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}]}]},
    # Kinesis everywhere; the customer key only to encrypt (producer) ...
    {"access_key_id": "AKIAPRODUCER", "secret_access_key": "p-secret", "user": "producer",
     "policies": [{"Statement": [ALLOW_KINESIS, {"Effect": "Allow", "Action": "kms:GenerateDataKey",
                                                 "Resource": KEY}]}]},
    # ... or only to decrypt, for records of the stream "sealed" (consumer).
    {"access_key_id": "AKIACONSUMER", "secret_access_key": "c-secret", "user": "consumer",
     "policies": [{"Statement": [ALLOW_KINESIS, {
         "Effect": "Allow", "Action": "kms:Decrypt", "Resource": KEY, "Condition": {
             "StringEquals": {"kms:EncryptionContext:aws:kinesis:arn":
                              "arn:aws:kinesis:us-east-1:000000000000:stream/sealed"}}}]}]},
    # The key by its alias: kms:RequestAlias matches it; an alias ARN as the
    # Resource names the alias, not its key, and grants no use of the key.
    {"access_key_id": "AKIAALIAS", "secret_access_key": "al-secret", "user": "by-alias",
     "policies": [{"Statement": [ALLOW_KINESIS, {
         "Effect": "Allow", "Action": "kms:GenerateDataKey", "Resource": "*",
         "Condition": {"StringEquals": {"kms:RequestAlias": "alias/ctr-key"}}}]}]},
    {"access_key_id": "AKIAALIASARN", "secret_access_key": "aa-secret", "user": "alias-arn",
     "policies": [{"Statement": [ALLOW_KINESIS, {
         "Effect": "Allow", "Action": "kms:GenerateDataKey",
         "Resource": "arn:aws:kms:us-east-1:000000000000:alias/ctr-key"}]}]},
]


class ConditionsAndKeys(Refusals, unittest.TestCase):
    """Condition elements evaluated against the request (the IAM User Guide's
    condition operators and global keys), and the KMS permissions an encrypted
    stream needs ("Permissions to use user-generated KMS keys")."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kinesisd-auth-")
        config = os.path.join(cls.tmp, "kinesisd.json")
        pathlib.Path(config).write_text(json.dumps({
            "auth": "sigv4", "identities": CONDITIONED,
            "kms_aliases": {"alias/ctr-key": KEY.split("/")[-1]},
            "streams": [{"name": "tagged"}, {"name": "plain"}, {"name": "sealed"},
                        {"name": "managed"}, {"name": "aliased"}]}))
        cls.server = harness.Server("--config", config)
        admin = cls.client("AKIAADMIN", "admin-secret")
        admin.add_tags_to_stream(StreamName="tagged", Tags={"team": "ctr"})
        admin.start_stream_encryption(StreamName="sealed", EncryptionType="KMS", KeyId=KEY)
        admin.start_stream_encryption(StreamName="managed", EncryptionType="KMS",
                                      KeyId="alias/aws/kinesis")
        admin.start_stream_encryption(StreamName="aliased", EncryptionType="KMS",
                                      KeyId="alias/ctr-key")
        harness.wait_until(lambda: all(
            admin.describe_stream_summary(StreamName=s)["StreamDescriptionSummary"][
                "StreamStatus"] == "ACTIVE" for s in ("sealed", "managed", "aliased")),
            what="ACTIVE")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def client(cls, key, secret, region="us-east-1", tls=False):
        return boto3.client("kinesis", region_name=region, aws_access_key_id=key,
                            aws_secret_access_key=secret,
                            endpoint_url=cls.server.tls_endpoint if tls else cls.server.endpoint,
                            verify=cls.server.tls_cert if tls else None,
                            config=Config(retries={"total_max_attempts": 1}))


    def test_the_requested_region(self):
        self.assertIn("plain", self.client("AKIACOND", "cond-secret").list_streams()["StreamNames"])
        code, message = self.error(self.client("AKIACOND", "cond-secret", "eu-west-1").list_streams)
        self.assertEqual(code, "AccessDeniedException")
        self.assertTrue(message.endswith("kinesis:ListStreams on resource: * because no "
                                         "identity-based policy allows the kinesis:ListStreams "
                                         "action"), message)

    def test_secure_transport_and_source_ip_on_the_fast_path(self):
        code, message = self.error(self.client("AKIACOND", "cond-secret").put_record,
                                   StreamName="plain", PartitionKey="k", Data=b"x")
        self.assertEqual(code, "AccessDeniedException")
        self.assertTrue(message.endswith(" with an explicit deny in an identity-based policy"),
                        message)
        # The same call over TLS on the same port is allowed.
        out = self.client("AKIACOND", "cond-secret", tls=True).put_record(
            StreamName="plain", PartitionKey="k", Data=b"x")
        self.assertEqual(out["ShardId"], "shardId-000000000000")

    def test_resource_and_request_tags(self):
        cond = self.client("AKIACOND", "cond-secret")
        cond.describe_stream_summary(StreamName="tagged")
        self.assertEqual(self.error(cond.describe_stream_summary, StreamName="plain")[0],
                         "AccessDeniedException")
        cond.add_tags_to_stream(StreamName="plain", Tags={"team": "agents"})
        self.assertEqual(self.error(cond.add_tags_to_stream, StreamName="plain",
                                    Tags={"team": "x", "cost": "y"})[0], "AccessDeniedException")
        admin = self.client("AKIAADMIN", "admin-secret")
        self.assertEqual(admin.list_tags_for_stream(StreamName="plain")["Tags"],
                         [{"Key": "team", "Value": "agents"}])

    def test_an_alias_stands_for_its_key(self):
        # The key's own policy holder may use it through the alias.
        self.client("AKIAPRODUCER", "p-secret").put_record(StreamName="aliased",
                                                           PartitionKey="k", Data=b"x")
        by_alias = self.client("AKIAALIAS", "al-secret")
        by_alias.put_record(StreamName="aliased", PartitionKey="k", Data=b"x")
        by_alias.put_records(StreamName="aliased", Records=[{"PartitionKey": "k", "Data": b"x"}])
        refused = ("KMSAccessDeniedException",
                   "User: arn:aws:iam::000000000000:user/by-alias is not authorized to perform: "
                   "kms:GenerateDataKey on resource: " + KEY)
        # The same key named by its ARN carries no alias in the request.
        self.assertEqual(self.error(by_alias.put_record, StreamName="sealed", PartitionKey="k",
                                    Data=b"x"), refused)
        alias_arn = self.client("AKIAALIASARN", "aa-secret")
        self.assertEqual(self.error(alias_arn.put_record, StreamName="aliased", PartitionKey="k",
                                    Data=b"x"), (
            "KMSAccessDeniedException",
            "User: arn:aws:iam::000000000000:user/alias-arn is not authorized to perform: "
            "kms:GenerateDataKey on resource: " + KEY))

    def test_a_customer_key_needs_generate_data_key_to_put_and_decrypt_to_read(self):
        producer = self.client("AKIAPRODUCER", "p-secret")
        consumer = self.client("AKIACONSUMER", "c-secret")
        out = producer.put_record(StreamName="sealed", PartitionKey="k", Data=b"secret")
        self.assertEqual(out["EncryptionType"], "KMS")
        self.assertEqual(self.error(consumer.put_record, StreamName="sealed", PartitionKey="k",
                                    Data=b"x"), (
            "KMSAccessDeniedException",
            "User: arn:aws:iam::000000000000:user/consumer is not authorized to perform: "
            "kms:GenerateDataKey on resource: " + KEY))
        # PutRecords (the fast path) asks too, and appends nothing.
        self.assertEqual(self.error(consumer.put_records, StreamName="sealed", Records=[
            {"PartitionKey": "k", "Data": b"x"}])[0], "KMSAccessDeniedException")
        it = producer.get_shard_iterator(StreamName="sealed", ShardId="shardId-000000000000",
                                         ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.assertEqual(self.error(producer.get_records, ShardIterator=it), (
            "KMSAccessDeniedException",
            "User arn:aws:iam::000000000000:user/producer is not authorized to decrypt records "
            "in stream sealed"))
        records = consumer.get_records(ShardIterator=it)["Records"]
        self.assertEqual([r["Data"] for r in records], [b"secret"])
        self.assertEqual(records[0]["EncryptionType"], "KMS")

    def test_the_aws_managed_key_needs_no_permission(self):
        cond_free = self.client("AKIACONSUMER", "c-secret")
        cond_free.put_record(StreamName="managed", PartitionKey="k", Data=b"m")
        it = cond_free.get_shard_iterator(StreamName="managed", ShardId="shardId-000000000000",
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.assertEqual([r["Data"] for r in cond_free.get_records(ShardIterator=it)["Records"]],
                         [b"m"])

    def test_a_policy_kinesisd_cannot_read_stops_start_up(self):
        config = os.path.join(self.tmp, "bad.json")
        pathlib.Path(config).write_text(json.dumps({"auth": "sigv4", "identities": [
            {"access_key_id": "A", "secret_access_key": "s", "policies": [{"Statement": {
                "Effect": "Allow", "Action": "*", "Resource": "*",
                "Condition": {"StringMaybe": {"aws:username": "a"}}}}]}]}))
        p = subprocess.run([harness.binary(), "--port", "0", "--config", config],
                           capture_output=True, text=True, timeout=10)
        self.assertEqual(p.returncode, 2)
        self.assertIn("StringMaybe: not a condition operator", p.stderr)


class Accounts(Refusals, unittest.TestCase):
    """Each identity acts in its own account, and a stream's resource policy is
    what lets another account in (the IAM User Guide's "Cross-account policy
    evaluation logic": both the identity's and the resource's policies must
    allow; the refusal "... because no resource-based policy allows the ACTION
    action", its "Access denied error messages")."""
    OTHER = "111122223333"

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kinesisd-accounts-")
        config = os.path.join(cls.tmp, "kinesisd.json")
        everything = [{"Statement": {"Effect": "Allow",
                                     "Action": ["kinesis:*", "firehose:*", "lambda:*"],
                                     "Resource": "*"}}]
        # Carol may not put to a delivery stream tagged locked=yes (aws:ResourceTag/).
        unless_locked = [{"Statement": [everything[0]["Statement"], {
            "Effect": "Deny", "Action": "firehose:PutRecord", "Resource": "*",
            "Condition": {"StringEquals": {"aws:ResourceTag/locked": "yes"}}}]}]
        pathlib.Path(config).write_text(json.dumps({
            "auth": "sigv4", "identities": [
                {"access_key_id": "AKIAADMIN", "secret_access_key": "a", "user": "admin",
                 "policies": everything},
                {"access_key_id": "AKIABOB", "secret_access_key": "b", "user": "bob",
                 "account_id": cls.OTHER, "policies": everything},
                {"access_key_id": "AKIACAROL", "secret_access_key": "c", "user": "carol",
                 "account_id": cls.OTHER, "policies": unless_locked}],
            "handlers": {"h": {"type": "process", "command": ["cat"]}},
            "streams": [{"name": "ctr"}]}))
        cls.server = harness.Server("--config", config, "--s3-dir", cls.tmp)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def client(self, key, secret, service="kinesis"):
        return boto3.client(service, endpoint_url=self.server.endpoint, region_name="us-east-1",
                            aws_access_key_id=key, aws_secret_access_key=secret,
                            config=Config(retries={"total_max_attempts": 1}))

    def test_each_account_has_its_own_event_source_mappings(self):
        admin, bob = self.client("AKIAADMIN", "a", "lambda"), self.client("AKIABOB", "b", "lambda")
        stream = "arn:aws:kinesis:us-east-1:000000000000:stream/ctr"
        mine = admin.create_event_source_mapping(EventSourceArn=stream, FunctionName="h",
                                                 StartingPosition="LATEST", Enabled=False)
        # The same stream and function in another account is that account's own mapping.
        theirs = bob.create_event_source_mapping(EventSourceArn=stream, FunctionName="h",
                                                 StartingPosition="LATEST", Enabled=False)
        self.assertTrue(theirs["EventSourceMappingArn"].startswith(
            "arn:aws:lambda:us-east-1:" + self.OTHER + ":event-source-mapping:"))
        self.assertEqual(theirs["FunctionArn"],
                         "arn:aws:lambda:us-east-1:" + self.OTHER + ":function:h")
        self.assertEqual([m["UUID"] for m in admin.list_event_source_mappings()[
            "EventSourceMappings"]], [mine["UUID"]])
        self.assertEqual([m["UUID"] for m in bob.list_event_source_mappings()[
            "EventSourceMappings"]], [theirs["UUID"]])
        not_found = ("ResourceNotFoundException", "The resource you requested does not exist.")
        self.assertEqual(self.error(bob.get_event_source_mapping, UUID=mine["UUID"]), not_found)
        self.assertEqual(self.error(bob.delete_event_source_mapping, UUID=mine["UUID"]), not_found)
        self.assertEqual(admin.get_event_source_mapping(UUID=mine["UUID"])["UUID"], mine["UUID"])
        bob.delete_event_source_mapping(UUID=theirs["UUID"])
        admin.delete_event_source_mapping(UUID=mine["UUID"])

    def test_each_account_has_its_own_delivery_streams(self):
        admin, bob = (self.client("AKIAADMIN", "a", "firehose"),
                      self.client("AKIABOB", "b", "firehose"))
        s3 = {"RoleARN": "arn:aws:iam::000000000000:role/firehose",
              "BucketARN": "arn:aws:s3:::lake",
              "BufferingHints": {"IntervalInSeconds": 0, "SizeInMBs": 1}}
        mine = admin.create_delivery_stream(DeliveryStreamName="cases",
                                            ExtendedS3DestinationConfiguration=s3)
        theirs = bob.create_delivery_stream(DeliveryStreamName="cases",
                                            ExtendedS3DestinationConfiguration=s3,
                                            Tags=[{"Key": "locked", "Value": "yes"}])
        self.assertEqual(mine["DeliveryStreamARN"],
                         "arn:aws:firehose:us-east-1:000000000000:deliverystream/cases")
        self.assertEqual(theirs["DeliveryStreamARN"],
                         "arn:aws:firehose:us-east-1:" + self.OTHER + ":deliverystream/cases")
        bob.create_delivery_stream(DeliveryStreamName="bobs", ExtendedS3DestinationConfiguration=s3)
        self.assertNotIn("bobs", admin.list_delivery_streams()["DeliveryStreamNames"])
        self.assertIn("bobs", bob.list_delivery_streams()["DeliveryStreamNames"])
        self.assertEqual(self.error(admin.describe_delivery_stream, DeliveryStreamName="bobs"), (
            "ResourceNotFoundException", "Firehose bobs under account 000000000000 not found."))
        for name in ("cases", "bobs"):
            waiter_deadline = time.time() + 10
            while bob.describe_delivery_stream(DeliveryStreamName=name)[
                    "DeliveryStreamDescription"]["DeliveryStreamStatus"] != "ACTIVE":
                self.assertLess(time.time(), waiter_deadline)
                time.sleep(0.1)
        # The tag condition reads the delivery stream of the caller's own account.
        carol = self.client("AKIACAROL", "c", "firehose")
        self.assertEqual(self.error(carol.put_record, DeliveryStreamName="cases",
                                    Record={"Data": b"x"}), (
            "AccessDeniedException",
            "User: arn:aws:iam::" + self.OTHER + ":user/carol is not authorized to perform: "
            "firehose:PutRecord on resource: " + theirs["DeliveryStreamARN"] + " with an "
            "explicit deny in an identity-based policy"))
        self.assertIn("RecordId", carol.put_record(DeliveryStreamName="bobs", Record={"Data": b"x"}))

    def test_each_identity_has_its_own_streams(self):
        bob = self.client("AKIABOB", "b")
        self.assertNotIn("ctr", bob.list_streams()["StreamNames"])
        self.assertEqual(self.error(bob.describe_stream_summary, StreamName="ctr"), (
            "ResourceNotFoundException",
            "Stream ctr under account " + self.OTHER + " not found."))
        bob.create_stream(StreamName="bobs", ShardCount=1)
        bob.get_waiter("stream_exists").wait(StreamName="bobs",
                                              WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})
        self.assertEqual(bob.describe_stream_summary(StreamName="bobs")[
            "StreamDescriptionSummary"]["StreamARN"],
            "arn:aws:kinesis:us-east-1:" + self.OTHER + ":stream/bobs")
        bob.put_record(StreamName="bobs", PartitionKey="k", Data=b"mine")
        admin = self.client("AKIAADMIN", "a")
        self.assertNotIn("bobs", admin.list_streams()["StreamNames"])
        self.assertEqual(self.error(admin.put_record, StreamName="bobs", PartitionKey="k",
                                    Data=b"x")[0], "ResourceNotFoundException")

    def test_a_resource_policy_lets_another_account_read_and_only_read(self):
        admin, bob = self.client("AKIAADMIN", "a"), self.client("AKIABOB", "b")
        arn = "arn:aws:kinesis:us-east-1:000000000000:stream/ctr"
        admin.put_record(StreamName="ctr", PartitionKey="k", Data=b"shared")
        refused = ("AccessDeniedException",
                   "User: arn:aws:iam::" + self.OTHER + ":user/bob is not authorized to perform: "
                   "kinesis:GetShardIterator on resource: " + arn + " because no resource-based "
                   "policy allows the kinesis:GetShardIterator action")
        get_iterator = lambda: bob.get_shard_iterator(
            StreamARN=arn, ShardId="shardId-000000000000", ShardIteratorType="TRIM_HORIZON")
        self.assertEqual(self.error(get_iterator), refused)
        admin.put_resource_policy(ResourceARN=arn, Policy=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::" + self.OTHER + ":root"},
                "Action": ["kinesis:GetShardIterator", "kinesis:GetRecords",
                           "kinesis:DescribeStreamSummary"], "Resource": arn}]}))
        it = get_iterator()["ShardIterator"]
        self.assertEqual(bob.get_records(ShardIterator=it, StreamARN=arn)["Records"][0]["Data"],
                         b"shared")
        self.assertEqual(bob.describe_stream_summary(StreamARN=arn)[
            "StreamDescriptionSummary"]["StreamName"], "ctr")
        for call, action in ((lambda: bob.put_record(StreamARN=arn, PartitionKey="k", Data=b"x"),
                              "PutRecord"),
                             (lambda: bob.put_records(StreamARN=arn, Records=[
                                 {"PartitionKey": "k", "Data": b"x"}]), "PutRecords")):
            self.assertEqual(self.error(call), (
                "AccessDeniedException",
                "User: arn:aws:iam::" + self.OTHER + ":user/bob is not authorized to perform: "
                "kinesis:" + action + " on resource: " + arn + " because no resource-based "
                "policy allows the kinesis:" + action + " action"))
        # A Deny in the resource's policy holds within its own account too.
        admin.put_resource_policy(ResourceARN=arn, Policy=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Deny", "Principal": "*", "Action": "kinesis:PutRecord",
                "Resource": arn}]}))
        self.assertEqual(self.error(admin.put_record, StreamName="ctr", PartitionKey="k",
                                    Data=b"x"), (
            "AccessDeniedException",
            "User: arn:aws:iam::000000000000:user/admin is not authorized to perform: "
            "kinesis:PutRecord on resource: " + arn + " with an explicit deny in a "
            "resource-based policy"))
        self.assertEqual(self.error(get_iterator)[0], "AccessDeniedException")
        admin.delete_resource_policy(ResourceARN=arn)
        admin.put_record(StreamName="ctr", PartitionKey="k", Data=b"again")


class AuthOff(unittest.TestCase):
    def test_any_credentials_work_without_auth(self):
        with harness.Server("--streams", "s") as server:
            k = boto3.client("kinesis", endpoint_url=server.endpoint, region_name="us-east-1",
                             aws_access_key_id="whatever", aws_secret_access_key="anything")
            self.assertIn("s", k.list_streams()["StreamNames"])

    def test_sigv4_without_identities_stops_start_up(self):
        p = subprocess.run([harness.binary(), "--port", "0", "--auth", "sigv4"],
                           capture_output=True, text=True, timeout=10)
        self.assertEqual(p.returncode, 2)
        self.assertIn("needs at least one identity", p.stderr)


if __name__ == "__main__":
    unittest.main()
