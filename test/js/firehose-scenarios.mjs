#!/usr/bin/env node
// Runs Firehose scenarios against an Orleans.Kinesis endpoint with the real AWS SDK for JavaScript v3
// (@aws-sdk/client-firehose) and reads the delivered objects back from the files-mode bucket folder.
//
// Usage:
//   node test/js/firehose-scenarios.mjs <delivery|errors> --endpoint http://127.0.0.1:<port> --stream <name>
//        --bucket-dir <data>/buckets/<bucket> [--bucket <bucket>] [--h2c] [--timeout-ms 60000]
//
// delivery: creates a GZIP delivery stream with the newline delimiter processor and a zero interval, puts one
//           record with PutRecord and 25 with PutRecordBatch, waits (polling the folder with a deadline) until
//           the objects hold every record, gunzips them and compares every record byte for byte, then deletes.
// errors:   checks the error names, statuses and messages the SDK surfaces.
//
// Output: one JSON object per line on stdout; the last line has "result": "passed" or "failed".
// Exit codes: 0 passed, 1 failed, 2 bad usage.

import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  ListDeliveryStreamsCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
} from '@aws-sdk/client-firehose';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    endpoint: { type: 'string' },
    stream: { type: 'string' },
    bucket: { type: 'string' },
    'bucket-dir': { type: 'string' },
    h2c: { type: 'boolean', default: false },
    'timeout-ms': { type: 'string', default: '60000' },
  },
});

const scenario = positionals[0];
let currentStep = 'start';

function emit(obj) {
  process.stdout.write(`${JSON.stringify({ scenario, ...obj })}\n`);
}

function step(name, details = {}) {
  currentStep = name;
  emit({ step: name, ...details });
}

function client() {
  return new FirehoseClient({
    endpoint: values.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
    requestHandler: values.h2c ? new NodeHttp2Handler({ disableConcurrentStreams: true }) : new NodeHttpHandler(),
  });
}

function describeError(error) {
  return { name: error.name, httpStatusCode: error.$metadata?.httpStatusCode, message: error.message };
}

async function expectError(firehose, name, command) {
  try {
    await firehose.send(command);
    step(name, { error: null });
    return null;
  } catch (error) {
    const details = describeError(error);
    step(name, { error: details });
    return details;
  }
}

function objectsIn(folder) {
  const files = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path.slice(folder.length + 1));
    }
  };
  walk(folder);
  return files.sort();
}

async function delivery(firehose) {
  const name = values.stream;
  const bucket = values.bucket ?? name;
  const created = await firehose.send(new CreateDeliveryStreamCommand({
    DeliveryStreamName: name,
    DeliveryStreamType: 'DirectPut',
    ExtendedS3DestinationConfiguration: {
      RoleARN: 'arn:aws:iam::000000000000:role/firehose',
      BucketARN: `arn:aws:s3:::${bucket}`,
      Prefix: 'js/',
      CompressionFormat: 'GZIP',
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [] }] },
    },
  }));
  step('CreateDeliveryStream', { deliveryStreamARN: created.DeliveryStreamARN });

  let description;
  const activeBy = Date.now() + 10_000;
  do {
    description = (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription;
  } while (description.DeliveryStreamStatus !== 'ACTIVE' && Date.now() < activeBy);
  const s3 = description.Destinations[0].ExtendedS3DestinationDescription;
  step('DescribeDeliveryStream', {
    status: description.DeliveryStreamStatus,
    versionId: description.VersionId,
    compression: s3.CompressionFormat,
    bufferingHints: s3.BufferingHints,
    createTimestampIsDate: description.CreateTimestamp instanceof Date,
  });

  const listed = await firehose.send(new ListDeliveryStreamsCommand({ Limit: 10000 }));
  step('ListDeliveryStreams', { containsStream: listed.DeliveryStreamNames.includes(name) });

  // Hex text without newlines, so the delimiter splits the objects back into the records.
  const sent = Array.from({ length: 26 }, (_, i) => Buffer.from(`${i}:${randomBytes(16 + i * 7).toString('hex')}`));
  const single = await firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: sent[0] } }));
  step('PutRecord', { hasRecordId: typeof single.RecordId === 'string' && single.RecordId.length > 0, encrypted: single.Encrypted });
  const batch = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: sent.slice(1).map((Data) => ({ Data })) }));
  step('PutRecordBatch', {
    failedPutCount: batch.FailedPutCount,
    responses: batch.RequestResponses.length,
    distinctIds: new Set(batch.RequestResponses.map((r) => r.RecordId)).size,
  });

  const deadline = Date.now() + Number(values['timeout-ms']) / 2;
  let received = [];
  let keys = [];
  while (Date.now() < deadline) {
    keys = objectsIn(values['bucket-dir']);
    received = keys.flatMap((key) => gunzipSync(readFileSync(join(values['bucket-dir'], key))).toString('latin1').split('\n').filter((l) => l.length > 0));
    if (received.length >= sent.length) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const expected = sent.map((b) => b.toString('latin1'));
  const identical = received.length === expected.length && expected.every((r) => received.filter((x) => x === r).length === 1);
  step('CompareObjects', {
    objects: keys.length,
    keysUnderPrefix: keys.every((k) => /^js\/\d{4}\/\d\d\/\d\d\/\d\d\//.test(k) && k.endsWith('.gz')),
    sent: expected.length,
    received: received.length,
    identical,
  });

  await firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }));
  const afterwards = await expectError(firehose, 'DescribeAfterDelete', new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
  return identical && afterwards?.name === 'ResourceNotFoundException';
}

async function errors(firehose) {
  const name = values.stream;
  const missing = await expectError(firehose, 'PutRecordMissing', new PutRecordCommand({ DeliveryStreamName: `${name}-missing`, Record: { Data: Buffer.from('x') } }));
  const noDestination = await expectError(firehose, 'CreateWithoutDestination', new CreateDeliveryStreamCommand({ DeliveryStreamName: name }));
  const badHints = await expectError(firehose, 'CreateBadHints', new CreateDeliveryStreamCommand({
    DeliveryStreamName: name,
    ExtendedS3DestinationConfiguration: {
      RoleARN: 'arn:aws:iam::000000000000:role/firehose', BucketARN: 'arn:aws:s3:::b', BufferingHints: { SizeInMBs: 0, IntervalInSeconds: 60 },
    },
  }));
  return missing?.name === 'ResourceNotFoundException' && noDestination?.name === 'InvalidArgumentException' && badHints?.name === 'ValidationException';
}

const Scenarios = { delivery, errors };

async function main() {
  if (!Scenarios[scenario] || !values.endpoint || !values.stream || (scenario === 'delivery' && !values['bucket-dir'])) {
    process.stderr.write('usage: firehose-scenarios.mjs <delivery|errors> --endpoint <url> --stream <name> --bucket-dir <dir> [--bucket <name>] [--h2c]\n');
    process.exit(2);
  }

  const firehose = client();
  try {
    const ok = await Scenarios[scenario](firehose);
    emit({ result: ok ? 'passed' : 'failed' });
    process.exitCode = ok ? 0 : 1;
  } catch (error) {
    emit({ result: 'failed', step: currentStep, error: describeError(error), stack: error.stack });
    process.exitCode = 1;
  } finally {
    firehose.destroy();
  }
}

await main();
