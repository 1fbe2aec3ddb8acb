namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>The shard-level metrics of a stream before and after Enable/DisableEnhancedMonitoring.</summary>
[GenerateSerializer, Immutable, Alias("kinesis.MetricsChange")]
public sealed record MetricsChange(IReadOnlyList<string> Current, IReadOnlyList<string> Desired);
