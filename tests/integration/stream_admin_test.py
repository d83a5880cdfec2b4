"""Stream administration through boto3: retention periods, tags, server-side
encryption, enhanced monitoring, limits and the per-stream record size, with
AWS's errors for the requests AWS refuses."""
import json
import unittest

import harness


class StreamAdmin(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server("--streams", "admin:2")
        cls.k = harness.boto3_client(cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def summary(self, name="admin"):
        return self.k.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]

    def assertError(self, code, message, fn, **kwargs):
        with self.assertRaises(self.k.exceptions.ClientError) as e:
            fn(**kwargs)
        self.assertEqual(e.exception.response["Error"]["Code"], code)
        if message is not None:
            self.assertEqual(e.exception.response["Error"]["Message"], message)

    def test_retention_period(self):
        self.k.create_stream(StreamName="ret", ShardCount=1)
        self.assertEqual(self.summary("ret")["RetentionPeriodHours"], 24)
        self.k.increase_stream_retention_period(StreamName="ret", RetentionPeriodHours=48)
        self.assertEqual(self.summary("ret")["RetentionPeriodHours"], 48)
        self.assertError(
            "InvalidArgumentException",
            "Requested retention period (30 hours) for stream ret can not be shorter than existing "
            "retention period (48 hours). Use DecreaseRetentionPeriod API.",
            self.k.increase_stream_retention_period, StreamName="ret", RetentionPeriodHours=30)
        self.assertError(
            "InvalidArgumentException",
            "Requested retention period (72 hours) for stream ret can not be longer than existing "
            "retention period (48 hours). Use IncreaseRetentionPeriod API.",
            self.k.decrease_stream_retention_period, StreamName="ret", RetentionPeriodHours=72)
        self.assertError(
            "InvalidArgumentException",
            "Minimum allowed retention period is 24 hours. Requested retention period (12 hours) "
            "is too short.",
            self.k.decrease_stream_retention_period, StreamName="ret", RetentionPeriodHours=12)
        self.assertError(
            "InvalidArgumentException",
            "Maximum allowed retention period is 8760 hours. Requested retention period (9000 "
            "hours) is too long.",
            self.k.increase_stream_retention_period, StreamName="ret", RetentionPeriodHours=9000)
        self.k.decrease_stream_retention_period(StreamName="ret", RetentionPeriodHours=24)
        self.assertEqual(self.summary("ret")["RetentionPeriodHours"], 24)
        self.assertError("ResourceNotFoundException",
                         "Stream nope under account 000000000000 not found.",
                         self.k.increase_stream_retention_period, StreamName="nope",
                         RetentionPeriodHours=48)

    def test_tags_by_name_and_by_arn(self):
        arn = self.summary()["StreamARN"]
        self.k.add_tags_to_stream(StreamName="admin", Tags={"team": "contact-center",
                                                            "env": "test", "cost": "42"})
        page = self.k.list_tags_for_stream(StreamName="admin", Limit=2)
        self.assertEqual([t["Key"] for t in page["Tags"]], ["cost", "env"])
        self.assertTrue(page["HasMoreTags"])
        rest = self.k.list_tags_for_stream(StreamName="admin", ExclusiveStartTagKey="env")
        self.assertEqual(rest["Tags"], [{"Key": "team", "Value": "contact-center"}])
        self.assertFalse(rest["HasMoreTags"])
        self.k.remove_tags_from_stream(StreamName="admin", TagKeys=["cost"])
        self.k.tag_resource(ResourceARN=arn, Tags={"owner": "ops"})
        self.k.untag_resource(ResourceARN=arn, TagKeys=["env"])
        tags = self.k.list_tags_for_resource(ResourceARN=arn)["Tags"]
        self.assertEqual(sorted(t["Key"] for t in tags), ["owner", "team"])
        # The texts of bad characters are pinned in fidelity_test.py.
        self.assertError("InvalidArgumentException", None,
                         self.k.add_tags_to_stream, StreamName="admin", Tags={"a*b": "x"})
        self.assertError(
            "InvalidArgumentException",
            "Failed to add tags to stream admin under account 000000000000 because a given stream "
            "cannot have more than 50 tags associated with it.",
            self.k.add_tags_to_stream, StreamName="admin",
            Tags={"k%02d" % i: "v" for i in range(49)})
        self.assertError("ResourceNotFoundException", None, self.k.list_tags_for_resource,
                         ResourceARN=arn.replace("/admin", "/missing"))

    def test_server_side_encryption(self):
        self.k.create_stream(StreamName="enc", ShardCount=1)
        self.k.start_stream_encryption(StreamName="enc", EncryptionType="KMS",
                                       KeyId="alias/aws/kinesis")
        s = self.summary("enc")
        self.assertEqual((s["EncryptionType"], s["KeyId"]), ("KMS", "alias/aws/kinesis"))
        put = self.k.put_record(StreamName="enc", Data=b"secret", PartitionKey="k")
        self.assertEqual(put["EncryptionType"], "KMS")
        it = self.k.get_shard_iterator(StreamName="enc", ShardId=put["ShardId"],
                                       ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.assertEqual(self.k.get_records(ShardIterator=it)["Records"][0]["EncryptionType"], "KMS")
        self.k.stop_stream_encryption(StreamName="enc", EncryptionType="KMS",
                                      KeyId="alias/aws/kinesis")
        self.assertEqual(self.summary("enc")["EncryptionType"], "NONE")
        # Unencrypted again: AWS leaves EncryptionType out of the answer (fidelity_test.py).
        self.assertNotIn("EncryptionType", self.k.put_record(StreamName="enc", Data=b"x", PartitionKey="k"))

    def test_enhanced_monitoring(self):
        self.k.create_stream(StreamName="mon", ShardCount=1)
        r = self.k.enable_enhanced_monitoring(StreamName="mon", ShardLevelMetrics=["IncomingBytes"])
        self.assertEqual((r["CurrentShardLevelMetrics"], r["DesiredShardLevelMetrics"]),
                         ([], ["IncomingBytes"]))
        r = self.k.enable_enhanced_monitoring(StreamName="mon", ShardLevelMetrics=["ALL"])
        self.assertEqual(len(r["DesiredShardLevelMetrics"]), 7)
        r = self.k.disable_enhanced_monitoring(StreamName="mon",
                                               ShardLevelMetrics=["IncomingBytes", "OutgoingBytes"])
        self.assertEqual(len(r["CurrentShardLevelMetrics"]), 7)
        self.assertNotIn("IncomingBytes", r["DesiredShardLevelMetrics"])
        self.assertEqual(len(r["DesiredShardLevelMetrics"]), 5)
        self.assertEqual(self.summary("mon")["EnhancedMonitoring"][0]["ShardLevelMetrics"],
                         r["DesiredShardLevelMetrics"])

    def test_limits_and_record_size(self):
        limits = self.k.describe_limits()
        self.assertEqual(limits["ShardLimit"], 500)
        self.assertGreaterEqual(limits["OpenShardCount"], 2)
        self.assertEqual(limits["OnDemandStreamCountLimit"], 50)

        self.k.create_stream(StreamName="big", ShardCount=1)
        arn = self.summary("big")["StreamARN"]
        record = b"x" * (1536 * 1024)
        self.assertError("ValidationException", None, self.k.put_record, StreamName="big",
                         Data=record, PartitionKey="k")
        self.k.update_max_record_size(StreamARN=arn, MaxRecordSizeInKiB=2048)
        self.assertEqual(self.summary("big")["MaxRecordSizeInKiB"], 2048)
        self.k.put_record(StreamName="big", Data=record, PartitionKey="k")
        from botocore.config import Config
        raw = harness.boto3_client(self.server, config=Config(parameter_validation=False))
        with self.assertRaises(raw.exceptions.ClientError) as e:
            raw.update_max_record_size(StreamARN=arn, MaxRecordSizeInKiB=100)
        self.assertEqual(e.exception.response["Error"]["Message"],
                         "1 validation error detected: Value '100' at 'maxRecordSizeInKiB' failed "
                         "to satisfy constraint: Member must have value greater than or equal to "
                         "1024")

    def test_resource_policy(self):
        self.k.create_stream(StreamName="pol", ShardCount=1)
        arn = self.summary("pol")["StreamARN"]
        self.assertEqual(self.k.get_resource_policy(ResourceARN=arn)["Policy"], "{}")
        policy = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
                  '{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kinesis:GetRecords",'
                  '"Resource":"%s"}]}' % arn)
        self.k.put_resource_policy(ResourceARN=arn, Policy=policy)
        self.assertEqual(self.k.get_resource_policy(ResourceARN=arn)["Policy"], policy)
        self.assertError("InvalidArgumentException", None, self.k.put_resource_policy,
                         ResourceARN=arn, Policy="not json")
        # A resource-based policy names its principal (the IAM User Guide's "IAM JSON
        # policy elements: Principal"); one kinesisd could not evaluate is refused.
        no_principal = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "kinesis:GetRecords", "Resource": arn}]})
        self.assertError("InvalidArgumentException",
                         "Policy is not a valid resource-based policy: Statement[0] needs "
                         "Principal or NotPrincipal", self.k.put_resource_policy,
                         ResourceARN=arn, Policy=no_principal)
        self.assertEqual(self.k.get_resource_policy(ResourceARN=arn)["Policy"], policy)
        self.k.delete_resource_policy(ResourceARN=arn)
        self.assertEqual(self.k.get_resource_policy(ResourceARN=arn)["Policy"], "{}")
        self.assertError("ResourceNotFoundException", None, self.k.get_resource_policy,
                         ResourceARN=arn.replace("/pol", "/missing"))

    def test_stream_mode(self):
        self.k.create_stream(StreamName="mode", ShardCount=2)
        arn = self.summary("mode")["StreamARN"]
        self.k.update_stream_mode(StreamARN=arn, StreamModeDetails={"StreamMode": "ON_DEMAND"})
        s = self.summary("mode")
        self.assertEqual(s["StreamModeDetails"]["StreamMode"], "ON_DEMAND")
        self.assertEqual(s["OpenShardCount"], 2)
        self.assertEqual(self.k.describe_limits()["OnDemandStreamCount"], 1)
        self.k.update_stream_mode(StreamARN=arn, StreamModeDetails={"StreamMode": "PROVISIONED"})
        self.assertEqual(self.summary("mode")["StreamModeDetails"]["StreamMode"], "PROVISIONED")


if __name__ == "__main__":
    unittest.main()
