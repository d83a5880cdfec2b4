// The data plane driven by the AWS SDK for JavaScript v3 over HTTP/1.1
// (NodeHttpHandler). Run by ctest with KINESISD_ENDPOINT set by run_js.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  KinesisClient, CreateStreamCommand, PutRecordCommand, PutRecordsCommand, GetShardIteratorCommand,
  GetRecordsCommand, ListStreamsCommand, DescribeStreamSummaryCommand, ResourceNotFoundException,
  UpdateStreamRecordDistributionStrategyCommand, DryRunOperationException, ListChannelsCommand,
  CreateChannelCommand, DescribeChannelCommand, DeleteChannelCommand, waitUntilChannelActive,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const client = new KinesisClient({
  endpoint: process.env.KINESISD_ENDPOINT,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "secret" },
  requestHandler: new NodeHttpHandler(),
  maxAttempts: 1,
});

test("create, put, put batch, read back", async () => {
  await client.send(new CreateStreamCommand({ StreamName: "js", ShardCount: 2 }));
  const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: "js" }));
  assert.equal(summary.StreamDescriptionSummary.StreamStatus, "ACTIVE");
  assert.ok(summary.StreamDescriptionSummary.StreamCreationTimestamp instanceof Date);

  const put = await client.send(new PutRecordCommand({
    StreamName: "js", PartitionKey: "a", Data: new TextEncoder().encode("first") }));
  const batch = await client.send(new PutRecordsCommand({
    StreamName: "js",
    Records: [1, 2, 3].map((i) => ({ PartitionKey: "a", Data: new TextEncoder().encode(`n${i}`) })),
  }));
  assert.equal(batch.FailedRecordCount, 0);

  const { ShardIterator } = await client.send(new GetShardIteratorCommand({
    StreamName: "js", ShardId: put.ShardId, ShardIteratorType: "AT_TIMESTAMP",
    Timestamp: new Date(Date.now() - 60_000) }));
  const got = await client.send(new GetRecordsCommand({ ShardIterator }));
  assert.deepEqual(got.Records.map((r) => new TextDecoder().decode(r.Data)), ["first", "n1", "n2", "n3"]);
  assert.ok(got.Records[0].ApproximateArrivalTimestamp instanceof Date);
  assert.equal(got.MillisBehindLatest, 0);

  const list = await client.send(new ListStreamsCommand({}));
  assert.ok(list.StreamNames.includes("js"));
});

test("errors are typed exceptions", async () => {
  await assert.rejects(
    client.send(new DescribeStreamSummaryCommand({ StreamName: "nope" })),
    (e) => e instanceof ResourceNotFoundException &&
      e.message === "Stream nope under account 000000000000 not found.");
});

// The 2026 API as the SDK at its current version sends it: record distribution and DryRun.
test("AUTO record distribution and DryRun", async () => {
  await client.send(new CreateStreamCommand({
    StreamName: "js-auto", StreamModeDetails: { StreamMode: "ON_DEMAND" } }));
  const { StreamDescriptionSummary: s } =
    await client.send(new DescribeStreamSummaryCommand({ StreamName: "js-auto" }));
  assert.equal(s.RecordDistributionStrategy, "USER_PARTITION_KEY");
  await client.send(new UpdateStreamRecordDistributionStrategyCommand({
    StreamARN: s.StreamARN, RecordDistributionStrategy: "AUTO" }));
  const shards = new Set();
  for (let i = 0; i < 8; i++) {  // no key: spread over the 4 shards in turn
    const r = await client.send(new PutRecordCommand({
      StreamName: "js-auto", Data: new TextEncoder().encode(`r${i}`) }));
    shards.add(r.ShardId);
  }
  assert.equal(shards.size, 4);

  await assert.rejects(
    client.send(new PutRecordCommand({
      StreamName: "js-auto", Data: new TextEncoder().encode("dry"), DryRun: true })),
    (e) => e instanceof DryRunOperationException && e.$metadata.httpStatusCode === 400);
  await assert.rejects(
    client.send(new PutRecordCommand({
      StreamName: "nope", Data: new TextEncoder().encode("dry"), DryRun: true })),
    (e) => e instanceof ResourceNotFoundException);
  const channels = await client.send(new ListChannelsCommand({}));
  assert.deepEqual(channels.ChannelSummaries, []);
});

test("a channel, with the SDK's ChannelActive waiter", async () => {
  await client.send(new CreateStreamCommand({
    StreamName: "js-ch", StreamModeDetails: { StreamMode: "ON_DEMAND" } }));
  const created = await client.send(new CreateChannelCommand({
    ChannelName: "js-ch-to-lake",
    ServiceExecutionRoleARN: "arn:aws:iam::000000000000:role/channel",
    StreamConfigurationList: [{
      StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/js-ch",
      RecordConfiguration: { RecordFormatType: "JSON" } }],
    S3DestinationConfiguration: { StorageConfiguration: {
      BucketARN: "arn:aws:s3:::lake", ExpectedBucketOwner: "000000000000",
      CompressionType: "ZSTD" } },
  }));
  const arn = created.ChannelDescription.ChannelARN;
  assert.ok(created.ChannelDescription.ChannelCreationTimestamp instanceof Date);
  await waitUntilChannelActive({ client, maxWaitTime: 10, minDelay: 1 }, { ChannelARN: arn });
  const described = await client.send(new DescribeChannelCommand({ ChannelARN: arn }));
  assert.equal(described.ChannelDescription.S3DestinationConfiguration.StorageConfiguration
    .CompressionType, "ZSTD");
  const listed = await client.send(new ListChannelsCommand({}));
  assert.deepEqual(listed.ChannelSummaries.map((c) => c.ChannelName), ["js-ch-to-lake"]);
  await client.send(new DeleteChannelCommand({ ChannelARN: arn }));
});
