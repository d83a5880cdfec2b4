// The kinesisd container image started by testcontainers (npm), for suites
// that already use it. Not part of the default test run: see README.md.
//   node --test testcontainers.example.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GenericContainer, Wait } from 'testcontainers';
import { KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';

let container, kinesis, endpoint;
before(async () => {
  container = await new GenericContainer(process.env.KINESISD_IMAGE ?? 'kinesisd:latest')
    .withCommand(['--streams', 'orders:2'])
    .withExposedPorts(4567)
    .withWaitStrategy(Wait.forHttp('/health', 4567))
    .start();
  endpoint = `http://${container.getHost()}:${container.getMappedPort(4567)}`;
  kinesis = new KinesisClient({ endpoint, region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
after(() => container?.stop());

test('the declared stream is there; reset keeps it', async () => {
  assert.deepEqual((await kinesis.send(new ListStreamsCommand({}))).StreamNames, ['orders']);
  const reset = await fetch(`${endpoint}/_kinesisd/reset`, { method: 'POST' });
  assert.equal((await reset.json()).streams, 1);
});
