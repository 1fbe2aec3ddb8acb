namespace Orleans.Kinesis.Grains.Tests.Infrastructure;

/// <summary>Two silos of one cluster, for grains that talk across nodes (each with the fixture's memory storage and clock).</summary>
public sealed class TwoSiloClusterFixture : GrainClusterFixture
{
    public TwoSiloClusterFixture()
        : base(2)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class TwoSiloClusterCollection : ICollectionFixture<TwoSiloClusterFixture>
{
    public const string Name = "two-silo grain cluster";
}
