// The AWS SDK for JavaScript v3 with its DEFAULT configuration: no custom
// request handler, so every call opens an HTTP/2 connection (h2c with prior
// knowledge on http://, ALPN h2 on https://). Run by run_js.py with
// KINESISD_ENDPOINT, KINESISD_TLS_ENDPOINT and NODE_EXTRA_CA_CERTS (the
// certificate kinesisd generated) set.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import {
  KinesisClient, CreateStreamCommand, PutRecordCommand, PutRecordsCommand, GetShardIteratorCommand,
  GetRecordsCommand, ListShardsCommand, DescribeStreamSummaryCommand, RegisterStreamConsumerCommand,
  DescribeStreamConsumerCommand, SubscribeToShardCommand, ResourceNotFoundException,
  ResourceInUseException, ValidationException,
} from "@aws-sdk/client-kinesis";

const defaults = {
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "secret" },
  maxAttempts: 1,
};
const transports = {
  h2c: new KinesisClient({ ...defaults, endpoint: process.env.KINESISD_ENDPOINT }),
  tls: new KinesisClient({ ...defaults, endpoint: process.env.KINESISD_TLS_ENDPOINT }),
};
// Open HTTP/2 sessions (a subscription's among them) would keep node alive.
after(() => Object.values(transports).forEach((client) => client.destroy()));
const text = (bytes) => new TextDecoder().decode(bytes);
const bytes = (s) => new TextEncoder().encode(s);

for (const [transport, client] of Object.entries(transports)) {
  test(`data plane over ${transport}`, async () => {
    const StreamName = `js-${transport}`;
    await client.send(new CreateStreamCommand({ StreamName, ShardCount: 2 }));
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName }));
    assert.equal(summary.StreamDescriptionSummary.StreamStatus, "ACTIVE");
    assert.equal(summary.StreamDescriptionSummary.OpenShardCount, 2);

    const first = await client.send(new PutRecordCommand({
      StreamName, PartitionKey: "caller-1", Data: bytes("first") }));
    const batch = await client.send(new PutRecordsCommand({
      StreamName,
      Records: [1, 2, 3].map((i) => ({ PartitionKey: "caller-1", Data: bytes(`n${i}`) })),
    }));
    assert.equal(batch.FailedRecordCount, 0);
    assert.ok(batch.Records.every((r) => r.ShardId === first.ShardId));

    const shards = await client.send(new ListShardsCommand({ StreamName }));
    assert.deepEqual(shards.Shards.map((s) => s.ShardId),
      ["shardId-000000000000", "shardId-000000000001"]);

    const { ShardIterator } = await client.send(new GetShardIteratorCommand({
      StreamName, ShardId: first.ShardId, ShardIteratorType: "AT_TIMESTAMP",
      Timestamp: new Date(Date.now() - 60_000) }));
    const got = await client.send(new GetRecordsCommand({ ShardIterator }));
    assert.deepEqual(got.Records.map((r) => text(r.Data)), ["first", "n1", "n2", "n3"]);
    assert.equal(got.Records[0].SequenceNumber, first.SequenceNumber);
    assert.ok(got.Records[0].ApproximateArrivalTimestamp instanceof Date);

    // A large batch crosses many DATA frames and flow-control windows both ways.
    const big = "x".repeat(10_000);
    const large = await client.send(new PutRecordsCommand({
      StreamName, Records: Array.from({ length: 400 }, (_, i) => ({
        PartitionKey: `k${i}`, Data: bytes(big) })) }));
    assert.equal(large.FailedRecordCount, 0);
    assert.equal(large.Records.length, 400);
  });

  test(`errors are typed exceptions over ${transport}`, async () => {
    await assert.rejects(
      client.send(new DescribeStreamSummaryCommand({ StreamName: "nope" })),
      (e) => e instanceof ResourceNotFoundException &&
        e.message === "Stream nope under account 000000000000 not found." &&
        e.$metadata.httpStatusCode === 400);
    await assert.rejects(
      client.send(new CreateStreamCommand({ StreamName: "bad name!", ShardCount: 1 })),
      (e) => e instanceof ValidationException && /streamName/.test(e.message));
  });
}

async function activeConsumer(client, StreamName, ConsumerName) {
  const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName }));
  const { Consumer } = await client.send(new RegisterStreamConsumerCommand({
    StreamARN: summary.StreamDescriptionSummary.StreamARN, ConsumerName }));
  for (;;) {
    const d = await client.send(new DescribeStreamConsumerCommand({
      ConsumerARN: Consumer.ConsumerARN }));
    if (d.ConsumerDescription.ConsumerStatus === "ACTIVE") return Consumer.ConsumerARN;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const [transport, client] of Object.entries(transports)) {
  test(`SubscribeToShard pushes records written after subscribing, over ${transport}`, async () => {
    const StreamName = `efo-${transport}`;
    await client.send(new CreateStreamCommand({ StreamName, ShardCount: 1 }));
    const ConsumerARN = await activeConsumer(client, StreamName, "reader");
    const ShardId = "shardId-000000000000";
    // Leaving the loop does not end the HTTP/2 stream; aborting does (RST_STREAM).
    const abort = new AbortController();
    const sub = await client.send(new SubscribeToShardCommand({
      ConsumerARN, ShardId, StartingPosition: { Type: "LATEST" } }), { abortSignal: abort.signal });

    // The same consumer and shard again within 5 s: ResourceInUseException.
    await assert.rejects(
      client.send(new SubscribeToShardCommand({
        ConsumerARN, ShardId, StartingPosition: { Type: "LATEST" } })),
      (e) => e instanceof ResourceInUseException);

    const writer = (async () => {
      for (let i = 0; i < 20; i++)
        await client.send(new PutRecordCommand({ StreamName, PartitionKey: "p", Data: bytes(`r${i}`) }));
    })();
    const seen = [];
    let continuation;
    for await (const event of sub.EventStream) {
      const e = event.SubscribeToShardEvent;
      assert.ok(e, `unexpected event ${JSON.stringify(Object.keys(event))}`);
      seen.push(...e.Records.map((r) => text(r.Data)));
      continuation = e.ContinuationSequenceNumber;
      assert.ok(e.MillisBehindLatest >= 0);
      if (seen.length >= 20) break;
    }
    abort.abort();
    await writer;
    assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => `r${i}`));
    assert.match(continuation, /^\d+$/);
  });
}
