// Start kinesisd for tests and wait for it, instead of sleeping (Node 18+,
// no dependencies).
//
//   import { startKinesisd } from './kinesisd.mjs';
//   const k = await startKinesisd({ args: ['--streams', 'orders:2'] });
//   new KinesisClient(k.clientConfig());   // endpoint, region, dummy credentials
//   await k.wait();    // every mapping and delivery stream has settled what was put
//   await k.flush();   // Firehose buffers delivered now, then wait()
//   await k.reset();   // back to a fresh start: only --streams / --config remain
//   await k.stop();
//
// The binary is `binary`, else $KINESISD_BIN, else ./build/kinesisd, else
// `kinesisd` on PATH. It listens on a free port (--port 0).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export class NotIdleError extends Error {
  constructor(answer) {
    super(`kinesisd is not idle after ${answer.waited_ms} ms: ${JSON.stringify(answer.pending)}`);
    this.pending = answer.pending;
  }
}

function findBinary(binary) {
  for (const candidate of [binary, process.env.KINESISD_BIN, join('build', 'kinesisd')])
    if (candidate && existsSync(candidate)) return resolve(candidate);
  return 'kinesisd'; // on PATH
}

export class Kinesisd {
  constructor(child, endpoint, region, dir) {
    this.child = child;
    this.endpoint = endpoint;
    this.region = region;
    this.dir = dir;
  }

  // The config of an AWS SDK v3 client of kinesisd (Kinesis, Firehose, Lambda).
  clientConfig() {
    return {
      endpoint: this.endpoint,
      region: this.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
  }

  async post(what, body) {
    const response = await fetch(`${this.endpoint}/_kinesisd/${what}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (response.status === 408) throw new NotIdleError(answer);
    if (!response.ok) throw new Error(`/_kinesisd/${what}: HTTP ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  }

  wait(timeoutMs = 30000) { return this.post('wait', { timeout_ms: timeoutMs }); }
  flush(timeoutMs = 30000) { return this.post('flush', { timeout_ms: timeoutMs }); }
  reset() { return this.post('reset'); }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((done) => this.child.once('exit', done));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function startKinesisd({ binary, args = [], region = 'us-east-1', readyTimeoutMs = 20000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kinesisd-node-'));
  const portFile = join(dir, 'port');
  const child = spawn(findBinary(binary),
    ['--port', '0', '--port-file', portFile, '--region', region, ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  let failed = null;
  child.on('error', (e) => { failed = e; });
  const deadline = Date.now() + readyTimeoutMs;
  while (!existsSync(portFile)) {
    if (failed) throw new Error(`cannot start kinesisd: ${failed.message}`);
    if (child.exitCode !== null) throw new Error(`kinesisd exited with ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kinesisd did not start in ${readyTimeoutMs} ms: ${stderr}`);
    }
    await sleep(5);
  }
  const port = parseInt(readFileSync(portFile, 'utf8'), 10);
  return new Kinesisd(child, `http://127.0.0.1:${port}`, region, dir);
}
