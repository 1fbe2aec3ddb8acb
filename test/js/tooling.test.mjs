// Self-test of the wire tooling: runs kinesis-scenarios.mjs against kinesalite (HTTP/1.1) and against an
// in-process h2c server, and checks the JSON-lines contract the C# tests rely on.
// Run: node --test test/js/
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import http2 from 'node:http2';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scenariosScript = join(here, 'kinesis-scenarios.mjs');

let kinesalite;
let kinesaliteEndpoint;
let h2Server;
let h2Endpoint;

function startKinesalite() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'kinesalite-loopback.cjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const guard = setTimeout(() => reject(new Error('kinesalite printed no endpoint within 30 s')), 30000);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (match) {
        clearTimeout(guard);
        resolve({ child, endpoint: match[0] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(guard);
      reject(new Error(`kinesalite exited with ${code} before it was ready`));
    });
  });
}

// A minimal h2c server that answers every Kinesis call like an empty ListStreams.
function startH2cServer() {
  return new Promise((resolve) => {
    const server = http2.createServer();
    server.on('stream', (stream) => {
      stream.resume();
      stream.on('end', () => {
        stream.respond({ ':status': 200, 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'h2c-test' });
        stream.end(JSON.stringify({ StreamNames: [], HasMoreStreams: false }));
      });
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, endpoint: `http://127.0.0.1:${server.address().port}` }));
  });
}

function runScenario(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [scenariosScript, ...args], { timeout: 60000 }, (error, stdout, stderr) => {
      const lines = stdout.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
      resolve({ code: error ? (error.code ?? 1) : 0, lines, stdout, stderr, last: lines.at(-1), step: (name) => lines.find((l) => l.step === name) });
    });
  });
}

before(async () => {
  ({ child: kinesalite, endpoint: kinesaliteEndpoint } = await startKinesalite());
  ({ server: h2Server, endpoint: h2Endpoint } = await startH2cServer());
});

after(() => {
  kinesalite?.kill();
  h2Server?.close();
});

describe('kinesis-scenarios.mjs', () => {
  test('lifecycle over HTTP/1.1 reads every record back byte for byte', async () => {
    const r = await runScenario(['lifecycle', '--endpoint', kinesaliteEndpoint, '--http1', '--stream', 'tooling-lifecycle']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.last.result, 'passed');
    assert.equal(r.step('DescribeStreamSummary').status, 'ACTIVE');
    assert.equal(r.step('ListShards').shards.length, 2);
    assert.equal(r.step('PutRecords').failedRecordCount, 0);
    const compare = r.step('CompareRecords');
    assert.equal(compare.records.length, 4);
    assert.ok(compare.records.every((c) => c.identical), JSON.stringify(compare));
    assert.ok(r.lines.filter((l) => l.httpVersion).every((l) => l.httpVersion === '1.1'));
  });

  test('errors over HTTP/1.1 report the expected error names with HTTP 400', async () => {
    const r = await runScenario(['errors', '--endpoint', kinesaliteEndpoint, '--http1', '--stream', 'tooling-errors']);
    assert.equal(r.code, 0, JSON.stringify(r.lines));
    for (const [step, name] of [
      ['DescribeStreamMissing', 'ResourceNotFoundException'],
      ['PutRecordEmptyPartitionKey', 'ValidationException'],
      ['GetRecordsGarbageIterator', 'InvalidArgumentException'],
    ]) {
      const line = r.step(step);
      assert.equal(line.error.name, name);
      assert.equal(line.error.httpStatusCode, 400);
      assert.equal(line.matched, true);
    }
  });

  test('http2-check proves one h2c session carried every call', async () => {
    const r = await runScenario(['http2-check', '--endpoint', h2Endpoint]);
    assert.equal(r.code, 0, JSON.stringify(r.lines));
    const check = r.step('ProtocolCheck');
    assert.equal(check.handlerProtocol, 'h2');
    assert.deepEqual(check.calls.map((c) => [c.httpVersion, c.alpnProtocol, c.streamId]), [['2.0', 'h2c', 1], ['2.0', 'h2c', 3], ['2.0', 'h2c', 5]]);
    assert.equal(check.sameSession, true);
  });

  test('http2-check with a session per request (the SDK default) still uses h2c', async () => {
    const r = await runScenario(['http2-check', '--endpoint', h2Endpoint, '--h2-session-per-request']);
    assert.equal(r.code, 0, JSON.stringify(r.lines));
    assert.deepEqual(r.step('ProtocolCheck').calls.map((c) => [c.httpVersion, c.streamId]), [['2.0', 1], ['2.0', 1], ['2.0', 1]]);
  });

  test('h2c against an HTTP/1.1-only server fails with an error line and exit code 1', async () => {
    const r = await runScenario(['http2-check', '--endpoint', kinesaliteEndpoint]);
    assert.equal(r.code, 1);
    assert.equal(r.last.result, 'failed');
    assert.equal(r.last.step, 'ListStreams#1');
  });

  test('an unknown scenario is a usage error with exit code 2', async () => {
    const r = await runScenario(['no-such-scenario', '--endpoint', kinesaliteEndpoint]);
    assert.equal(r.code, 2);
    assert.equal(r.last.error.name, 'UsageError');
  });
});
