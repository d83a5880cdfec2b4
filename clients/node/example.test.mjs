// node --test example.test.mjs: one kinesisd for the file, reset before each test.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { KinesisClient, ListStreamsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { startKinesisd } from './kinesisd.mjs';

let k, kinesis;
before(async () => {
  k = await startKinesisd({ args: ['--streams', 'orders:2'] });
  kinesis = new KinesisClient(k.clientConfig());
});
after(() => k.stop());
beforeEach(() => k.reset());

test('a put is settled at once when nothing reads the stream', async () => {
  await kinesis.send(new PutRecordCommand({ StreamName: 'orders', Data: Buffer.from('{}'), PartitionKey: 'a' }));
  assert.equal((await k.wait()).idle, true);
});

test('a stream made by a test is gone for the next', async () => {
  const { CreateStreamCommand } = await import('@aws-sdk/client-kinesis');
  await kinesis.send(new CreateStreamCommand({ StreamName: 'scratch', ShardCount: 1 }));
  assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, ['orders', 'scratch']);
});

test('only the declared stream is left after a reset', async () => {
  assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, ['orders']);
});
