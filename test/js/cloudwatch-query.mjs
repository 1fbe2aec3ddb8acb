// Reads metrics from an Orleans.Kinesis node with the real AWS SDK for JavaScript v3 CloudWatch client.
// usage: node cloudwatch-query.mjs --endpoint http://127.0.0.1:PORT --request '<json>'
//   request: { "start": epochMs, "end": epochMs, "period": seconds,
//              "statistics": [ { "namespace", "metric", "dimensions": {Name: Value}, "statistics": [...] | "extended": ["p99"] } ],
//              "data": [ same shape with "stat" (and "id", "returnData"), or { "id", "expression", "label"? } ],
//                                                             (one GetMetricData call with every query)
//              "list": [ { "namespace", "metric"?, "dimensions"?: [{Name, Value?}] } ] }
// prints one JSON object: { statistics: [GetMetricStatistics outputs], data: GetMetricData output, list: [ListMetrics outputs] }
// and, for a refused call, { error: { name, code, httpStatusCode, message } }.
import {
  CloudWatchClient, GetMetricDataCommand, GetMetricStatisticsCommand, ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const endpoint = option('--endpoint');
const request = JSON.parse(option('--request') ?? '{}');
const client = new CloudWatchClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  maxAttempts: 1,
});
const dimensions = (map) => Object.entries(map ?? {}).map(([Name, Value]) => ({ Name, Value }));
const window = { StartTime: new Date(request.start), EndTime: new Date(request.end) };
const strip = ({ $metadata, ...rest }) => rest;

const output = { statistics: [], list: [] };
try {
  for (const q of request.statistics ?? []) {
    output.statistics.push(strip(await client.send(new GetMetricStatisticsCommand({
      ...window, Namespace: q.namespace, MetricName: q.metric, Dimensions: dimensions(q.dimensions),
      Period: request.period, ...(q.extended ? { ExtendedStatistics: q.extended } : { Statistics: q.statistics }),
    }))));
  }
  if (request.data?.length) {
    output.data = strip(await client.send(new GetMetricDataCommand({
      ...window,
      MetricDataQueries: request.data.map((q, i) => (q.expression !== undefined
        ? { Id: q.id ?? `q${i}`, Expression: q.expression, Label: q.label }
        : {
          Id: q.id ?? `q${i}`,
          ReturnData: q.returnData,
          MetricStat: { Metric: { Namespace: q.namespace, MetricName: q.metric, Dimensions: dimensions(q.dimensions) }, Period: request.period, Stat: q.stat },
        })),
    })));
  }
  for (const q of request.list ?? []) {
    output.list.push(strip(await client.send(new ListMetricsCommand({ Namespace: q.namespace, MetricName: q.metric, Dimensions: q.dimensions }))));
  }
} catch (error) {
  output.error = { name: error.name, code: error.Code, httpStatusCode: error.$metadata?.httpStatusCode, message: error.message };
}
process.stdout.write(JSON.stringify(output) + '\n');
