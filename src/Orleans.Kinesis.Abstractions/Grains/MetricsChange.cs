namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>The shard-level metrics of a stream before and after Enable/DisableEnhancedMonitoring.</summary>
public sealed record MetricsChange(IReadOnlyList<string> Current, IReadOnlyList<string> Desired);
