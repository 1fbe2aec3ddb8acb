#!/usr/bin/env node
// SubscribeToShard (enhanced fan-out) with the real AWS SDK for JavaScript v3 over h2c (NodeHttp2Handler).
//
// Usage:
//   node test/js/subscribe-scenarios.mjs <order-resume|shard-end|takeover|heartbeat> --endpoint http://127.0.0.1:<port>
//        [--stream <name>] [--timeout-ms 60000]
//
// Output: one JSON object per line on stdout; the last line has "result": "passed" or "failed".
// Exit codes: 0 passed, 1 failed, 2 bad usage.
// Waits on the server's real-time rules (the 5 s takeover window, 1 call/s, 5 s heartbeats) poll with a deadline.

import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  CreateStreamCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  PutRecordCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
  SubscribeToShardCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttp2Handler } from '@smithy/node-http-handler';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const Shard0 = 'shardId-000000000000';
const Scenarios = { 'order-resume': orderResume, 'shard-end': shardEnd, takeover, heartbeat };
let currentScenario = 'none';
let currentStep = 'start';

function emit(obj) {
  process.stdout.write(`${JSON.stringify({ scenario: currentScenario, ...obj })}\n`);
}

function step(name) {
  currentStep = name;
}

class ScenarioFailure extends Error {
  constructor(message, details) {
    super(message);
    this.name = 'ScenarioFailure';
    this.details = details;
  }
}

function check(condition, message, details) {
  if (!condition) {
    throw new ScenarioFailure(message, details);
  }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function createClient(endpoint) {
  return new KinesisClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
    requestHandler: new NodeHttp2Handler({ requestTimeout: 20000, sessionTimeout: 20000, disableConcurrentStreams: true }),
  });
}

// Polls a condition of the remote server with a deadline (short pauses between polls).
async function until(what, deadlineMs, probe) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    check(Date.now() - started < deadlineMs, `${what}: not reached within ${deadlineMs} ms`);
    await pause(100);
  }
}

async function streamWithConsumer(client, stream) {
  step('CreateStream');
  await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
  const arn = await until('stream ACTIVE', 20000, async () => {
    const { StreamDescriptionSummary: s } = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
    return s.StreamStatus === 'ACTIVE' ? s.StreamARN : undefined;
  });
  step('RegisterStreamConsumer');
  const { Consumer } = await client.send(new RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'efo' }));
  await until('consumer ACTIVE', 20000, async () => {
    const { ConsumerDescription: c } = await client.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer.ConsumerARN }));
    return c.ConsumerStatus === 'ACTIVE' ? true : undefined;
  });
  emit({ step: 'ready', streamName: stream, consumerARN: Consumer.ConsumerARN });
  return Consumer.ConsumerARN;
}

async function put(client, stream, ...texts) {
  const sequences = [];
  for (const text of texts) {
    const out = await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'pk', Data: Buffer.from(text) }));
    sequences.push(out.SequenceNumber);
  }
  return sequences;
}

// Subscribes; retries while the server answers ResourceInUse/LimitExceeded (previous subscription still within its
// 5 s window, or 1 call/s), up to a deadline. Returns { events, abort } where events is the SDK's async iterable.
async function subscribe(client, consumerARN, position, { retry = true } = {}) {
  return until('SubscribeToShard accepted', 12000, async () => {
    const controller = new AbortController();
    try {
      const out = await client.send(new SubscribeToShardCommand({ ConsumerARN: consumerARN, ShardId: Shard0, StartingPosition: position }), { abortSignal: controller.signal });
      return { events: out.EventStream, abort: () => controller.abort(), status: out.$metadata.httpStatusCode };
    } catch (err) {
      if (retry && (err.name === 'ResourceInUseException' || err.name === 'LimitExceededException')) {
        return undefined;
      }
      throw err;
    }
  });
}

// Reads events until `count` records arrived; returns { records, last } (last = the last SubscribeToShardEvent).
async function readRecords(iterator, count) {
  const records = [];
  let last;
  while (records.length < count) {
    const { value, done } = await iterator.next();
    check(!done, `the event stream ended after ${records.length} of ${count} records`);
    check(value.SubscribeToShardEvent, 'expected a SubscribeToShardEvent', Object.keys(value));
    last = value.SubscribeToShardEvent;
    records.push(...last.Records);
  }
  check(records.length === count, `expected ${count} records, got ${records.length}`);
  return { records, last };
}

const text = (record) => Buffer.from(record.Data).toString();

