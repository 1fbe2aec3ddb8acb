using Orleans.Kinesis.Abstractions.Firehose;

namespace Orleans.Kinesis.Grains.Firehose;

/// <summary>An in-process transform and the Lambda function name that selects it.</summary>
public sealed record FirehoseTransformRegistration(string FunctionName, IFirehoseTransform Transform);
