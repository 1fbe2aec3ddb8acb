#!/usr/bin/env node
// Runs wire scenarios against a Kinesis endpoint with the real AWS SDK for JavaScript v3.
//
// Usage:
//   node test/js/kinesis-scenarios.mjs <lifecycle|errors|http2-check|consumers|list-streams> --endpoint http://127.0.0.1:<port>
//        [--stream <name>] [--http1 | --h2-session-per-request] [--region us-east-1] [--timeout-ms 60000]
//
// Transport: HTTP/2 with prior knowledge (h2c) through NodeHttp2Handler unless --http1 is given,
// in which case NodeHttpHandler (HTTP/1.1) is used. The pinned @aws-sdk/client-kinesis already
// defaults to NodeHttp2Handler (with disableConcurrentStreams: true); the handler is set explicitly
// here so the transport never depends on SDK defaults.
//
// Output: one JSON object per line on stdout. The last line has "result": "passed" or "failed".
// Exit codes: 0 passed, 1 failed (unexpected error or mismatch), 2 bad usage.

import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DeregisterStreamConsumerCommand,
  DescribeStreamCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListStreamsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  RegisterStreamConsumerCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';

// A fresh object per client: the SDK annotates the credentials object it is given.
// KINESIS_TEST_ACCESS_KEY_ID / KINESIS_TEST_SECRET_ACCESS_KEY override them (signature verification tests).
function dummyCredentials() {
  return {
    accessKeyId: process.env.KINESIS_TEST_ACCESS_KEY_ID || 'AKIDEXAMPLE',
    secretAccessKey: process.env.KINESIS_TEST_SECRET_ACCESS_KEY || 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  };
}

// The SDK warns on stderr about Node < 22 when a client is built; that is noise for the callers.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const Scenarios = { lifecycle, errors, 'http2-check': http2Check, consumers, 'list-streams': listStreams };

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

// Records which protocol actually carried each response: the response body is the
// ClientHttp2Stream for HTTP/2 and an http.IncomingMessage for HTTP/1.1.
function observe(transport, response) {
  const body = response?.body;
  if (body && body.session) {
    transport.last = {
      httpVersion: '2.0',
      alpnProtocol: body.session.alpnProtocol ?? null,
      encrypted: body.session.encrypted ?? false,
      streamId: body.id ?? null,
    };
  } else if (body && typeof body.httpVersion === 'string') {
    transport.last = { httpVersion: body.httpVersion, alpnProtocol: null, encrypted: Boolean(body.socket?.encrypted), streamId: null };
  } else {
    transport.last = { httpVersion: 'unknown', alpnProtocol: null, encrypted: false, streamId: null };
  }
}

class ObservedHttp2Handler extends NodeHttp2Handler {
  constructor(options, transport) {
    super(options);
    this.transport = transport;
  }

  async handle(request, options) {
    const out = await super.handle(request, options);
    observe(this.transport, out.response);
    return out;
  }
}

class ObservedHttp1Handler extends NodeHttpHandler {
  constructor(options, transport) {
    super(options);
    this.transport = transport;
  }

  async handle(request, options) {
    const out = await super.handle(request, options);
    observe(this.transport, out.response);
    return out;
  }
}

function createClient(args, maxAttempts) {
  const transport = { last: null };
  const requestHandler = args.http1
    ? new ObservedHttp1Handler({ requestTimeout: 15000, connectionTimeout: 5000 }, transport)
    // disableConcurrentStreams: false reuses one h2c session for all calls (the SDK's own default is
    // true: a new session per request); --h2-session-per-request restores that default behaviour.
    : new ObservedHttp2Handler({ requestTimeout: 15000, sessionTimeout: 15000, disableConcurrentStreams: args.h2SessionPerRequest }, transport);
  const client = new KinesisClient({
    endpoint: args.endpoint,
    region: args.region,
    credentials: dummyCredentials(),
    maxAttempts,
    requestHandler,
  });
  return { client, transport, handlerProtocol: requestHandler.metadata.handlerProtocol };
}