async function orderResume(args) {
  const client = createClient(args.endpoint);
  const consumer = await streamWithConsumer(client, args.stream);
  const stored = await put(client, args.stream, 'r1', 'r2', 'r3', 'r4', 'r5');

  step('subscribe TRIM_HORIZON');
  const first = await subscribe(client, consumer, { Type: 'TRIM_HORIZON' }, { retry: false });
  const it = first.events[Symbol.asyncIterator]();
  const a = await readRecords(it, 5);
  const live = await put(client, args.stream, 'r6', 'r7', 'r8');
  const b = await readRecords(it, 3);
  const all = [...a.records, ...b.records];
  check(JSON.stringify(all.map(text)) === JSON.stringify(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']), 'records out of order', all.map(text));
  check(JSON.stringify(all.map((r) => r.SequenceNumber)) === JSON.stringify([...stored, ...live]), 'sequence numbers differ from PutRecord');
  const continuation = b.last.ContinuationSequenceNumber;
  check(continuation === live[2], 'ContinuationSequenceNumber is not the last record', { continuation, last: live[2] });
  emit({ step: 'first subscription', records: all.length, continuation, httpStatusCode: first.status });
  first.abort();

  step('resubscribe AFTER_SEQUENCE_NUMBER');
  await put(client, args.stream, 'r9', 'r10');
  const second = await subscribe(client, consumer, { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: continuation });
  const c = await readRecords(second.events[Symbol.asyncIterator](), 2);
  check(JSON.stringify(c.records.map(text)) === JSON.stringify(['r9', 'r10']), 'resumed with a gap or a duplicate', c.records.map(text));
  emit({ step: 'resumed', records: c.records.map(text) });
  second.abort();
}

async function shardEnd(args) {
  const client = createClient(args.endpoint);
  const consumer = await streamWithConsumer(client, args.stream);
  await put(client, args.stream, 'before-split');
  step('SplitShard');
  await client.send(new SplitShardCommand({ StreamName: args.stream, ShardToSplit: Shard0, NewStartingHashKey: '170141183460469231731687303715884105728' }));

  step('subscribe to the closed shard');
  const sub = await subscribe(client, consumer, { Type: 'TRIM_HORIZON' }, { retry: false });
  const records = [];
  let last;
  for await (const event of sub.events) {
    last = event.SubscribeToShardEvent;
    check(last, 'expected a SubscribeToShardEvent', Object.keys(event));
    records.push(...last.Records.map(text));
  }
  check(JSON.stringify(records) === '["before-split"]', 'records of the closed shard', records);
  check(last.ContinuationSequenceNumber === undefined || last.ContinuationSequenceNumber === null, 'the last event has a ContinuationSequenceNumber', last);
  const children = (last.ChildShards ?? []).map((c) => c.ShardId);
  check(JSON.stringify(children) === '["shardId-000000000001","shardId-000000000002"]', 'ChildShards of the last event', last.ChildShards);
  emit({ step: 'shard end', records, childShards: children });
}

async function takeover(args) {
  const client = createClient(args.endpoint);
  const consumer = await streamWithConsumer(client, args.stream);
  step('first subscription');
  const first = await subscribe(client, consumer, { Type: 'LATEST' }, { retry: false });
  const firstIt = first.events[Symbol.asyncIterator]();
  await readRecords(firstIt, 0);
  await firstIt.next();

  step('second subscription within 5 s');
  let refused = null;
  try {
    const early = await subscribe(client, consumer, { Type: 'LATEST' }, { retry: false });
    early.abort();
  } catch (err) {
    refused = err.name;
  }
  check(refused === 'ResourceInUseException', 'a second subscription within 5 s was not refused', { refused });

  step('takeover after 5 s');
  const second = await subscribe(client, consumer, { Type: 'LATEST' });
  let ended = null;
  try {
    for (;;) {
      const { done } = await firstIt.next();
      if (done) {
        break;
      }
    }
  } catch (err) {
    ended = err.name;
  }
  check(ended === 'ResourceInUseException', 'the taken-over subscription did not end with ResourceInUseException', { ended });
  await put(client, args.stream, 'after-takeover');
  const got = await readRecords(second.events[Symbol.asyncIterator](), 1);
  check(text(got.records[0]) === 'after-takeover', 'the new subscription did not get the record');
  emit({ step: 'takeover', refused, ended });
  second.abort();
}

async function heartbeat(args) {
  const client = createClient(args.endpoint);
  const consumer = await streamWithConsumer(client, args.stream);
  step('idle subscription');
  const sub = await subscribe(client, consumer, { Type: 'LATEST' }, { retry: false });
  const it = sub.events[Symbol.asyncIterator]();
  const started = Date.now();
  const beats = [];
  while (beats.length < 2) {
    const { value, done } = await it.next();
    check(!done, 'the stream ended while idle');
    check(value.SubscribeToShardEvent.Records.length === 0, 'an idle event carried records');
    beats.push(Date.now() - started);
  }
  check(beats[1] - beats[0] < 8000, 'no heartbeat within 8 s of the first event', beats);
  emit({ step: 'heartbeats', atMs: beats });
  sub.abort();
}

function usage(message) {
  emit({ result: 'failed', step: 'usage', error: { name: 'UsageError', message } });
  process.stderr.write(`usage: node subscribe-scenarios.mjs <${Object.keys(Scenarios).join('|')}> --endpoint http://127.0.0.1:<port> [--stream <name>] [--timeout-ms 60000]\n`);
  process.exit(2);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { endpoint: { type: 'string' }, stream: { type: 'string' }, 'timeout-ms': { type: 'string', default: '60000' } },
    });
  } catch (err) {
    usage(err.message);
  }
  const { values, positionals } = parsed;
  currentScenario = positionals[0] ?? 'none';
  const run = Scenarios[currentScenario];
  if (!run) {
    usage(`unknown scenario '${currentScenario}'`);
  }
  if (!values.endpoint || !/^https?:\/\/[^/]+\/?$/.test(values.endpoint)) {
    usage('--endpoint http://host:port is required');
  }
  const args = { endpoint: values.endpoint.replace(/\/$/, ''), stream: values.stream ?? `js-efo-${randomBytes(4).toString('hex')}` };
  const timeoutMs = Number.parseInt(values['timeout-ms'], 10);
  const watchdog = setTimeout(() => {
    emit({ result: 'failed', step: currentStep, error: { name: 'Timeout', message: `scenario did not finish within ${timeoutMs} ms (stuck in step ${currentStep})` } });
    process.exit(1);
  }, timeoutMs);
  watchdog.unref();
  try {
    await run(args);
    emit({ result: 'passed' });
    process.exitCode = 0;
  } catch (err) {
    emit({ result: 'failed', step: currentStep, error: { name: err?.name, message: err?.message, httpStatusCode: err?.$metadata?.httpStatusCode ?? null }, details: err?.details ?? null });
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
  }
  // Aborted h2 sessions may linger; the scenario is over.
  process.exit(process.exitCode);
}

await main();
