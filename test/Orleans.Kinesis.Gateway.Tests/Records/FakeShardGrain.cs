using Orleans.Kinesis.Abstractions.Errors;
using Orleans.Kinesis.Abstractions.Grains;

namespace Orleans.Kinesis.Gateway.Tests.Records;

/// <summary>A shard that numbers appends from 0, or refuses them as closed once <see cref="Closed"/> is set.</summary>
internal sealed class FakeShardGrain : IShardGrain
{
    private long _next;

    public bool Closed { get; set; }

    public int Appended { get; private set; }

    /// <summary>The last append received.</summary>
    public ShardAppend? Last { get; private set; }

    public Task<ShardAppendResult> AppendAsync(ShardAppend append)
    {
        var records = append.Records;
        Last = append;
        if (Closed)
        {
            return Task.FromException<ShardAppendResult>(KinesisErrors.ShardClosedError("closed"));
        }

        var first = _next;
        _next += records.Length;
        Appended += records.Length;
        return Task.FromResult(new ShardAppendResult(first, records.Length));
    }

    public Task<long> CloseAsync() => throw new NotSupportedException();

    public Task InitializeAsync(ShardDescriptor descriptor, int retentionPeriodHours) => throw new NotSupportedException();

    public Task SetRetentionPeriodAsync(int hours) => throw new NotSupportedException();

    public Task<ShardReadResult> ReadAsync(long fromOrdinal, int maxRecords, long maxBytes) => throw new NotSupportedException();

    public Task<ShardReadResult> ReadForSubscriptionAsync(long fromOrdinal, int maxRecords, long maxBytes) => throw new NotSupportedException();

    public Task<ShardPositions> GetPositionsAsync() => throw new NotSupportedException();

    public Task<long> FindByArrivalTimeAsync(long arrivalTimeMs) => throw new NotSupportedException();

    public Task DeleteAsync() => throw new NotSupportedException();
}
