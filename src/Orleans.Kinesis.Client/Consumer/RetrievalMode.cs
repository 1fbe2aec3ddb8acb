namespace Orleans.Kinesis.Client.Consumer;

/// <summary>How records are fetched (spec b.11).</summary>
public enum RetrievalMode
{
    /// <summary>GetShardIterator + GetRecords loops (shared read throughput).</summary>
    Polling,

    /// <summary>RegisterStreamConsumer + SubscribeToShard over HTTP/2 (dedicated throughput).</summary>
    FanOut,
}
