using Orleans.Kinesis.Abstractions.Records;

namespace Orleans.Kinesis.Abstractions.Grains;

/// <summary>Records read from a shard and the shard's positions at the time of the read. Dispose returns buffers.</summary>
public sealed record ShardReadResult(RecordBatch Records, ShardPositions Positions) : IDisposable
{
    public void Dispose() => Records.Dispose();
}
