namespace Orleans.Kinesis.Client.Producer;

/// <summary>The KPL settings this producer honours (names and defaults of spec a.6).</summary>
public sealed class KinesisProducerOptions
{
    /// <summary>Pack user records predicted for the same shard into KPL aggregated records.</summary>
    public bool AggregationEnabled { get; set; } = true;

    public long AggregationMaxCount { get; set; } = uint.MaxValue;

    /// <summary>Largest aggregated record (bytes); a larger user record goes alone.</summary>
    public int AggregationMaxSize { get; set; } = 51_200;

    /// <summary>Kinesis records per PutRecords (1–500).</summary>
    public int CollectionMaxCount { get; set; } = 500;

    /// <summary>Bytes per PutRecords (data plus partition keys).</summary>
    public int CollectionMaxSize { get; set; } = 5 * 1024 * 1024;

    /// <summary>Longest a user record waits in the buffers before it is sent.</summary>
    public TimeSpan RecordMaxBufferedTime { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A user record not put within this time fails with error code <c>Expired</c>.</summary>
    public TimeSpan RecordTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-shard send rate as a percentage of the shard limits (1,000 records/s, 1 MiB/s).</summary>
    public int RateLimit { get; set; } = 150;

    /// <summary>Fail a throttled record at once instead of retrying it.</summary>
    public bool FailIfThrottled { get; set; }

    public int MaxUserRecordSize { get; set; } = 1024 * 1024;

    /// <summary>Bytes accepted but not yet put; <c>AddUserRecordAsync</c> waits (back-pressure) beyond this.</summary>
    public long MaxOutstandingBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>PutRecords calls in flight at once.</summary>
    public int MaxConcurrentRequests { get; set; } = 24;

    /// <summary>Clock of deadlines and rate limits.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
