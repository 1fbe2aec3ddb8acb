namespace Orleans.Kinesis.Abstractions.Firehose;

/// <summary>A processor parameter as on the wire: <c>{ParameterName, ParameterValue}</c>.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.ProcessorParameter")]
public sealed record ProcessorParameter(string ParameterName, string ParameterValue);
