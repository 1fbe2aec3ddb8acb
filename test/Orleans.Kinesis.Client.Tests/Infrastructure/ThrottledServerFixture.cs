namespace Orleans.Kinesis.Client.Tests.Infrastructure;

/// <summary>The server with AWS's per-shard throughput limits enforced (1 MiB/s, 1,000 records/s in).</summary>
public sealed class ThrottledServerFixture : ServerFixture
{
    protected override bool ThroughputLimits => true;
}
