namespace Orleans.Kinesis.Storage.Logs.Memory;

/// <summary>The records of one in-memory shard log; outlives the <see cref="MemoryRecordLog"/> instances that open it.</summary>
internal sealed class MemoryLogData
{
    public Lock Gate { get; } = new();

    /// <summary>One entry per append: its records share one copied block and one arrival time.</summary>
    public List<MemoryFrame> Frames { get; } = [];

    public long FirstOrdinal { get; set; }

    public long NextOrdinal { get; set; }

    public long LastArrivalTimeMs { get; set; }
}