function errorInfo(err) {
  return {
    name: err?.name ?? 'Error',
    httpStatusCode: err?.$metadata?.httpStatusCode ?? null,
    message: err?.message ?? String(err),
    requestId: err?.$metadata?.requestId ?? null,
    fault: err?.$fault ?? null,
  };
}

async function send(ctx, command) {
  const op = command.constructor.name.replace(/Command$/, '');
  const output = await ctx.client.send(command);
  return { op, output, meta: { httpStatusCode: output.$metadata.httpStatusCode, attempts: output.$metadata.attempts, httpVersion: ctx.transport.last?.httpVersion ?? null } };
}

async function waitForActive(ctx, streamName) {
  const maxPolls = 200;
  for (let i = 1; i <= maxPolls; i++) {
    const { output } = await send(ctx, new DescribeStreamSummaryCommand({ StreamName: streamName }));
    const status = output.StreamDescriptionSummary?.StreamStatus;
    if (status === 'ACTIVE') {
      return { polls: i, summary: output.StreamDescriptionSummary };
    }
    // Polling a remote server's state machine: a short pause between polls, bounded by maxPolls.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new ScenarioFailure(`stream ${streamName} not ACTIVE after ${maxPolls} polls`);
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

async function lifecycle(args) {
  const ctx = createClient(args, 3);
  const streamName = args.stream;
  try {
    step('CreateStream');
    let r = await send(ctx, new CreateStreamCommand({ StreamName: streamName, ShardCount: 2 }));
    emit({ step: 'CreateStream', streamName, shardCount: 2, ...r.meta });

    step('DescribeStreamSummary');
    const active = await waitForActive(ctx, streamName);
    emit({
      step: 'DescribeStreamSummary',
      streamName,
      status: active.summary.StreamStatus,
      openShardCount: active.summary.OpenShardCount,
      streamARN: active.summary.StreamARN,
      polls: active.polls,
    });

    step('ListStreams');
    r = await send(ctx, new ListStreamsCommand({}));
    const names = r.output.StreamNames ?? [];
    emit({ step: 'ListStreams', containsStream: names.includes(streamName), streamCount: names.length, ...r.meta });
    check(names.includes(streamName), 'ListStreams does not contain the stream', { names });

    step('ListShards');
    r = await send(ctx, new ListShardsCommand({ StreamName: streamName }));
    const shards = r.output.Shards ?? [];
    emit({
      step: 'ListShards',
      shards: shards.map((s) => ({
        shardId: s.ShardId,
        startingHashKey: s.HashKeyRange?.StartingHashKey,
        endingHashKey: s.HashKeyRange?.EndingHashKey,
        startingSequenceNumber: s.SequenceNumberRange?.StartingSequenceNumber,
      })),
      ...r.meta,
    });
    check(shards.length === 2, `expected 2 shards, got ${shards.length}`);

    // Binary payloads (every byte value, random bytes) so that base64 handling is exercised.
    const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const sent = [];

    step('PutRecord');
    const single = { partitionKey: 'pk-single', data: allBytes };
    r = await send(ctx, new PutRecordCommand({ StreamName: streamName, PartitionKey: single.partitionKey, Data: single.data }));
    sent.push({ ...single, shardId: r.output.ShardId, sequenceNumber: r.output.SequenceNumber });
    emit({ step: 'PutRecord', shardId: r.output.ShardId, sequenceNumber: r.output.SequenceNumber, ...r.meta });
    check(typeof r.output.SequenceNumber === 'string' && /^(0|[1-9]\d{0,128})$/.test(r.output.SequenceNumber), 'PutRecord returned a malformed SequenceNumber');

    step('PutRecords');
    const batch = [
      { partitionKey: 'alpha', data: new Uint8Array(randomBytes(100)) },
      { partitionKey: 'bravo', data: new Uint8Array(randomBytes(1000)) },
      { partitionKey: 'charlie-0123456789', data: new TextEncoder().encode('plain text ✓ record') },
    ];
    r = await send(ctx, new PutRecordsCommand({
      StreamName: streamName,
      Records: batch.map((b) => ({ PartitionKey: b.partitionKey, Data: b.data })),
    }));
    const entries = r.output.Records ?? [];
    emit({
      step: 'PutRecords',
      failedRecordCount: r.output.FailedRecordCount ?? 0,
      records: entries.map((e) => ({ shardId: e.ShardId, sequenceNumber: e.SequenceNumber, errorCode: e.ErrorCode ?? null })),
      ...r.meta,
    });
    check((r.output.FailedRecordCount ?? 0) === 0 && entries.length === 3, 'PutRecords did not store all 3 records');
    batch.forEach((b, i) => sent.push({ ...b, shardId: entries[i].ShardId, sequenceNumber: entries[i].SequenceNumber }));

    step('GetRecords');
    const received = new Map();
    for (const shard of shards) {
      r = await send(ctx, new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      emit({ step: 'GetShardIterator', shardId: shard.ShardId, iteratorType: 'TRIM_HORIZON', ...r.meta });
      let iterator = r.output.ShardIterator;
      const expectedOnShard = sent.filter((s) => s.shardId === shard.ShardId).length;
      let seenOnShard = 0;
      let calls = 0;
      const maxCalls = 20;
      while (iterator && calls < maxCalls && seenOnShard < expectedOnShard) {
        calls++;
        r = await send(ctx, new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        for (const rec of r.output.Records ?? []) {
          received.set(rec.SequenceNumber, { shardId: shard.ShardId, partitionKey: rec.PartitionKey, data: rec.Data });
          seenOnShard++;
        }
        iterator = r.output.NextShardIterator;
      }
      emit({ step: 'GetRecords', shardId: shard.ShardId, calls, records: seenOnShard, expected: expectedOnShard, millisBehindLatest: r.output.MillisBehindLatest ?? null });
    }

    step('CompareRecords');
    const comparisons = sent.map((s) => {
      const got = received.get(s.sequenceNumber);
      const same = Boolean(got) && got.shardId === s.shardId && got.partitionKey === s.partitionKey
        && Buffer.compare(Buffer.from(got.data), Buffer.from(s.data)) === 0;
      return {
        sequenceNumber: s.sequenceNumber,
        shardId: s.shardId,
        partitionKey: s.partitionKey,
        bytes: s.data.length,
        sha256: sha256(s.data),
        found: Boolean(got),
        identical: same,
      };
    });
    emit({ step: 'CompareRecords', sent: sent.length, received: received.size, records: comparisons });
    check(comparisons.every((c) => c.identical), 'records read back differ from records written');
    check(received.size === sent.length, `read ${received.size} records, wrote ${sent.length}`);

    step('DeleteStream');
    r = await send(ctx, new DeleteStreamCommand({ StreamName: streamName }));
    emit({ step: 'DeleteStream', streamName, ...r.meta });
  } finally {
    ctx.client.destroy();
  }
}

async function expectError(ctx, stepName, expectedName, command) {
  step(stepName);
  try {
    const r = await send(ctx, command);
    emit({ step: stepName, expected: expectedName, error: null, matched: false, ...r.meta });
    return false;
  } catch (err) {
    const info = errorInfo(err);
    const matched = info.name === expectedName;
    emit({ step: stepName, expected: expectedName, error: info, httpVersion: ctx.transport.last?.httpVersion ?? null, matched });
    return matched;
  }
}

// One signed ListStreams call, not retried: reports the outcome (used to test signature verification).
async function listStreams(args) {
  const ctx = createClient(args, 1);
  step('ListStreams');
  const response = await send(ctx, new ListStreamsCommand({}));
  emit({ step: 'ListStreams', httpStatusCode: response.meta.httpStatusCode, httpVersion: response.meta.httpVersion, streams: response.output.StreamNames?.length ?? 0 });
}

async function errors(args) {
  const ctx = createClient(args, 1);
  const streamName = args.stream;
  let created = false;
  try {
    const results = [];
    results.push(await expectError(ctx, 'DescribeStreamMissing', 'ResourceNotFoundException',
      new DescribeStreamCommand({ StreamName: `${streamName}-missing` })));

    step('CreateStream');
    await send(ctx, new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 }));
    created = true;
    step('DescribeStreamSummary');
    await waitForActive(ctx, streamName);
    emit({ step: 'CreateStream', streamName });

    results.push(await expectError(ctx, 'PutRecordEmptyPartitionKey', 'ValidationException',
      new PutRecordCommand({ StreamName: streamName, PartitionKey: '', Data: new Uint8Array([1, 2, 3]) })));
    results.push(await expectError(ctx, 'GetRecordsGarbageIterator', 'InvalidArgumentException',
      new GetRecordsCommand({ ShardIterator: 'this-is-not-a-shard-iterator-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })));

    check(results.every(Boolean), 'an error scenario did not produce the expected error');
  } finally {
    if (created) {
      try {
        step('DeleteStream');
        await send(ctx, new DeleteStreamCommand({ StreamName: streamName }));
      } catch (err) {
        emit({ step: 'DeleteStream', cleanupError: errorInfo(err) });
      }
    }
    ctx.client.destroy();
  }
}

async function http2Check(args) {
  const ctx = createClient(args, 1);
  const expected = args.http1 ? '1.1' : '2.0';
  try {
    const calls = [];
    for (let i = 0; i < 3; i++) {
      step(`ListStreams#${i + 1}`);
      ctx.transport.last = null;
      const r = await send(ctx, new ListStreamsCommand({ Limit: 1 }));
      calls.push({ httpStatusCode: r.meta.httpStatusCode, ...ctx.transport.last });
    }
    const ok = calls.every((c) => c.httpVersion === expected && (expected !== '2.0' || c.encrypted === false));
    emit({
      step: 'ProtocolCheck',
      handlerProtocol: ctx.handlerProtocol,
      expectedHttpVersion: expected,
      calls,
      // HTTP/2 stream ids grow within one session (1, 3, 5): proof that one h2c session carried them all.
      sameSession: expected === '2.0' && !args.h2SessionPerRequest ? calls.every((c, i) => i === 0 || c.streamId > calls[i - 1].streamId) : null,
      ok,
    });
    check(ok, `responses did not arrive over HTTP/${expected}`);
  } finally {
    ctx.client.destroy();
  }
}

// Polls DescribeStreamConsumer until the consumer has the status (or, for null, is gone), bounded by maxPolls.
async function waitForConsumer(ctx, consumerARN, status) {
  const maxPolls = 200;
  for (let i = 1; i <= maxPolls; i++) {
    try {
      const { output } = await send(ctx, new DescribeStreamConsumerCommand({ ConsumerARN: consumerARN }));
      if (output.ConsumerDescription?.ConsumerStatus === status) {
        return { polls: i, description: output.ConsumerDescription };
      }
    } catch (err) {
      if (status === null && err?.name === 'ResourceNotFoundException') {
        return { polls: i, error: errorInfo(err) };
      }
      throw err;
    }
    // Polling a remote server's state machine: a short pause between polls, bounded by maxPolls.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new ScenarioFailure(`consumer ${consumerARN} not ${status ?? 'gone'} after ${maxPolls} polls`);
}

async function consumers(args) {
  const ctx = createClient(args, 3);
  const streamName = args.stream;
  const consumerName = 'reader';
  let created = false;
  try {
    step('CreateStream');
    await send(ctx, new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 }));
    created = true;
    step('DescribeStreamSummary');
    const active = await waitForActive(ctx, streamName);
    const streamARN = active.summary.StreamARN;
    emit({ step: 'CreateStream', streamName, streamARN });

    step('RegisterStreamConsumer');
    let r = await send(ctx, new RegisterStreamConsumerCommand({ StreamARN: streamARN, ConsumerName: consumerName }));
    const consumer = r.output.Consumer;
    emit({
      step: 'RegisterStreamConsumer',
      consumerName: consumer?.ConsumerName,
      consumerARN: consumer?.ConsumerARN,
      status: consumer?.ConsumerStatus,
      creationTimestamp: consumer?.ConsumerCreationTimestamp?.toISOString() ?? null,
      ...r.meta,
    });

    step('DescribeStreamConsumer');
    const described = await waitForConsumer(ctx, consumer.ConsumerARN, 'ACTIVE');
    emit({
      step: 'DescribeStreamConsumer',
      status: described.description.ConsumerStatus,
      consumerARN: described.description.ConsumerARN,
      streamARN: described.description.StreamARN,
      creationTimestamp: described.description.ConsumerCreationTimestamp?.toISOString() ?? null,
      polls: described.polls,
    });

    step('ListStreamConsumers');
    r = await send(ctx, new ListStreamConsumersCommand({ StreamARN: streamARN }));
    const listed = (r.output.Consumers ?? []).map((c) => ({ consumerName: c.ConsumerName, consumerARN: c.ConsumerARN, status: c.ConsumerStatus }));
    emit({ step: 'ListStreamConsumers', consumers: listed, ...r.meta });

    step('DeregisterStreamConsumer');
    r = await send(ctx, new DeregisterStreamConsumerCommand({ ConsumerARN: consumer.ConsumerARN }));
    const gone = await waitForConsumer(ctx, consumer.ConsumerARN, null);
    emit({ step: 'DeregisterStreamConsumer', gone: Boolean(gone.error), afterwards: gone.error, polls: gone.polls, ...r.meta });
  } finally {
    if (created) {
      try {
        step('DeleteStream');
        await send(ctx, new DeleteStreamCommand({ StreamName: streamName, EnforceConsumerDeletion: true }));
      } catch (err) {
        emit({ step: 'DeleteStream', cleanupError: errorInfo(err) });
      }
    }
    ctx.client.destroy();
  }
}

function usage(message) {
  emit({ result: 'failed', step: 'usage', error: { name: 'UsageError', message, httpStatusCode: null } });
  process.stderr.write(`usage: node kinesis-scenarios.mjs <${Object.keys(Scenarios).join('|')}> --endpoint http://127.0.0.1:<port> [--stream <name>] [--http1 | --h2-session-per-request] [--region us-east-1] [--timeout-ms 60000]\n`);
  process.exit(2);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        endpoint: { type: 'string' },
        scenario: { type: 'string' },
        stream: { type: 'string' },
        region: { type: 'string', default: 'us-east-1' },
        http1: { type: 'boolean', default: false },
        'h2-session-per-request': { type: 'boolean', default: false },
        'timeout-ms': { type: 'string', default: '60000' },
      },
    });
  } catch (err) {
    usage(err.message);
  }
  const { values, positionals } = parsed;
  currentScenario = values.scenario ?? positionals[0] ?? 'none';
  const run = Scenarios[currentScenario];
  if (!run) {
    usage(`unknown scenario '${currentScenario}'`);
  }
  if (!values.endpoint || !/^https?:\/\/[^/]+\/?$/.test(values.endpoint)) {
    usage('--endpoint http://host:port is required');
  }
  const timeoutMs = Number.parseInt(values['timeout-ms'], 10);
  const args = {
    endpoint: values.endpoint,
    region: values.region,
    http1: values.http1,
    h2SessionPerRequest: values['h2-session-per-request'],
    stream: values.stream ?? `js-${currentScenario}-${randomBytes(4).toString('hex')}`,
  };
  if (!/^[a-zA-Z0-9_.-]{1,128}$/.test(args.stream)) {
    usage('--stream must match [a-zA-Z0-9_.-]{1,128}');
  }

  const watchdog = setTimeout(() => {
    emit({ result: 'failed', step: currentStep, error: { name: 'Timeout', message: `scenario did not finish within ${timeoutMs} ms (stuck in step ${currentStep})`, httpStatusCode: null } });
    process.exit(1);
  }, timeoutMs);
  watchdog.unref();

  const started = process.hrtime.bigint();
  emit({ step: 'start', endpoint: args.endpoint, streamName: args.stream, transport: args.http1 ? 'http/1.1' : 'h2c' });
  try {
    await run(args);
    emit({ result: 'passed', durationMs: Number(process.hrtime.bigint() - started) / 1e6 });
    process.exitCode = 0;
  } catch (err) {
    emit({ result: 'failed', step: currentStep, error: errorInfo(err), details: err?.details ?? null });
    if (!err?.$metadata) {
      process.stderr.write(`${err?.stack ?? err}\n`);
    }
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
  }
}

await main();
