using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Orleans.Kinesis.Gateway.Rest.Metrics;
using Orleans.Kinesis.Gateway.Rest.Models;

namespace Orleans.Kinesis.Gateway.Rest;

/// <summary>Source-generated JSON for the REST API's resources (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StreamList))]
[JsonSerializable(typeof(CreateStreamBody))]
[JsonSerializable(typeof(ReshardBody))]
[JsonSerializable(typeof(ReshardResult))]
[JsonSerializable(typeof(ShardMetricsBody))]
[JsonSerializable(typeof(ShardList))]
[JsonSerializable(typeof(RecordInput))]
[JsonSerializable(typeof(RecordBatchInput))]
[JsonSerializable(typeof(PutRecordResult))]
[JsonSerializable(typeof(PutRecordsResult))]
[JsonSerializable(typeof(RecordPage))]
[JsonSerializable(typeof(ConsumerList))]
[JsonSerializable(typeof(ConsumerResource))]
[JsonSerializable(typeof(RegisterConsumerBody))]
[JsonSerializable(typeof(DeliveryStreamList))]
[JsonSerializable(typeof(FirehosePutResult))]
[JsonSerializable(typeof(MetricSeries))]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class RestJsonContext : JsonSerializerContext;
